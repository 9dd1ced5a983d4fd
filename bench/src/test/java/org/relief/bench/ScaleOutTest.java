package org.relief.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relief.kernel.security.LocalTokens;

class ScaleOutTest {
    @Test
    void theInstancesListingOfThePlatformScriptIsRead() {
        List<ScaleOut.Instance> running = ScaleOut.parse(
                "requests-service 101 8081\nrequests-service-2 102 8091\ninventory-service 103 8082\n\nnoise\n");
        assertEquals(3, running.size());
        assertEquals("requests-service", running.get(1).service());
        assertEquals(
                List.of("http://127.0.0.1:8081", "http://127.0.0.1:8091"), ScaleOut.urls(running, "requests-service"));
        assertEquals(List.of("http://127.0.0.1:8082"), ScaleOut.urls(running, "inventory-service"));
    }

    @Test
    void eachClientThreadKeepsToOneInstanceAndThreadsAreDealtOutInTurn(@TempDir Path root) throws Exception {
        Path keys = Files.createDirectories(root.resolve(".local/keys"));
        LocalTokens.generateKeys(keys.resolve("jwt-private.pem"), keys.resolve("jwt-public.pem"));
        Api api = Bench.api(
                root,
                List.of("http://a:1", "http://a:2"),
                List.of("http://b:1"),
                List.of("http://c:1"),
                List.of("http://d:1"));
        String first = api.requests();
        assertEquals(first, api.requests());
        String[] other = new String[1];
        Thread t = new Thread(() -> other[0] = api.requests());
        t.start();
        t.join();
        assertTrue(!first.equals(other[0]), first + " and " + other[0]);
        assertEquals("requests 2, inventory 1, dispatch 1, volunteer 1", api.instances());
    }

    @Test
    void theSummaryPutsTheRoundsSideBySideWithTheirRatio() {
        Report one = round(10, 2000, 3.0);
        Report two = round(10, 1000, 3.5);
        String md = ScaleOut.summary(
                Options.parse("scale-out", "--requests", "10"), List.of(one, two), List.of("a.md", "b.md"));
        // 10 sagas over 2 s (one) and 1 s (two): twice the sagas/s
        assertTrue(md.contains("| sagas/s (submitted → TRANSPORT_SCHEDULED) | 5.0 | 10.0 | 2.00 |"), md);
        assertTrue(md.contains("| CPU per saga, all processes (ms) | 500.0 | 550.0 | 1.10 |"), md);
        assertTrue(md.contains("| peak RSS of the services together (MB) | 300.0 | 300.0 | 1.00 |"), md);
        assertTrue(md.contains("**2.00×** the sagas/s of one"), md);
        assertTrue(md.contains("[a.md](a.md), [b.md](b.md)"), md);
    }

    /** {@code sagas} sagas all submitted at once and scheduled one after the other over {@code spanMillis}. */
    private static Report round(int sagas, long spanMillis, double serviceCpu) {
        Recorder rec = new Recorder();
        for (int i = 0; i < sagas; i++) {
            rec.answered(201, rec.startNanos, rec.startNanos + 20_000_000L, "id-" + i, "{}");
        }
        Report r = new Report();
        r.started = Instant.parse("2026-12-02T02:00:00Z");
        r.machine = "2 cores";
        r.rec = rec;
        r.submitSeconds = 1.0;
        r.settled = sagas;
        r.stages = new Workload.Stages();
        Instant s = r.started;
        for (int i = 0; i < sagas; i++) {
            long at = spanMillis * (i + 1) / sagas;
            r.stages.add(s, s.plusMillis(at / 2), s.plusMillis(at));
        }
        Map<String, ProcSampler.Usage> cpu = new LinkedHashMap<>();
        cpu.put("requests-service", new ProcSampler.Usage("requests-service", 1, serviceCpu, 300 * 1024, true));
        cpu.put("kafka", new ProcSampler.Usage("kafka", 2, 2.0, 500 * 1024, true));
        r.cpu = cpu;
        return r;
    }
}
