package org.relief.dispatch.flow;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.dispatch.DispatchTopic;
import org.relief.dispatch.Events;
import org.relief.dispatch.Fixtures;
import org.relief.kernel.tx.Transactions;

/** Rides: one taxi per ride, matched at once, never two overlapping bookings of a taxi, even under concurrency. */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class RideDispatchTest {
    @Inject
    Transactions transactions;

    /** A window on a day of its own, so that no other test's taxi windows or rides meet it. */
    static Instant day() {
        return Events.day();
    }

    static String taxi(String org, String carrier, String district, boolean wheelchair, Instant from, Instant to) {
        return Events.taxi(org, carrier, district, wheelchair, from, to);
    }

    static void otherTaxisWithoutWindowsOff() {
        Events.otherTaxisWithoutWindowsOff();
    }

    long overlappingBookings() {
        return Events.overlappingBookings(transactions);
    }

    @Test
    void aRideGetsATaxiOfThePickupDistrictAtOnceAndAWheelchairRideAnAccessibleOne() {
        otherTaxisWithoutWindowsOff();
        String org = "taxi-org-" + Fixtures.suffix();
        String carrier = Fixtures.carrier(org, "西安出租车公司");
        String district = "考区" + Fixtures.suffix();
        Instant start = day();
        Instant end = start.plus(Duration.ofMinutes(40));
        String local = taxi(org, carrier, district, false, start.minusSeconds(3600), end.plusSeconds(3600));
        String accessible = taxi(org, carrier, district + "外", true, start.minusSeconds(3600), end.plusSeconds(3600));

        String ride = UUID.randomUUID().toString();
        String wheelchair = UUID.randomUUID().toString();
        Events.submitted(Events.ride(ride, "exam-office", district, start, end, List.of()));
        Events.submitted(Events.ride(wheelchair, "exam-office", district, start, end, List.of("WHEELCHAIR")));

        var scheduled = Events.published(ride, 1).get(0);
        assertEquals("TripScheduled", scheduled.type());
        assertEquals(local, scheduled.payload().get("vehicleId").asText());
        assertEquals("RIDE", scheduled.payload().get("kind").asText());
        assertEquals(start, Instant.parse(scheduled.payload().get("windowStart").asText()));
        assertEquals(0, scheduled.payload().get("lines").size());
        var accessibleRide = Events.published(wheelchair, 1).get(0);
        assertEquals(accessible, accessibleRide.payload().get("vehicleId").asText());
        assertTrue(accessibleRide.payload().get("explanation").toString().contains("wheelchair"));

        // a third ride in the same window finds no taxi: queued, with the reason
        String third = UUID.randomUUID().toString();
        Events.submitted(Events.ride(third, "exam-office", district, start.plusSeconds(600), end, List.of()));
        var queued = Events.published(third, 1).get(0);
        assertEquals("TripQueued", queued.type(), queued.toString());
        assertTrue(queued.payload().get("reason").asText().contains("no taxi"), queued.toString());

        // the ride is done: the taxi is free from that moment, and the queued ride gets it
        String tripId = scheduled.payload().get("tripId").asText();
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/trips/" + tripId + "/pickup")
                .then()
                .statusCode(200);
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/trips/" + tripId + "/delivery")
                .then()
                .statusCode(200)
                .body("trip.status", equalTo("DELIVERED"));
        var delivered = Events.published(ride, 3);
        assertEquals(
                List.of("TripScheduled", "TripPickedUp", "TripDelivered"),
                delivered.stream().map(Events.Published::type).toList());
        var later = Events.published(third, 2);
        assertEquals("TripScheduled", later.get(1).type(), later.toString());
        assertEquals(local, later.get(1).payload().get("vehicleId").asText());
        assertEquals(0, overlappingBookings());
        Events.cancelled(third, "exam-office");
        Events.cancelled(wheelchair, "exam-office");
    }

    @Test
    void fiftyConcurrentRidesForTenTaxisBookExactlyTenAndQueueForty() throws Exception {
        otherTaxisWithoutWindowsOff();
        String org = "taxi-org-" + Fixtures.suffix();
        String carrier = Fixtures.carrier(org, "西安出租车公司");
        String district = "考区" + Fixtures.suffix();
        Instant start = day();
        Instant end = start.plus(Duration.ofMinutes(30));
        Set<String> taxis = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            taxis.add(taxi(org, carrier, i % 2 == 0 ? district : district + "外", false, start, end));
        }
        List<String> requests = new ArrayList<>();
        try (DispatchTopic topic = new DispatchTopic()) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String id = UUID.randomUUID().toString();
                requests.add(id);
                var s = Events.ride(id, "exam-office", district, start, end, List.of());
                sent.add(Events.sendAsync(
                        Events.requestsTopic(), id, "HelpRequestSubmitted", 2, s, "/requests-service", "exam-office"));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            Set<String> keys = Set.copyOf(requests);
            List<DispatchTopic.Record> out = topic.awaitRecords(keys, r -> r.size() >= 50, Duration.ofSeconds(60));
            Map<String, Long> byType =
                    out.stream().collect(Collectors.groupingBy(DispatchTopic.Record::type, Collectors.counting()));
            assertEquals(Map.of("TripScheduled", 10L, "TripQueued", 40L), byType, out.toString());
            Set<String> booked = out.stream()
                    .filter(r -> r.type().equals("TripScheduled"))
                    .map(r -> r.payload().get("vehicleId").asText())
                    .collect(Collectors.toSet());
            assertEquals(taxis, booked, "each of the ten taxis carries exactly one ride");
            assertEquals(
                    50, out.stream().map(DispatchTopic.Record::key).distinct().count(), "one trip per ride");
        }
        assertEquals(0, overlappingBookings(), "no two bookings of one vehicle overlap");
        long scheduled = transactions.inNewTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from trip_view t join vehicle_booking b "
                    + "on b.trip_id = t.id where t.request_id = any (?) and t.status = 'SCHEDULED'")) {
                ps.setArray(1, c.createArrayOf("text", requests.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        assertEquals(10, scheduled);
        // the requests are withdrawn: every trip ends (the queued ones included) and the taxis are free again
        try (DispatchTopic topic = new DispatchTopic()) {
            for (String id : requests) {
                Events.cancelled(id, "exam-office");
            }
            List<DispatchTopic.Record> cancelled = topic.awaitRecords(
                    Set.copyOf(requests),
                    r -> r.stream()
                                    .filter(x -> x.type().equals("TripCancelled"))
                                    .count()
                            >= 50,
                    Duration.ofSeconds(60));
            assertEquals(
                    50,
                    cancelled.stream()
                            .filter(r -> r.type().equals("TripCancelled"))
                            .count());
        }
        for (String t : taxis) {
            Fixtures.as(org, "dispatcher")
                    .get("/vehicles/" + t + "/bookings")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(0)); // cancelled before the window began: nothing left of the booking
        }
    }
}
