package org.relief.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code <scenario> [--name value | --flag]...}: the command line of {@code ./platform bench}, checked. */
final class Options {
    /** Flags take no value. {@code --check}: exit 1 unless every request was accepted and settled (a smoke run in CI). */
    static final Set<String> FLAGS = Set.of("--no-ceilings", "--check");
    /** What every scenario that drives the platform takes besides its own options. */
    private static final Set<String> PLATFORM_RUN =
            Set.of("--concurrency", "--settle-timeout", "--no-ceilings", "--check");
    /** The supply surge's options, which scale-out takes too (it runs the surge twice). */
    private static final Set<String> SURGE = platformRun("--requests", "--organisations", "--lines", "--trucks");

    static final Map<String, Set<String>> ALLOWED = Map.of(
            "supply-surge",
            SURGE,
            "exam-day",
            platformRun("--rides", "--zones", "--taxis"),
            "steady",
            platformRun("--rate", "--duration", "--organisations", "--lines", "--trucks"),
            "scale-out",
            SURGE,
            "event-store",
            Set.of("--threads", "--seconds", "--no-ceilings"));

    private static Set<String> platformRun(String... own) {
        Set<String> all = new java.util.HashSet<>(PLATFORM_RUN);
        all.addAll(List.of(own));
        return Set.copyOf(all);
    }

    final String scenario;
    final List<String> args;
    private final Map<String, String> values = new LinkedHashMap<>();

    private Options(String scenario, List<String> args) {
        this.scenario = scenario;
        this.args = args;
    }

    static Options parse(String... argv) {
        if (argv.length == 0 || !ALLOWED.containsKey(argv[0])) {
            throw new IllegalArgumentException(
                    "usage: ./platform bench {supply-surge|exam-day|steady|scale-out|event-store} [options]"
                            + (argv.length == 0 ? "" : "; unknown scenario \"" + argv[0] + "\""));
        }
        Options o = new Options(argv[0], List.of(argv));
        Set<String> allowed = ALLOWED.get(argv[0]);
        for (int i = 1; i < argv.length; i++) {
            String name = argv[i];
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown option " + name + " for " + argv[0] + " (allowed: " + new ArrayList<>(allowed) + ")");
            }
            if (FLAGS.contains(name)) {
                o.values.put(name, "true");
                continue;
            }
            if (i + 1 >= argv.length || !argv[i + 1].matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException(name + " takes a whole number");
            }
            o.values.put(name, argv[++i]);
        }
        return o;
    }

    int integer(String name, int dflt) {
        String v = values.get(name);
        int n = v == null ? dflt : Integer.parseInt(v);
        if (n <= 0) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return n;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }
}
