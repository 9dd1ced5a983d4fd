package org.relief.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Every figure of one run, and the Markdown and SVG written from them. */
final class Report {
    // what ran
    String scenario;
    String commandLine;
    Instant started;
    String machine;
    List<String> setup = new ArrayList<>();
    List<String> warnings = new ArrayList<>();

    // submitting
    Recorder rec;
    int offered;
    double submitSeconds;

    // settling (from the list endpoint, once a second) and the timelines
    List<double[]> settleSamples = List.of();
    int settled;
    Workload.Stages stages;
    boolean rides;

    // the measured window: first submit to settled
    double measuredSeconds;
    Long offsetsBefore;
    Long offsetsAfter;
    Map<String, ProcSampler.Usage> cpu = new LinkedHashMap<>();
    Map<String, Long> commitsBefore = Map.of();
    Map<String, Long> commitsAfter = Map.of();

    // ceilings (null: not measured)
    Double pgInsertsPerSecond;
    Double kafkaRecordsPerSecond;
    String ceilingNote;

    /**
     * What a smoke run ({@code --check}) fails on: a request not accepted (an answer other than 201 after the retries
     * of 429 and 503, or a transport error) or an accepted one not settled within the timeout; null if neither.
     */
    String checkFailure() {
        List<String> failures = new ArrayList<>();
        if (rec.accepted() < offered) {
            failures.add(rec.accepted() + " of " + offered + " requests accepted (answers " + rec.statusCounts()
                    + ", transport errors " + rec.exceptions.get() + ")");
        }
        if (settleTimedOut()) {
            failures.add(settled + " of " + rec.accepted() + " accepted requests settled within the timeout");
        }
        return failures.isEmpty() ? null : String.join("; ", failures);
    }

    /** Some accepted request had not settled when the run stopped waiting. */
    boolean settleTimedOut() {
        return settled < rec.accepted();
    }

    /** Fails a {@code --check} run whose reports have a {@link #checkFailure}, naming each. */
    static void check(Options o, List<Report> reports) {
        if (!o.flag("--check")) {
            return;
        }
        List<String> failed = reports.stream()
                .filter(r -> r.checkFailure() != null)
                .map(r -> r.scenario + ": " + r.checkFailure())
                .toList();
        if (!failed.isEmpty()) {
            throw new IllegalStateException("check failed: " + String.join("; ", failed));
        }
    }

    static String ms(double micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** p50 / p99 / p99.9 / max of a microsecond histogram, or "–" when empty. */
    static String micros(Histogram h, boolean withP999) {
        if (h.getTotalCount() == 0) {
            return "–";
        }
        return "p50 " + ms(h.getValueAtPercentile(50)) + ", p99 " + ms(h.getValueAtPercentile(99))
                + (withP999 ? ", p99.9 " + ms(h.getValueAtPercentile(99.9)) : "")
                + ", max " + ms(h.getMaxValue());
    }

    /** p50 / p99 / max of a millisecond histogram in seconds. */
    static String millisAsSeconds(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "–";
        }
        return String.format(
                Locale.ROOT,
                "p50 %.2f s, p99 %.2f s, max %.2f s (%d requests)",
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0,
                h.getTotalCount());
    }

    double sagaSpanSeconds() {
        if (stages == null || stages.firstSubmitted == null || stages.lastScheduled == null) {
            return Double.NaN;
        }
        return java.time.Duration.between(stages.firstSubmitted, stages.lastScheduled)
                        .toMillis()
                / 1000.0;
    }

    double sagasPerSecond() {
        double span = sagaSpanSeconds();
        return Double.isNaN(span) || span <= 0 ? Double.NaN : settled / span;
    }

    long commitsDelta() {
        long d = 0;
        for (var e : commitsAfter.entrySet()) {
            d += e.getValue() - commitsBefore.getOrDefault(e.getKey(), e.getValue());
        }
        return d;
    }

    double totalCpuSeconds() {
        return cpu.values().stream().mapToDouble(ProcSampler.Usage::cpuSeconds).sum();
    }

