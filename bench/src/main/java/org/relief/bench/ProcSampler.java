package org.relief.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CPU seconds (utime + stime of /proc/&lt;pid&gt;/stat) and peak RSS (VmRSS of /proc/&lt;pid&gt;/status, every 500
 * ms) of the named processes over a run; PostgreSQL as the sum over every process whose name is {@code postgres}
 * (backends come and go: a pid first seen during the run counts from 0, a pid that ends counts up to its last sample).
 */
final class ProcSampler implements AutoCloseable {
    static final String POSTGRES = "postgresql";

    /** Per process (or PostgreSQL as a whole): CPU ticks used over the run and peak RSS in kB. */
    record Usage(String name, long pid, double cpuSeconds, long peakRssKb, boolean seen) {}

    private final Map<String, Long> pids;
    private final long ticksPerSecond;
    private final Map<String, Long> startTicks = new HashMap<>();
    private final Map<String, Long> lastTicks = new HashMap<>();
    private final Map<String, Long> peakRss = new HashMap<>();
    private final Map<Long, Long> pgStart = new HashMap<>();
    private final Map<Long, Long> pgLast = new HashMap<>();
    private long pgPeakRss;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "proc-sampler");
        t.setDaemon(true);
        return t;
    });

    /** Starts sampling {@code pids} (name → pid, LinkedHashMap keeps the report's order) and PostgreSQL. */
    ProcSampler(Map<String, Long> pids, long ticksPerSecond) {
        this.pids = new LinkedHashMap<>(pids);
        this.ticksPerSecond = ticksPerSecond;
        synchronized (this) {
            for (var e : this.pids.entrySet()) {
                Long t = ticks(e.getValue());
                if (t != null) {
                    startTicks.put(e.getKey(), t);
                    lastTicks.put(e.getKey(), t);
                }
            }
            postgresPids().forEach((pid, t) -> {
                pgStart.put(pid, t);
                pgLast.put(pid, t);
            });
        }
        timer.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
        try {
            for (var e : pids.entrySet()) {
                Long t = ticks(e.getValue());
                if (t != null) {
                    lastTicks.put(e.getKey(), t);
                }
                long rss = rssKb(e.getValue());
                peakRss.merge(e.getKey(), rss, Math::max);
            }
            long pgRss = 0;
            for (var e : postgresPids().entrySet()) {
                pgLast.put(e.getKey(), e.getValue());
                pgStart.putIfAbsent(e.getKey(), 0L);
                pgRss += rssKb(e.getKey());
            }
            pgPeakRss = Math.max(pgPeakRss, pgRss);
        } catch (RuntimeException e) {
            // a process that ended between listing and reading: the next sample sees the rest
        }
    }

    /** Takes the last sample and stops. */
    synchronized Map<String, Usage> finish() {
        timer.shutdownNow();
        sample();
        Map<String, Usage> out = new LinkedHashMap<>();
        for (var e : pids.entrySet()) {
            String n = e.getKey();
            boolean seen = startTicks.containsKey(n);
            long used = seen ? lastTicks.get(n) - startTicks.get(n) : 0;
            out.put(n, new Usage(n, e.getValue(), used / (double) ticksPerSecond, peakRss.getOrDefault(n, 0L), seen));
        }
        long pgTicks = 0;
        for (var e : pgLast.entrySet()) {
            pgTicks += e.getValue() - pgStart.getOrDefault(e.getKey(), 0L);
        }
        out.put(
                POSTGRES,
                new Usage(
                        POSTGRES + " (" + pgLast.size() + " processes)",
                        -1,
                        pgTicks / (double) ticksPerSecond,
                        pgPeakRss,
                        !pgLast.isEmpty()));
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** utime + stime in clock ticks, or null when the process is gone. */
    static Long ticks(long pid) {
        if (pid <= 0) {
            return null;
        }
        try {
            return cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /**
     * utime + stime from the text of /proc/&lt;pid&gt;/stat: fields 14 and 15, counted after the command name, which
     * is in parentheses and may itself hold spaces and parentheses (so counting starts after the last ')').
     */
    static long cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state): utime is field 14 → f[11], stime field 15 → f[12]
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** VmRSS in kB from the text of /proc/&lt;pid&gt;/status, 0 if absent (a kernel thread, a zombie). */
    static long vmRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    static long rssKb(long pid) {
        try {
            return vmRssKb(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** pid → CPU ticks of every process named exactly {@code postgres} (as {@code pgrep -x postgres}). */
    static Map<Long, Long> postgresPids() {
        Map<Long, Long> out = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readString(d.resolve("comm")).trim().equals("postgres")) {
                        long pid = Long.parseLong(name);
                        Long t = ticks(pid);
                        if (t != null) {
                            out.put(pid, t);
                        }
                    }
                } catch (IOException gone) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc: not Linux; the report says PostgreSQL was not seen
        }
        return out;
    }

    /** {@code getconf CLK_TCK}, 100 if it cannot be read. */
    static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
