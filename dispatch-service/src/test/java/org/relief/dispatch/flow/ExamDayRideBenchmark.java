package org.relief.dispatch.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.dispatch.DispatchTopic;
import org.relief.dispatch.Events;
import org.relief.dispatch.Fixtures;
import org.relief.kernel.tx.Transactions;

/**
 * Exam day (not a timed test: it prints its figures and asserts only correctness). 300 taxis of 6 companies in 60
 * districts; 1,000 ride requests within one hour (four 15-minute windows, random
 * pickup districts) sent to Kafka at once. Prints rides matched per second and p50/p95 latency from sending
 * HelpRequestSubmitted to TripScheduled on dispatch.events.v1 (the relay's record time); asserts that every ride got
 * one answer, no ride got two taxis and no taxi's bookings overlap.
 */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class ExamDayRideBenchmark {
    private static final Logger LOG = Logger.getLogger(ExamDayRideBenchmark.class);
    static final int TAXIS = 300;
    static final int DISTRICTS = 60;
    static final int RIDES = 1000;

    @Inject
    Transactions transactions;

    @Test
    void thousandRidesForThreeHundredTaxisInOneHour() throws Exception {
        Events.otherTaxisWithoutWindowsOff();
        String run = Fixtures.suffix();
        Instant hour = Events.day();
        List<String> districts = new ArrayList<>();
        for (int d = 0; d < DISTRICTS; d++) {
            districts.add("考区" + d + "-" + run);
        }
        long setup = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> registered = new ArrayList<>();
        for (int company = 0; company < 6; company++) {
            // six companies: each stays within the write rate limit of its organisation
            String org = "exam-taxi-" + company + "-" + run;
            String carrier = Fixtures.carrier(org, "出租车公司" + company);
            for (int i = 0; i < TAXIS / 6; i++) {
                String district = districts.get((company * (TAXIS / 6) + i) % DISTRICTS);
                // no windows (one call per taxi): the ride tests take window-less taxis of other tests off first
                registered.add(pool.submit(() ->
                        Fixtures.registerVehicle(org, Fixtures.vehicle(carrier, "TAXI", Fixtures.plate(), district))));
            }
        }
        for (Future<String> f : registered) {
            f.get();
        }
        pool.shutdown();
        double setupSeconds = (System.nanoTime() - setup) / 1e9;

        Map<String, Instant> sentAt = new HashMap<>();
        List<DispatchTopic.Record> answers;
        long sending;
        try (DispatchTopic topic = new DispatchTopic()) {
            List<Future<?>> sent = new ArrayList<>();
            sending = System.nanoTime();
            for (int i = 0; i < RIDES; i++) {
                String id = UUID.randomUUID().toString();
                Instant start = hour.plus(Duration.ofMinutes(15L * (i % 4)));
                var ride = Events.ride(
                        id,
                        "exam-office",
                        districts.get(ThreadLocalRandom.current().nextInt(DISTRICTS)),
                        start,
                        start.plus(Duration.ofMinutes(15)),
                        List.of());
                sentAt.put(id, Instant.now());
                sent.add(Events.sendAsync(
                        Events.requestsTopic(),
                        id,
                        "HelpRequestSubmitted",
                        2,
                        ride,
                        "/requests-service",
                        "exam-office"));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            answers = topic.awaitRecords(sentAt.keySet(), r -> r.size() >= RIDES, Duration.ofSeconds(120));
        }
        double elapsed = (System.nanoTime() - sending) / 1e9;

        // correctness: one answer per ride, at most one taxi per ride, no overlapping bookings
        Map<String, List<DispatchTopic.Record>> byRide =
                answers.stream().collect(Collectors.groupingBy(DispatchTopic.Record::key));
        assertEquals(RIDES, byRide.size(), "every ride answered (scheduled or queued)");
        assertTrue(byRide.values().stream().allMatch(l -> l.size() == 1), "one answer per ride");
        List<DispatchTopic.Record> scheduled =
                answers.stream().filter(r -> r.type().equals("TripScheduled")).toList();
        assertEquals(0, Events.overlappingBookings(transactions), "no taxi booked twice at once");
        assertEquals(
                0L,
                (long) transactions.inNewTransaction(c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement("select count(*) from (select t.request_id from trip_view t "
                                    + "join vehicle_booking b on b.trip_id = t.id where t.request_id = any (?) group by t.request_id "
                                    + "having count(*) > 1) x")) {
                        ps.setArray(1, c.createArrayOf("text", sentAt.keySet().toArray()));
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                }),
                "no ride holds two taxis");
        assertEquals(
                scheduled.size(),
                scheduled.stream()
                        .map(r -> r.payload().get("vehicleId").asText() + "@"
                                + r.payload().get("windowStart").asText())
                        .distinct()
                        .count(),
                "no taxi twice in one window");

        List<Long> latencies = new ArrayList<>();
        Instant last = Instant.MIN;
        for (DispatchTopic.Record r : scheduled) {
            latencies.add(Duration.between(sentAt.get(r.key()), r.brokerTime()).toMillis());
            last = r.brokerTime().isAfter(last) ? r.brokerTime() : last;
        }
        Collections.sort(latencies);
        Instant first = Collections.min(sentAt.values());
        double matchSeconds = Math.max(0.001, Duration.between(first, last).toMillis() / 1000.0);
        String figures = String.format(
                "exam-day benchmark: %d taxis in %d districts (registered in %.1f s), %d rides "
                        + "sent; %d scheduled, %d queued; %.1f rides matched/s over %.1f s; submit→TripScheduled p50 %d ms, "
                        + "p95 %d ms, max %d ms; all answers after %.1f s",
                TAXIS,
                DISTRICTS,
                setupSeconds,
                RIDES,
                scheduled.size(),
                RIDES - scheduled.size(),
                scheduled.size() / matchSeconds,
                matchSeconds,
                percentile(latencies, 50),
                percentile(latencies, 95),
                latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1),
                elapsed);
        System.out.println(figures);
        LOG.info(figures);

        // leave no ride waiting in the queue for the tests that follow
        Set<String> queued = answers.stream()
                .filter(r -> r.type().equals("TripQueued"))
                .map(DispatchTopic.Record::key)
                .collect(Collectors.toSet());
        queued.forEach(id -> Events.cancelled(id, "exam-office"));
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
