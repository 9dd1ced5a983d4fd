package org.relief.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.relief.bench.store.EventStoreBenchmark;

/**
 * {@code ./platform bench event-store [--threads 8] [--seconds 5] [--no-ceilings]}: the JMH benchmark
 * {@link EventStoreBenchmark} (one forked JVM, 3 warm-up and 5 measured iterations of {@code --seconds} each, every
 * operation from {@code --threads} threads at once), then a report of ours beside Axon's with the PostgreSQL single-row
 * commit ceiling measured on the same server right after. Needs only PostgreSQL, not the platform.
 */
final class EventStoreBench {
    private EventStoreBench() {}

    static void run(Options o) throws Exception {
        int threads = o.integer("--threads", 8);
        int seconds = o.integer("--seconds", 5);
        var options = new OptionsBuilder()
                .include(EventStoreBenchmark.class.getName() + "\\.")
                .threads(threads)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(seconds))
                .jvmArgsAppend("-Xmx512m")
                .build();
        Collection<RunResult> results = new Runner(options).run();

        // benchmark name (appendOurs…) and events per commit → [ops/s, error]
        Map<String, double[]> score = new TreeMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            String per = r.getParams().getParam("eventsPerCommit");
            per = per == null ? "1" : per; // the loads take no parameter
            var p = r.getPrimaryResult();
            score.put(name + "/" + per, new double[] {p.getScore(), p.getScoreError()});
        }
        double ceiling = Double.NaN;
        if (!o.flag("--no-ceilings")) {
            ceiling = new Probes(
                            "unused",
                            Bench.env("PGHOST", "127.0.0.1"),
                            Bench.env("PGPORT", "5432"),
                            Bench.env("PGUSER", Bench.env("RELIEF_DB_USER", "relief")),
                            Bench.env("PGPASSWORD", Bench.env("RELIEF_DB_PASSWORD", "relief")))
                    .postgresInsertCeiling(threads, seconds);
        }
        String report = report(o, threads, seconds, score, ceiling);
        System.out.println(report);
        Path dir = Path.of(Bench.prop("bench.root", ".")).resolve("bench/target/reports");
        Files.createDirectories(dir);
        Path file = dir.resolve(
                "event-store-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.writeString(file, report, StandardCharsets.UTF_8);
        System.err.println("bench: report written to " + file);
    }

    static String report(Options o, int threads, int seconds, Map<String, double[]> score, double ceiling) {
        StringBuilder b = new StringBuilder();
        b.append("# event-store benchmark\n\n");
        b.append("- command: `./platform bench ")
                .append(String.join(" ", o.args))
                .append("`\n");
        b.append("- started: ").append(Instant.now()).append('\n');
        b.append("- machine: ").append(Bench.machine()).append('\n');
        b.append("- JMH: 1 fork, 3 × ")
                .append(seconds)
                .append(" s warm-up, 5 × ")
                .append(seconds)
                .append(" s measured, ")
                .append(threads)
                .append(" threads; database ")
                .append("bench_eventstore")
                .append(", one pool of 16 connections for both\n\n");
        b.append("| operation | events per commit | ours (ops/s) | Axon JDBC (ops/s) | ours ÷ Axon |"
                + " ours, events/s |\n|---|---|---|---|---|---|\n");
        // operation label, our benchmark, events per operation (null: the load, no parameter)
        String[][] rows = {
            {"append (one transaction)", "appendOurs", "1"},
            {"append (one transaction)", "appendOurs", "10"},
            {"load a 20-event stream", "loadOurs", null},
            {"append, ours in auto-commit as Axon runs here", "appendOursAutoCommit", "1"},
            {"append, ours in auto-commit as Axon runs here", "appendOursAutoCommit", "10"}
        };
        for (String[] row : rows) {
            String per = row[2] == null ? "1" : row[2];
            double[] ours = score.get(row[1] + "/" + per);
            double[] axon = score.get((row[2] == null ? "loadAxon" : "appendAxon") + "/" + per);
            if (ours == null || axon == null) {
                continue;
            }
            int events = row[2] == null ? EventStoreBenchmark.LOADED_STREAM_LENGTH : Integer.parseInt(per);
            b.append("| ")
                    .append(row[0])
                    .append(" | ")
                    .append(row[2] == null ? "–" : per)
                    .append(" | ")
                    .append(fmt(ours))
                    .append(" | ")
                    .append(fmt(axon))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", ours[0] / axon[0]))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", ours[0] * events))
                    .append(" |\n");
        }
        if (!Double.isNaN(ceiling)) {
            double[] single = score.get("appendOurs/1");
            b.append("\nPostgreSQL ceiling on the same server right after: ")
                    .append(String.format(Locale.ROOT, "%,.0f", ceiling))
                    .append(" single-row auto-commit inserts/s from ")
                    .append(threads)
                    .append(" connections");
            if (single != null) {
                b.append("; one-event appends reach ")
                        .append(String.format(Locale.ROOT, "%.2f", single[0] / ceiling))
                        .append(" of it");
            }
            b.append(".\n");
        }
        return b.toString();
    }

    private static String fmt(double[] s) {
        return String.format(Locale.ROOT, "%,.0f ± %,.0f", s[0], s[1]);
    }
}
