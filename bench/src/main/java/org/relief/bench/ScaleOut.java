package org.relief.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./platform bench scale-out [supply-surge options]}: the supply surge with one instance of each service, then
 * the same with two, on the same platform (the script starts and stops the second instances: {@code ./platform scale}),
 * each round with its own requests and trucks, then both side by side. The question it answers is the issue's: do two
 * instances of each service carry more than one? The second round runs on the first round's history, which the
 * report says.
 */
final class ScaleOut {
    private ScaleOut() {}

    /** A running service instance as {@code ./platform instances} lists it. */
    record Instance(String name, long pid, int port) {
        String service() {
            return name.replaceAll("-[0-9]+$", "");
        }
    }

    static void run(Options o, Path root, Probes probes, String stamp) throws Exception {
        Path reports = root.resolve("bench/target/reports");
        List<Report> rounds = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        try {
            for (int instances = 1; instances <= 2; instances++) {
                platform(root, "scale", Integer.toString(instances));
                List<Instance> running = instances(root);
                Api api = Bench.api(
                        root,
                        urls(running, "requests-service"),
                        urls(running, "inventory-service"),
                        urls(running, "dispatch-service"),
                        urls(running, "volunteer-service"));
                boolean last = instances == 2;
                Report rep =
                        Bench.measure(o, "supply-surge", api, pids(running), probes, last && !o.flag("--no-ceilings"));
                rounds.add(rep);
                written.add(rep.write(reports, stamp + "-" + instances + "-instance" + (instances > 1 ? "s" : "")));
            }
        } finally {
            platform(root, "scale", "1");
        }
        Path md = reports.resolve("scale-out-" + stamp + ".md");
        Files.writeString(
                md,
                summary(
                        o,
                        rounds,
                        written.stream().map(p -> p.getFileName().toString()).toList()),
                StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(Files.readString(md));
        Bench.log("report: " + md + " (each round's own report beside it)");
        Report.check(o, rounds);
    }

    static List<String> urls(List<Instance> running, String service) {
        return running.stream()
                .filter(i -> i.service().equals(service))
                .map(i -> "http://127.0.0.1:" + i.port())
                .toList();
    }

    /** The instances' pids, and the broker's as the platform script passes it. */
    static Map<String, Long> pids(List<Instance> running) {
        Map<String, Long> pids = new LinkedHashMap<>();
        running.forEach(i -> pids.put(i.name(), i.pid()));
        Long kafka = Bench.pids().get("kafka");
        if (kafka != null) {
            pids.put("kafka", kafka);
        }
        return pids;
    }

    static List<Instance> parse(String listing) {
        List<Instance> out = new ArrayList<>();
        for (String line : listing.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && f[1].matches("[0-9]+") && f[2].matches("[0-9]+")) {
                out.add(new Instance(f[0], Long.parseLong(f[1]), Integer.parseInt(f[2])));
            }
        }
        return out;
    }

    private static List<Instance> instances(Path root) throws IOException, InterruptedException {
        return parse(platform(root, "instances"));
    }

    /** Runs {@code ./platform <args>}, its progress on our stderr; returns its stdout, or throws if it failed. */
    private static String platform(Path root, String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("bash", root.resolve("platform").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("./platform " + String.join(" ", args) + " failed: " + out);
        }
        if (!args[0].equals("instances")) {
            System.err.print(out);
        }
        return out;
    }

    /** The two rounds side by side, with the ratio of two instances to one. */
    static String summary(Options o, List<Report> rounds, List<String> files) {
        Report one = rounds.get(0);
        Report two = rounds.get(1);
        StringBuilder b = new StringBuilder("# Platform benchmark: scale-out\n\n");
        b.append("- started: ").append(one.started).append('\n');
        b.append("- machine: ").append(one.machine).append('\n');
        b.append("- command: `./platform bench ")
                .append(String.join(" ", o.args))
                .append("`\n");
        b.append("- rounds: the supply surge with one instance of each service, then with two (one after the other on ")
                .append("the same platform, so the second finds the first's requests, trucks and bookings); each ")
                .append("client thread keeps to one instance of each service\n");
        b.append("- each round's full report: ")
                .append(String.join(
                        ", ", files.stream().map(f -> "[" + f + "](" + f + ")").toList()))
                .append("\n\n");
        b.append("| figure | 1 instance each | 2 instances each | 2 ÷ 1 |\n|---|---|---|---|\n");
        row(b, "accepted requests/s", acceptedPerSecond(one), acceptedPerSecond(two));
        row(b, "sagas/s (submitted → TRANSPORT_SCHEDULED)", one.sagasPerSecond(), two.sagasPerSecond());
        row(b, "submit latency p50 (ms)", p(one.rec.latency, 50) / 1000.0, p(two.rec.latency, 50) / 1000.0);
        row(b, "submit latency p99 (ms)", p(one.rec.latency, 99) / 1000.0, p(two.rec.latency, 99) / 1000.0);
        row(b, "submitted → scheduled p50 (s)", scheduled(one, 50), scheduled(two, 50));
        row(b, "submitted → scheduled p99 (s)", scheduled(one, 99), scheduled(two, 99));
        row(b, "CPU per saga, all processes (ms)", cpuPerSaga(one), cpuPerSaga(two));
        row(b, "commits per saga", perSaga(one, one.commitsDelta()), perSaga(two, two.commitsDelta()));
        row(b, "peak RSS of the services together (MB)", serviceRssMb(one), serviceRssMb(two));
        b.append("| settled / accepted | ")
                .append(one.settled)
                .append(" / ")
                .append(one.rec.accepted())
                .append(" | ")
                .append(two.settled)
                .append(" / ")
                .append(two.rec.accepted())
                .append(" | |\n\n");
        double ratio = two.sagasPerSecond() / one.sagasPerSecond();
        b.append(String.format(
                Locale.ROOT,
                "Two instances of each service carried **%.2f×** the sagas/s of one on this machine (%s).%n",
                ratio,
                Runtime.getRuntime().availableProcessors() + " cores shared by every process"));
        return b.toString();
    }

    private static void row(StringBuilder b, String figure, double one, double two) {
        b.append("| ")
                .append(figure)
                .append(" | ")
                .append(Report.f1(one))
                .append(" | ")
                .append(Report.f1(two))
                .append(" | ")
                .append(one > 0 ? Report.f2(two / one) : "–")
                .append(" |\n");
    }

    private static double acceptedPerSecond(Report r) {
        return r.submitSeconds > 0 ? r.rec.accepted() / r.submitSeconds : Double.NaN;
    }

    private static double p(org.HdrHistogram.Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile);
    }

    private static double scheduled(Report r, double percentile) {
        return r.stages == null ? Double.NaN : p(r.stages.scheduled, percentile) / 1000.0;
    }

    private static double cpuPerSaga(Report r) {
        return r.settled > 0 ? 1000 * r.totalCpuSeconds() / r.settled : Double.NaN;
    }

    private static double perSaga(Report r, long count) {
        return r.settled > 0 ? count / (double) r.settled : Double.NaN;
    }

    private static double serviceRssMb(Report r) {
        return r.cpu.values().stream()
                        .filter(u -> u.name().contains("-service"))
                        .mapToLong(ProcSampler.Usage::peakRssKb)
                        .sum()
                / 1024.0;
    }
}
