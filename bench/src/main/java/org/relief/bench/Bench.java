package org.relief.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./platform bench <scenario> [options]}: load against the running platform through its public APIs, then a
 * Markdown report with SVG plots in bench/target/reports. The platform script passes where things are as system
 * properties: bench.root, bench.url.{requests,inventory,dispatch,volunteer}, bench.pids (name=pid,…), bench.key,
 * bench.issuer, bench.kafka; PostgreSQL from PGHOST, PGPORT, PGUSER (default relief), PGPASSWORD.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(o);
            System.exit(0);
        } catch (Exception e) {
            System.err.println("bench: failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    static String prop(String name, String dflt) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    static void run(Options o) throws Exception {
        if (o.scenario.equals("event-store")) {
            EventStoreBench.run(o);
            return;
        }
        Path root = Path.of(prop("bench.root", "."));
        Probes probes = new Probes(
                prop("bench.kafka", "127.0.0.1:9092"),
                env("PGHOST", "127.0.0.1"),
                env("PGPORT", "5432"),
                env("PGUSER", env("RELIEF_DB_USER", "relief")),
                env("PGPASSWORD", env("RELIEF_DB_PASSWORD", "relief")));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        if (o.scenario.equals("scale-out")) {
            ScaleOut.run(o, root, probes, stamp);
            return;
        }
        Map<String, Long> pids = pids();
        Api api = api(
                root,
                Api.urls(prop("bench.url.requests", "http://127.0.0.1:8081")),
                Api.urls(prop("bench.url.inventory", "http://127.0.0.1:8082")),
                Api.urls(prop("bench.url.dispatch", "http://127.0.0.1:8083")),
                Api.urls(prop("bench.url.volunteer", "http://127.0.0.1:8084")));
        Report rep = measure(o, o.scenario, api, pids, probes, !o.flag("--no-ceilings"));
        Path md = rep.write(root.resolve("bench/target/reports"), stamp);
        System.out.println();
        System.out.println(Files.readString(md));
        log("report: " + md);
        Report.check(o, List.of(rep));
    }

    /** The processes the platform script names ({@code bench.pids}: name=pid,…), by name. */
    static Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String kv : prop("bench.pids", "").split(",")) {
            String[] p = kv.split("=", 2);
            if (p.length == 2 && p[1].matches("[0-9]+")) {
                pids.put(p[0], Long.parseLong(p[1]));
            }
        }
        return pids;
    }

    static Api api(
            Path root, List<String> requests, List<String> inventory, List<String> dispatch, List<String> volunteer)
            throws Exception {
        return new Api(
                requests,
                inventory,
                dispatch,
                volunteer,
                Path.of(prop(
                        "bench.key", root.resolve(".local/keys/jwt-private.pem").toString())),
                prop("bench.issuer", env("RELIEF_JWT_ISSUER", "https://relief-logistics.local")));
    }

    /**
     * One run of {@code load} (supply-surge, exam-day or steady) with {@code o}'s sizes: setup, then the measured
     * window (first submit to settled), then the timelines and, if asked, the ceilings. Returns its figures, unwritten.
     */
    static Report measure(Options o, String load, Api api, Map<String, Long> pids, Probes probes, boolean ceilings)
            throws Exception {
        long runNumber = Instant.now().getEpochSecond();
        String run = Long.toString(runNumber, 36);
        Workload w = new Workload(api, runNumber);
        Report rep = new Report();
        rep.scenario = load;
        rep.commandLine = "./platform bench " + String.join(" ", o.args);
        rep.started = Instant.now();
        rep.machine = machine();
        rep.rides = load.equals("exam-day");
        int concurrency = o.integer("--concurrency", 32);
        int settleTimeout = o.integer("--settle-timeout", 600);
        log("run " + run + ": " + load + " (" + rep.commandLine + "), instances: " + api.instances());
        w.notes.add("instances of each service: " + api.instances());
        // ---- setup (not measured)
        int n;
        String kind;
        java.util.function.IntFunction<Workload.Call> calls;
        Double rate = null;
        if (load.equals("exam-day")) {
            n = o.integer("--rides", 5000);
            int zones = o.integer("--zones", 229);
            int taxis = o.integer("--taxis", n);
            kind = "RIDE";
            log("setup: " + taxis + " taxis");
            w.vehicles("TAXI", taxis, Workload.DISTRICTS, Math.min(concurrency, 16));
            Instant windowStart = Instant.now().plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            Instant windowEnd = windowStart.plusSeconds(3600);
            w.notes.add("rides: " + n + " from " + zones + " zones (organisations bench-zone-NNN), window "
                    + windowStart + " – " + windowEnd);
            calls = i -> w.ride(i, zones, windowStart, windowEnd);
        } else {
            boolean steady = load.equals("steady");
            if (steady) {
                int r = o.integer("--rate", 50);
                rate = (double) r;
                n = r * o.integer("--duration", 120);
            } else {
                n = o.integer("--requests", 2000);
            }
            int orgs = o.integer("--organisations", 200);
            int lines = o.integer("--lines", 1);
            int trucks = o.integer("--trucks", Math.max(n, 200));
            kind = "SUPPLIES";
            String[] wh = w.warehouse();
            List<String> items = w.items(lines);
            w.donate(wh[0], items, n);
            log("setup: " + trucks + " trucks");
            w.vehicles("TRUCK", trucks, List.of(wh[1]), Math.min(concurrency, 16));
            w.notes.add("requests: " + n + " SUPPLIES × " + lines + " line(s) of " + Workload.QUANTITY_PER_LINE
                    + " pieces from " + orgs + " organisations (bench-community-NNNN), district " + wh[1]);
            calls = i -> w.supplies(i, orgs, wh[1], items);
        }
        rep.offered = n;

        // ---- measured window: first submit to settled
        ProcSampler sampler = new ProcSampler(pids, ProcSampler.clockTicks());
        rep.offsetsBefore = tryLong(() -> probes.sumEndOffsets(), rep, "Kafka offsets before");
        rep.commitsBefore = tryMap(() -> probes.commits(Probes.SERVICE_DATABASES), rep, "commit counters before");
        Instant since = Instant.now();
        Recorder rec = new Recorder();
        rep.rec = rec;
        log("submitting " + n + (rate == null ? " with " + concurrency + " workers" : " at " + rate + "/s") + " …");
        if (rate == null) {
            w.closed(n, concurrency, calls, rec);
        } else {
            w.open(n, rate, Math.max(concurrency, 64), calls, rec);
        }
        rep.submitSeconds = (rec.lastAnswerNanos.get() - rec.startNanos) / 1e9;
        log(String.format(
                "submitted: %d accepted of %d in %.1f s, answers %s",
                rec.accepted(), n, rep.submitSeconds, rec.statusCounts()));
        log("waiting until every accepted request is TRANSPORT_SCHEDULED or later (at most " + settleTimeout + " s) …");
        rep.settleSamples = w.settle(kind, since, rec.accepted(), settleTimeout, rec.startNanos);
        double[] last = rep.settleSamples.get(rep.settleSamples.size() - 1);
        rep.settled = (int) last[1];
        rep.measuredSeconds = (System.nanoTime() - rec.startNanos) / 1e9;
        rep.cpu = sampler.finish();
        rep.offsetsAfter = tryLong(() -> probes.sumEndOffsets(), rep, "Kafka offsets after");
        rep.commitsAfter = tryMap(() -> probes.commits(Probes.SERVICE_DATABASES), rep, "commit counters after");
        log(String.format("settled: %d of %d after %.1f s", rep.settled, rec.accepted(), last[0]));

        // ---- after the window: timelines, ceilings
        log("reading " + rec.accepted() + " timelines …");
        rep.stages = w.timelines(new ArrayList<>(rec.acceptedIds), Math.min(concurrency, 16));
        if (!ceilings) {
            rep.ceilingNote = o.flag("--no-ceilings") ? "Not measured (`--no-ceilings`)." : "Not measured in this run.";
        } else {
            log("ceilings: PostgreSQL inserts (8 threads, 5 s), Kafka producer (512 B, acks=all, 5 s) …");
            try {
                rep.pgInsertsPerSecond = probes.postgresInsertCeiling(8, 5);
            } catch (Exception e) {
                rep.warnings.add("PostgreSQL ceiling failed: " + e);
            }
            try {
                rep.kafkaRecordsPerSecond = probes.kafkaProducerCeiling(5);
            } catch (Exception e) {
                rep.warnings.add("Kafka ceiling failed: " + e);
            }
        }
        rep.setup.addAll(w.notes);
        return rep;
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    private static Long tryLong(Probe<Long> p, Report rep, String what) {
        try {
            return p.get();
        } catch (Exception e) {
            rep.warnings.add(what + " could not be read: " + e);
            return null;
        }
    }

    private static Map<String, Long> tryMap(Probe<Map<String, Long>> p, Report rep, String what) {
        try {
            return p.get();
        } catch (Exception e) {
            rep.warnings.add(what + " could not be read: " + e);
            return Map.of();
        }
    }

    static String machine() {
        String mem = "?";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    mem = String.format(java.util.Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (nproc), " + mem + " memory, Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    static void log(String s) {
        System.err.println("bench: " + s);
    }
}
