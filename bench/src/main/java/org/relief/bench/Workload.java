package org.relief.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Setup through the public API, the submitting load (closed or open model), settling, and the saga timelines. */
final class Workload {
    static final List<String> DISTRICTS =
            List.of("雁塔区", "碑林区", "新城区", "莲湖区", "灞桥区", "未央区", "长安区", "临潼区", "阎良区", "高陵区", "鄠邑区", "蓝田县", "周至县");
    /** TRANSPORT_SCHEDULED or a later state. */
    static final List<String> SETTLED =
            List.of("TRANSPORT_SCHEDULED", "IN_TRANSIT", "DELIVERED", "PARTIALLY_DELIVERED", "FULFILLED");

    static final int VEHICLES_PER_DESK = 250; // under the write burst (300) of one organisation
    static final int QUANTITY_PER_LINE = 10;

    /** One submission: where, as whom, what, with which Idempotency-Key. */
    record Call(String url, String token, Object body, String key) {}

    /** Stage latencies from the server's timeline timestamps, in milliseconds. */
    static final class Stages {
        final Histogram reserved = new ConcurrentHistogram(3_600_000_000L, 3);
        final Histogram scheduled = new ConcurrentHistogram(3_600_000_000L, 3);
        Instant firstSubmitted;
        Instant lastSubmitted;
        Instant lastScheduled;
        int read;
        int unreadable;
        int withoutSchedule;

        synchronized void add(Instant submitted, Instant allocated, Instant scheduled) {
            read++;
            firstSubmitted = min(firstSubmitted, submitted);
            lastSubmitted = max(lastSubmitted, submitted);
            if (allocated != null) {
                this.reserved.recordValue(
                        Math.max(0, Duration.between(submitted, allocated).toMillis()));
            }
            if (scheduled != null) {
                this.scheduled.recordValue(
                        Math.max(0, Duration.between(submitted, scheduled).toMillis()));
                lastScheduled = max(lastScheduled, scheduled);
            } else {
                withoutSchedule++;
            }
        }

        private static Instant min(Instant a, Instant b) {
            return a == null || b.isBefore(a) ? b : a;
        }

        private static Instant max(Instant a, Instant b) {
            return a == null || b.isAfter(a) ? b : a;
        }
    }

    final Api api;
    final String run;
    final long runNumber;
    final List<String> notes = new ArrayList<>();

    /** {@code runNumber}: the run's start in epoch seconds; {@code run} its base-36 text, in keys and names. */
    Workload(Api api, long runNumber) {
        this.api = api;
        this.runNumber = runNumber;
        this.run = Long.toString(runNumber, 36);
    }

    // ---------------------------------------------------------------------------------------------- setup

    /** The first warehouse registered (by name), or a new one in 雁塔区. Returns {id, district}. */
    String[] warehouse() throws Exception {
        JsonNode all = api.getOk(api.inventory() + "/warehouses", api.ops());
        if (all.isArray() && !all.isEmpty()) {
            JsonNode w = all.get(0);
            notes.add("warehouse: existing \"" + w.path("name").asText() + "\" in "
                    + w.path("district").asText());
            return new String[] {w.path("id").asText(), w.path("district").asText()};
        }
        JsonNode w = api.postOk(
                api.inventory() + "/warehouses",
                api.ops(),
                Map.of("name", "bench-warehouse", "district", "雁塔区", "address", "bench"),
                "bench-warehouse");
        notes.add("warehouse: registered bench-warehouse in 雁塔区");
        return new String[] {w.path("id").asText(), w.path("district").asText()};
    }

