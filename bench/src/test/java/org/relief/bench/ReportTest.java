package org.relief.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTest {
    @Test
    void percentilesAreFormattedInMilliseconds() {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i * 1000L); // 1 … 1000 ms in microseconds
        }
        // HdrHistogram (3 significant digits) reports the highest value equivalent to the recorded one
        assertEquals("p50 500.2 ms, p99 990.2 ms, p99.9 999.4 ms, max 1000.4 ms", Report.micros(h, true));
        assertEquals("–", Report.micros(new Histogram(3), false));
    }

    @Test
    void aSmokeRunFailsOnARequestNotAcceptedOrNotSettled() {
        Recorder rec = new Recorder();
        long t = rec.startNanos;
        rec.answered(201, t, t + 1_000_000, "id-1", "{}");
        rec.answered(201, t, t + 1_000_000, "id-2", "{}");
        Report r = new Report();
        r.rec = rec;
        r.offered = 2;
        r.settled = 2;
        assertEquals(null, r.checkFailure());

        r.settled = 1;
        assertEquals("1 of 2 accepted requests settled within the timeout", r.checkFailure());

        rec.answered(500, t, t + 1_000_000, null, "{}");
        rec.failed(new java.io.IOException("connection reset"));
        r.offered = 4;
        r.settled = 2;
        assertEquals("2 of 4 requests accepted (answers {201=2, 500=1}, transport errors 1)", r.checkFailure());
        // scale-out checks every round; without --check a run only reports
        r.scenario = "supply-surge";
        Report.check(Options.parse("scale-out", "--requests", "20"), List.of(r));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Report.check(Options.parse("scale-out", "--requests", "20", "--check"), List.of(r)));
        assertTrue(e.getMessage().contains("supply-surge: 2 of 4 requests accepted"), e.getMessage());
    }

    @Test
    void aReportHasEveryFigureAndRatiosToTheCeilings() {
        Recorder rec = new Recorder();
        long t = rec.startNanos;
        for (int i = 0; i < 10; i++) {
            rec.answered(201, t + i * 100_000_000L, t + i * 100_000_000L + 20_000_000L, "id-" + i, "{}");
        }
        rec.answered(400, t, t + 1_000_000, null, "{\"type\":\"validation\"}");
        rec.retried(429);
        Report r = new Report();
        r.scenario = "supply-surge";
        r.commandLine = "./platform bench supply-surge --requests 11";
        r.started = Instant.parse("2026-12-01T06:00:00Z");
        r.machine = "2 cores";
        r.rec = rec;
        r.offered = 11;
        r.submitSeconds = 1.0;
        r.settled = 10;
        r.measuredSeconds = 10;
        r.stages = new Workload.Stages();
        Instant s = Instant.parse("2026-12-01T06:00:00Z");
        for (int i = 0; i < 10; i++) {
            r.stages.add(s.plusMillis(100L * i), s.plusMillis(100L * i + 500), s.plusMillis(100L * i + 1000));
        }
        r.offsetsBefore = 100L;
        r.offsetsAfter = 300L;
        r.commitsBefore = Map.of("requests", 10L, "inventory", 0L);
        r.commitsAfter = Map.of("requests", 110L, "inventory", 50L);
        Map<String, ProcSampler.Usage> cpu = new LinkedHashMap<>();
        cpu.put("requests-service", new ProcSampler.Usage("requests-service", 42, 2.0, 300 * 1024, true));
        cpu.put("postgresql", new ProcSampler.Usage("postgresql (3 processes)", -1, 3.0, 100 * 1024, true));
        r.cpu = cpu;
        r.pgInsertsPerSecond = 1000.0;
        r.kafkaRecordsPerSecond = 10000.0;
        r.settleSamples = List.of(new double[] {1, 0}, new double[] {2, 10});
        String md = r.markdown("l.svg", "s.svg");
        assertTrue(md.contains("| accepted (201) | 10 |"), md);
        assertTrue(md.contains("{201=10, 400=1}"), md);
        assertTrue(md.contains("{429=1}"), md);
        assertTrue(md.contains("| accepted requests/s | 10.0 |"), md);
        // span: first submitted 06:00:00.000, last scheduled 06:00:01.900 → 10 / 1.9 s
        assertTrue(md.contains("| sagas/s (settled ÷ that span) | 5.26 |"), md);
        assertTrue(md.contains("200 records appended to all topics = **20.0 events/s**"), md);
        assertTrue(md.contains("**15.0 commits per saga**"), md);
        assertTrue(md.contains("CPU per saga, all these processes together: **500.0 ms**"), md);
        // 5.26 sagas/s × 15 commits = 78.9 commits/s of a 1000/s ceiling
        assertTrue(md.contains("| 1000.0 | sagas/s × commits per saga = 78.9 commits/s | **0.08**"), md);
        assertTrue(md.contains("| 10000.0 | 20.0 events/s | **0.00** |"), md);
        assertTrue(md.contains("| 0–10 s | 10 |"), md);
        assertTrue(r.settledSvg().contains("<polyline"));
        assertTrue(r.latencySvg().contains("<polyline"));
    }

    @Test
    void platesAreChinesePlatesUniquePerRunAndVehicle() {
        java.util.regex.Pattern servicePattern =
                java.util.regex.Pattern.compile("^\\p{IsHan}[A-Z][A-Z0-9]{4,5}[A-Z0-9挂学警港澳领]$");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (long run : new long[] {1_764_571_000L, 1_764_571_001L}) {
            for (int i : new int[] {0, 1, 4999, 800_000, 804_999}) {
                String p = Workload.plate(run, i);
                assertTrue(servicePattern.matcher(p).matches(), p);
                assertTrue(seen.add(p), p);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Workload.plate(1, 36 * 36 * 36 * 36));
    }

    @Test
    void optionsAreChecked() {
        Options o = Options.parse("supply-surge", "--requests", "100", "--no-ceilings");
        assertEquals(100, o.integer("--requests", 2000));
        assertEquals(32, o.integer("--concurrency", 32));
        assertTrue(o.flag("--no-ceilings"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("supply-surge", "--rides", "5"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("supply-surge", "--requests", "x"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("nonsense"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse());
    }
}