    String markdown(String latencyPlot, String settledPlot) {
        StringBuilder b = new StringBuilder();
        b.append("# Platform benchmark: ").append(scenario).append("\n\n");
        b.append("- started: ").append(started).append('\n');
        b.append("- machine: ").append(machine).append('\n');
        b.append("- command: `").append(commandLine).append("`\n");
        for (String s : setup) {
            b.append("- setup: ").append(s).append('\n');
        }
        for (String w : warnings) {
            b.append("- **warning**: ").append(w).append('\n');
        }

        b.append("\n## Submitting\n\n");
        int accepted = rec.accepted();
        b.append("| figure | value |\n|---|---|\n");
        b.append("| offered | ").append(offered).append(" requests |\n");
        b.append("| accepted (201) | ").append(accepted).append(" |\n");
        b.append("| answers by status | ").append(rec.statusCounts()).append(" |\n");
        b.append("| retried after Retry-After (429 / 503) | ")
                .append(rec.retryCounts().isEmpty() ? "none" : rec.retryCounts().toString())
                .append(" |\n");
        b.append("| transport errors | ").append(rec.exceptions.get()).append(" |\n");
        b.append("| submit phase | ").append(f1(submitSeconds)).append(" s |\n");
        b.append("| accepted requests/s | ")
                .append(submitSeconds > 0 ? f1(accepted / submitSeconds) : "–")
                .append(" |\n");
        b.append("| submit latency | ").append(micros(rec.latency, true)).append(" |\n");
        if (!rec.firstErrors.isEmpty()) {
            b.append("\nFirst answer of each error status:\n\n");
            rec.firstErrors.forEach((k, v) -> b.append("- ")
                    .append(k == -1 ? "exception" : k)
                    .append(": `")
                    .append(v.replace("`", "'").replace("\n", " "))
                    .append("`\n"));
        }

        b.append("\n## Sagas (server timestamps from each request's timeline)\n\n");
        b.append("| figure | value |\n|---|---|\n");
        b.append("| settled (TRANSPORT_SCHEDULED or later) | ")
                .append(settled)
                .append(" of ")
                .append(accepted)
                .append(settleTimedOut() ? " (**settle timeout reached**)" : "")
                .append(" |\n");
        if (stages != null) {
            b.append("| timelines read | ")
                    .append(stages.read)
                    .append(stages.unreadable > 0 ? " (" + stages.unreadable + " unreadable)" : "")
                    .append(" |\n");
            if (!rides) {
                b.append("| submitted → reserved (first StockAllocated) | ")
                        .append(millisAsSeconds(stages.reserved))
                        .append(" |\n");
            }
            b.append("| submitted → scheduled (first TransportScheduled) | ")
                    .append(millisAsSeconds(stages.scheduled))
                    .append(" |\n");
            b.append("| first submit → last TransportScheduled | ")
                    .append(f2(sagaSpanSeconds()))
                    .append(" s |\n");
            b.append("| sagas/s (settled ÷ that span) | ")
                    .append(f2(sagasPerSecond()))
                    .append(" |\n");
            if (rides && stages.lastSubmitted != null && stages.lastScheduled != null) {
                b.append("| all rides assigned within | ")
                        .append(f2(java.time.Duration.between(stages.lastSubmitted, stages.lastScheduled)
                                        .toMillis()
                                / 1000.0))
                        .append(" s of the last request")
                        .append(stages.withoutSchedule > 0 ? " (" + stages.withoutSchedule + " not assigned)" : "")
                        .append(" |\n");
            }
        }

        b.append("\n## Resources over the measured window (")
                .append(f1(measuredSeconds))
                .append(" s: first submit to settled)\n\n");
        if (offsetsBefore != null && offsetsAfter != null) {
            long events = offsetsAfter - offsetsBefore;
            b.append("- Kafka: ")
                    .append(events)
                    .append(" records appended to all topics = **")
                    .append(f1(events / measuredSeconds))
                    .append(" events/s**")
                    .append(
                            settled > 0
                                    ? String.format(Locale.ROOT, " (%.1f records per saga)", events / (double) settled)
                                    : "")
                    .append('\n');
        }
        long commits = commitsDelta();
        b.append("- PostgreSQL commits in the four service databases (pg_stat_database xact_commit): ")
                .append(commits)
                .append(
                        settled > 0
                                ? String.format(Locale.ROOT, " = **%.1f commits per saga**", commits / (double) settled)
                                : "")
                .append(" ")
                .append(perDatabase())
                .append('\n');
        b.append("\n| process | pid | CPU s | CPU % of one core | peak RSS |\n|---|---|---|---|---|\n");
        for (ProcSampler.Usage u : cpu.values()) {
            b.append("| ")
                    .append(u.name())
                    .append(" | ")
                    .append(u.pid() > 0 ? u.pid() : "–")
                    .append(" | ")
                    .append(u.seen() ? f1(u.cpuSeconds()) : "not found")
                    .append(" | ")
                    .append(u.seen() && measuredSeconds > 0 ? f1(100 * u.cpuSeconds() / measuredSeconds) : "–")
                    .append(" | ")
                    .append(u.peakRssKb() > 0 ? (u.peakRssKb() / 1024) + " MB" : "–")
                    .append(" |\n");
        }
        double total = totalCpuSeconds();
        b.append("| **all** | | **")
                .append(f1(total))
                .append("** | ")
                .append(measuredSeconds > 0 ? f1(100 * total / measuredSeconds) : "–")
                .append(" | |\n\n");
        if (settled > 0) {
            b.append("CPU per saga, all these processes together: **")
                    .append(f1(1000 * total / settled))
                    .append(" ms**. (PostgreSQL's peak RSS sums every postgres process, so shared buffers count more"
                            + " than once.)\n");
        }

        b.append("\n## Ceilings, measured by this run after the load\n\n");
        if (ceilingNote != null) {
            b.append(ceilingNote).append("\n");
        } else {
            b.append("| ceiling | value | ours | ratio |\n|---|---|---|---|\n");
            double sps = sagasPerSecond();
            double cps = settled > 0 ? commits / (double) settled : Double.NaN;
            if (pgInsertsPerSecond != null) {
                b.append("| PostgreSQL single-row autocommit inserts/s (8 threads, 5 s, database bench) | ")
                        .append(f1(pgInsertsPerSecond))
                        .append(" | sagas/s × commits per saga = ")
                        .append(f1(sps * cps))
                        .append(" commits/s | **")
                        .append(f2(sps * cps / pgInsertsPerSecond))
                        .append("** (target ≥ 0.5) |\n");
            }
            if (kafkaRecordsPerSecond != null && offsetsBefore != null && offsetsAfter != null) {
                double eps = (offsetsAfter - offsetsBefore) / measuredSeconds;
                b.append("| Kafka producer records/s (512 B, acks=all, 5 s, topic bench.ceiling) | ")
                        .append(f1(kafkaRecordsPerSecond))
                        .append(" | ")
                        .append(f1(eps))
                        .append(" events/s | **")
                        .append(f2(eps / kafkaRecordsPerSecond))
                        .append("** |\n");
            }
        }

        if (!rec.perTenSeconds.isEmpty()) {
            b.append("\n## Submit latency per 10-second interval (by send time")
                    .append(scenario.equals("steady") ? ", measured from the intended send time" : "")
                    .append(")\n\n| interval | accepted | p50 | p99 | max |\n|---|---|---|---|---|\n");
            rec.perTenSeconds.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> b.append("| ")
                            .append(e.getKey() * 10)
                            .append("–")
                            .append(e.getKey() * 10 + 10)
                            .append(" s | ")
                            .append(e.getValue().getTotalCount())
                            .append(" | ")
                            .append(ms(e.getValue().getValueAtPercentile(50)))
                            .append(" | ")
                            .append(ms(e.getValue().getValueAtPercentile(99)))
                            .append(" | ")
                            .append(ms(e.getValue().getMaxValue()))
                            .append(" |\n"));
        }
        b.append("\n## Plots\n\n");
        b.append("![settled sagas over time](").append(settledPlot).append(")\n\n");
        b.append("![submit latency per second](").append(latencyPlot).append(")\n");
        return b.toString();
    }

    private String perDatabase() {
        StringBuilder b = new StringBuilder("(");
        for (var e : commitsAfter.entrySet()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(e.getKey())
                    .append(' ')
                    .append(e.getValue() - commitsBefore.getOrDefault(e.getKey(), e.getValue()));
        }
        return b.append(')').toString();
    }

    String settledSvg() {
        double[] xs = new double[settleSamples.size()];
        double[] ys = new double[settleSamples.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = settleSamples.get(i)[0];
            ys[i] = settleSamples.get(i)[1];
        }
        return Svg.lineChart(
                scenario + ": requests TRANSPORT_SCHEDULED or later",
                "seconds since the first submit",
                "settled requests",
                List.of(new Svg.Series("settled", "#1f77b4", xs, ys)));
    }

    String latencySvg() {
        var seconds = rec.perSecond.keySet().stream().sorted().toList();
        double[] xs = new double[seconds.size()];
        double[] p50 = new double[seconds.size()];
        double[] p99 = new double[seconds.size()];
        for (int i = 0; i < xs.length; i++) {
            Histogram h = rec.perSecond.get(seconds.get(i));
            xs[i] = seconds.get(i);
            p50[i] = h.getValueAtPercentile(50) / 1000.0;
            p99[i] = h.getValueAtPercentile(99) / 1000.0;
        }
        return Svg.lineChart(
                scenario + ": submit latency per second",
                "second of the run (send time)",
                "latency (ms)",
                List.of(new Svg.Series("p50", "#2ca02c", xs, p50), new Svg.Series("p99", "#d62728", xs, p99)));
    }

    /** Writes &lt;scenario&gt;-&lt;stamp&gt;.md and its two SVGs into {@code dir}; returns the Markdown's path. */
    Path write(Path dir, String stamp) throws java.io.IOException {
        Files.createDirectories(dir);
        String base = scenario + "-" + stamp;
        String latency = base + "-submit-latency.svg";
        String settledName = base + "-settled.svg";
        Files.writeString(dir.resolve(latency), latencySvg(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(settledName), settledSvg(), StandardCharsets.UTF_8);
        Path md = dir.resolve(base + ".md");
        Files.writeString(md, markdown(latency, settledName), StandardCharsets.UTF_8);
        return md;
    }
}