    /** Catalogue items bench-item-01 … (piece, 0.5 kg), posted when missing. */
    List<String> items(int lines) throws Exception {
        Set<String> have = new HashSet<>();
        for (JsonNode i : api.getOk(api.inventory() + "/items", api.ops())) {
            have.add(i.path("code").asText());
        }
        List<String> codes = new ArrayList<>();
        int added = 0;
        for (int i = 1; i <= lines; i++) {
            String code = String.format("bench-item-%02d", i);
            codes.add(code);
            if (!have.contains(code)) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("code", code);
                body.put("nameZh", "压测物资 " + i);
                body.put("nameEn", "bench item " + i);
                body.put("category", "OTHER");
                body.put("unit", "piece");
                body.put("unitWeightKg", 0.5);
                body.put("unitVolumeM3", 0.001);
                body.put("perishable", false);
                api.postOk(api.inventory() + "/items", api.ops(), body, "bench-item-" + code);
                added++;
            }
        }
        notes.add("items: " + codes.size() + " (" + added + " added to the catalogue)");
        return codes;
    }

    /** One donation by organisation bench-donor covering {@code requests} requests of every item. */
    void donate(String warehouseId, List<String> items, int requests) throws Exception {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String item : items) {
            lines.add(Map.of("item", item, "quantity", (long) requests * QUANTITY_PER_LINE, "lotCode", "BENCH-" + run));
        }
        api.postOk(
                api.inventory() + "/donations",
                api.token("bench-donor", "donor"),
                Map.of("warehouseId", warehouseId, "note", "bench " + run, "lines", lines),
                "bench-donation-" + run);
        notes.add("donation: " + items.size() + " lines × " + (long) requests * QUANTITY_PER_LINE + " pieces");
    }

    /**
     * {@code count} vehicles of {@code kind} (TRUCK or TAXI), new for this run, from dispatch desks
     * bench-freight-NN / bench-taxi-NN (250 each, one carrier each), home districts round robin.
     */
    void vehicles(String kind, int count, List<String> districts, int concurrency) throws Exception {
        boolean taxi = kind.equals("TAXI");
        String desk = taxi ? "bench-taxi-" : "bench-freight-";
        int desks = (count + VEHICLES_PER_DESK - 1) / VEHICLES_PER_DESK;
        List<String> carriers = new ArrayList<>();
        for (int d = 1; d <= desks; d++) {
            String org = String.format("%s%02d", desk, d);
            Map<String, Object> body = Map.of(
                    "name",
                    org + (taxi ? " 出租车公司" : " 货运公司"),
                    "kind",
                    taxi ? "TAXI_COMPANY" : "TRUCKING_COMPANY",
                    "contactPhone",
                    "029-88880000");
            carriers.add(api.postOk(api.dispatch() + "/carriers", api.token(org, "dispatcher"), body, "bench-carrier")
                    .path("id")
                    .asText());
        }
        long t0 = System.nanoTime();
        parallel(count, concurrency, i -> {
            int d = i / VEHICLES_PER_DESK;
            String org = String.format("%s%02d", desk, d + 1);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("carrierId", carriers.get(d));
            body.put("kind", kind);
            body.put("plate", plate(runNumber, (taxi ? 800_000 : 0) + i));
            body.put("payloadKg", taxi ? 300 : 20000);
            body.put("volumeM3", taxi ? 2 : 80);
            body.put("seats", taxi ? 4 : 2);
            body.put("wheelchairAccessible", false);
            body.put("homeDistrict", districts.get(i % districts.size()));
            body.put("driverName", "压测司机");
            body.put("driverPhone", "13800138000");
            api.postOk(api.dispatch() + "/vehicles", api.token(org, "dispatcher"), body, "bench-" + run + "-" + i);
        });
        notes.add(String.format(
                "vehicles: %d %s registered from %d desks in %.1f s",
                count, kind, desks, (System.nanoTime() - t0) / 1e9));
    }

    private static final String PROVINCES = "陕京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川贵云甘青蒙桂藏宁新";

    /**
     * A plate the service takes (province, letter, 6 of A-Z0-9), unique per run (the run number picks province,
     * letter and two characters: about a million runs) and per vehicle of the run ({@code seq} below 36⁴).
     */
    static String plate(long runNumber, int seq) {
        long k = Math.floorMod(runNumber, (long) PROVINCES.length() * 26 * 36 * 36);
        char province = PROVINCES.charAt((int) (k % PROVINCES.length()));
        k /= PROVINCES.length();
        char letter = (char) ('A' + k % 26);
        k /= 26;
        return province + "" + letter + base36(k, 2) + base36(seq, 4);
    }

    static String base36(long v, int width) {
        StringBuilder b = new StringBuilder(Long.toString(v, 36).toUpperCase(java.util.Locale.ROOT));
        while (b.length() < width) {
            b.insert(0, '0');
        }
        if (b.length() > width) {
            throw new IllegalArgumentException(v + " does not fit " + width + " base-36 digits");
        }
        return b.toString();
    }

    interface Task {
        void run(int i) throws Exception;
    }

    static void parallel(int n, int threads, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)));
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < Math.max(1, Math.min(threads, n)); t++) {
            fs.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    task.run(i);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------- bodies

    Call supplies(int i, int organisations, String district, List<String> items) {
        String org = String.format("bench-community-%04d", i % organisations + 1);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String item : items) {
            lines.add(Map.of("item", item, "quantity", QUANTITY_PER_LINE, "unit", "piece"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "SUPPLIES");
        body.put("priority", "NORMAL");
        body.put("community", "bench " + run + " community " + i);
        body.put("district", district);
        body.put("address", "bench road " + i);
        body.put("contactName", "压测联系人");
        body.put("contactPhone", "+86 29 1234 5678");
        body.put("lines", lines);
        return new Call(api.requests() + "/help-requests", api.token(org, "partner"), body, "bench-" + run + "-" + i);
    }

    Call ride(int i, int zones, Instant windowStart, Instant windowEnd) {
        int zone = i % zones;
        String org = String.format("bench-zone-%03d", zone + 1);
        String district = DISTRICTS.get(zone % DISTRICTS.size());
        Map<String, Object> ride = new LinkedHashMap<>();
        ride.put("passengerName", "考生 " + run + "-" + i);
        ride.put("passengerPhone", String.format("139%08d", i));
        ride.put("pickupAddress", "bench zone " + (zone + 1) + " gate " + i);
        ride.put("pickupDistrict", district);
        ride.put("dropoffAddress", "考点 " + (i % 20 + 1));
        ride.put("dropoffDistrict", DISTRICTS.get((zone + 1) % DISTRICTS.size()));
        ride.put("windowStart", windowStart.toString());
        ride.put("windowEnd", windowEnd.toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "RIDE");
        body.put("priority", "HIGH");
        body.put("community", "bench " + run + " zone " + (zone + 1));
        body.put("district", district);
        body.put("ride", ride);
        return new Call(api.requests() + "/help-requests", api.token(org, "partner"), body, "bench-" + run + "-" + i);
    }

    // ---------------------------------------------------------------------------------------------- load

    /** Closed model: {@code concurrency} workers, each sends its next call as soon as the last one answered. */
    void closed(int n, int concurrency, IntFunction<Call> calls, Recorder rec) throws Exception {
        parallel(n, concurrency, i -> submit(calls.apply(i), -1, rec));
    }

    /**
     * Open model: call i is due at start + i/rate whatever the answers; latency counts from the due time, so a
     * slow answer that delays later calls shows in their latency too (no coordinated omission).
     */
    void open(int n, double rate, int threads, IntFunction<Call> calls, Recorder rec) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long due = start + (long) (i * 1e9 / rate);
                Api.waitUntil(due);
                Call c = calls.apply(i);
                fs.add(pool.submit(() -> {
                    submit(c, due, rec);
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends one call; 429/503 are retried after Retry-After with the same key, the final answer is recorded. */
    private void submit(Call c, long dueNanos, Recorder rec) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            long t0 = System.nanoTime();
            try {
                Api.Response r = api.post(c.url(), c.token(), c.body(), c.key());
                long t1 = System.nanoTime();
                if ((r.status() == 429 || r.status() == 503) && attempt < 30) {
                    rec.retried(r.status());
                    Api.waitRetryAfter(r);
                    continue;
                }
                rec.answered(
                        r.status(),
                        dueNanos >= 0 ? dueNanos : t0,
                        t1,
                        r.status() == 201 ? r.text("id") : null,
                        r.body().toString());
                return;
            } catch (java.io.IOException e) {
                rec.failed(e);
                return;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- settling

    /**
     * Polls the number of requests of {@code kind} submitted since {@code since} that are TRANSPORT_SCHEDULED or
     * later, once a second, until {@code expected} or the timeout. Returns [seconds since start, count] samples.
     */
    List<double[]> settle(String kind, Instant since, int expected, int timeoutSeconds, long startNanos)
            throws Exception {
        List<double[]> samples = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String from = since.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1).toString();
        while (true) {
            long tick = System.nanoTime();
            int count = 0;
            for (String status : SETTLED) {
                JsonNode page = api.getOk(
                        api.requests() + "/help-requests?status=" + status + "&kind=" + kind + "&size=1&submittedFrom="
                                + Api.enc(from),
                        api.ops());
                count += page.path("total").asInt();
            }
            samples.add(new double[] {(System.nanoTime() - startNanos) / 1e9, count});
            if (count >= expected || System.nanoTime() > deadline) {
                return samples;
            }
            Api.waitUntil(tick + TimeUnit.SECONDS.toNanos(1));
        }
    }

    /** Reads every request's timeline (ops) and takes submitted → first StockAllocated / TransportScheduled. */
    Stages timelines(List<String> ids, int concurrency) throws Exception {
        Stages s = new Stages();
        parallel(ids.size(), concurrency, i -> {
            Api.Response r = api.get(api.requests() + "/help-requests/" + ids.get(i), api.ops());
            Instant submitted = null;
            Instant allocated = null;
            Instant scheduled = null;
            if (r.ok()) {
                for (JsonNode e : r.body().path("timeline")) {
                    String ev = e.path("event").asText();
                    if (!e.hasNonNull("at")) {
                        continue;
                    }
                    Instant at = Instant.parse(e.path("at").asText());
                    if (ev.equals("Submitted") && submitted == null) {
                        submitted = at;
                    } else if (ev.equals("StockAllocated") && (allocated == null || at.isBefore(allocated))) {
                        allocated = at;
                    } else if (ev.equals("TransportScheduled") && (scheduled == null || at.isBefore(scheduled))) {
                        scheduled = at;
                    }
                }
            }
            if (submitted == null) {
                synchronized (s) {
                    s.unreadable++;
                }
            } else {
                s.add(submitted, allocated, scheduled);
            }
        });
        return s;
    }
}
