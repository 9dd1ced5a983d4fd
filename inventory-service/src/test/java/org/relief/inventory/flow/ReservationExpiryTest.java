package org.relief.inventory.flow;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relief.contracts.Topics;
import org.relief.inventory.Fixtures;
import org.relief.inventory.Fixtures.Published;
import org.relief.inventory.TestClock;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTopics;

/**
 * Reservations not picked up within their time-to-live (48 h) are released by the scheduled job, with an event. The
 * tests move the service's clock past the deadline instead of waiting for it.
 */
@QuarkusTest
@TestProfile(ReservationExpiryTest.FrequentCheck.class)
@WithTestResource(RealInfrastructure.class)
class ReservationExpiryTest {
    /** Its own application (and so a database with only this class's reservations): the clock moves by days. */
    public static class FrequentCheck implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relief.reservation.ttl", "PT48H", "relief.reservation.expiry-check", "1s");
        }
    }

    @Inject
    TestClock clock;

    @AfterEach
    void wallClockAgain() {
        clock.reset();
    }

    /** Moves the clock just past the reservation's deadline as the service states it. */
    private void pastDeadlineOf(String requestId) {
        String expiresAt = Fixtures.ops()
                .get("/reservations/" + requestId)
                .then()
                .statusCode(200)
                .body("expiresAt", notNullValue())
                .extract()
                .path("expiresAt");
        clock.set(Instant.parse(expiresAt).plusSeconds(1));
    }

    @Test
    void anExpiredReservationIsReleasedAndItsStockGoesToTheNextWaitingRequest() {
        Instant t0 = Instant.now();
        clock.set(t0);
        String item = "expiring-mask-" + Fixtures.suffix();
        Fixtures.item(item, "piece", false);
        String wh = Fixtures.warehouse("未央仓库 " + item, "未央区");
        Fixtures.donate(wh, "donor", item, 10, null);

        String first = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(first, "HIGH", List.of(), "未央区", t0, item, 6));
        assertEquals("StockReserved", Fixtures.published(first, 2).get(1).type());
        clock.set(t0.plus(Duration.ofHours(1)));
        String second = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(second, "NORMAL", List.of(), "未央区", clock.instant(), item, 10));
        Published partial = Fixtures.published(second, 2).get(1);
        assertEquals("StockPartiallyReserved", partial.type());
        assertEquals(4, partial.payload().at("/lines/0/reserved").asInt());
        Fixtures.ops().get("/reservations/" + first).then().body("status", equalTo("RESERVED"));

        // the first one's time-to-live passes (the second's, an hour later, not yet): released with reason EXPIRED,
        // and its 6 units complete the second
        pastDeadlineOf(first);
        List<Published> ofFirst = Fixtures.published(first, 3);
        assertEquals("StockReservationReleased", ofFirst.get(2).type());
        assertEquals("EXPIRED", ofFirst.get(2).payload().get("reason").asText());
        assertEquals(6, ofFirst.get(2).payload().at("/released/0/reserved").asInt());
        Fixtures.ops().get("/reservations/" + first).then().statusCode(200).body("status", equalTo("RELEASED"));
        assertTrue(
                Fixtures.published(second, 3).stream()
                        .anyMatch(p -> p.type().equals("StockReserved")
                                && p.payload().at("/lines/0/reserved").asInt() == 10),
                "the freed units went to the waiting request");

        // in the end the second expires too and everything is available again
        pastDeadlineOf(second);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Fixtures.ops().get("/reservations/" + second).then().statusCode(200).body("status", equalTo("RELEASED"));
            Fixtures.ops()
                    .get("/stock?item=" + item)
                    .then()
                    .statusCode(200)
                    .body("[0].onHand", equalTo(10))
                    .body("[0].reserved", equalTo(0))
                    .body("[0].available", equalTo(10));
        });
    }

    @Inject
    DataSource dataSource;

    /**
     * Issue 4: dispatch's TripPickedUp stops the expiry (the goods are on their way), once per trip; a pickup reported
     * for a reservation already released is recorded only. The published lines carry the catalogue's unit weight and
     * volume and the warehouse's district and address, for freight planning.
     */
    @Test
    void aPickedUpReservationIsNotExpiredAndTheLinesCarryWeightVolumeAndWarehouse() throws Exception {
        Instant t0 = Instant.now();
        clock.set(t0);
        String item = "picked-mask-" + Fixtures.suffix();
        Fixtures.item(item, "piece", false);
        String wh = Fixtures.warehouse("灞桥仓库 " + item, "灞桥区");
        Fixtures.donate(wh, "donor", item, 10, null);

        String picked = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(picked, "HIGH", List.of(), "灞桥区", Instant.now(), item, 4));
        Published reserved = Fixtures.published(picked, 2).get(1);
        assertEquals("StockReserved", reserved.type());
        assertEquals(0.2, reserved.payload().at("/lines/0/unitWeightKg").asDouble(), 1e-9);
        assertEquals(0.001, reserved.payload().at("/lines/0/unitVolumeM3").asDouble(), 1e-9);
        assertEquals(
                "灞桥区",
                reserved.payload()
                        .at("/lines/0/allocations/0/warehouseDistrict")
                        .asText());
        assertEquals(
                "灞桥区某路 1 号",
                reserved.payload().at("/lines/0/allocations/0/warehouseAddress").asText());

        // the truck collects the load; dispatch reports it twice (two events, one meaning)
        String trip = "trip-" + Fixtures.suffix();
        pickedUp(picked, trip);
        pickedUp(picked, trip);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Fixtures.ops()
                .get("/reservations/" + picked)
                .then()
                .statusCode(200)
                .body("pickedUpAt", notNullValue())
                .body("expiresAt", nullValue()));

        // a second request that nobody picks up expires once its time-to-live has passed; the released lines carry
        // the warehouse too
        String unpicked = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(unpicked, "HIGH", List.of(), "灞桥区", t0, item, 4));
        assertEquals(2, Fixtures.published(unpicked, 2).size());
        // well past both time-to-lives: the job's run that releases the unpicked one passes over the picked-up one
        clock.set(t0.plus(Duration.ofDays(3)));
        List<Published> ofUnpicked = Fixtures.published(unpicked, 3);
        assertEquals("StockReservationReleased", ofUnpicked.get(2).type());
        assertEquals("EXPIRED", ofUnpicked.get(2).payload().get("reason").asText());
        assertEquals(
                "灞桥区",
                ofUnpicked
                        .get(2)
                        .payload()
                        .at("/released/0/allocations/0/warehouseDistrict")
                        .asText());
        assertEquals(
                0.2, ofUnpicked.get(2).payload().at("/released/0/unitWeightKg").asDouble(), 1e-9);

        // so the picked-up one still holds its 4 units
        Fixtures.ops().get("/reservations/" + picked).then().statusCode(200).body("status", equalTo("RESERVED"));
        assertEquals(1, storedPickups(picked), "one TransportPickedUp for the trip, although reported twice");
        assertEquals(2, Fixtures.published(picked, 2).size(), "nothing released for the picked-up request");

        // a pickup reported after the release is recorded on the reservation's stream only: no stock changes
        pickedUp(unpicked, "trip-" + Fixtures.suffix());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(1, storedPickups(unpicked)));
        Fixtures.ops()
                .get("/reservations/" + unpicked)
                .then()
                .statusCode(200)
                .body("status", equalTo("RELEASED"))
                .body("pickedUpAt", nullValue());
        Fixtures.ops()
                .get("/stock?item=" + item)
                .then()
                .statusCode(200)
                .body("[0].onHand", equalTo(10))
                .body("[0].reserved", equalTo(4))
                .body("[0].available", equalTo(6));
    }

    private static void pickedUp(String requestId, String tripId) {
        String json =
                """
                {"tripId":"%s","requestId":"%s","organisationId":"community","kind":"FREIGHT","vehicleId":"veh-1",
                 "lines":[{"item":"x","unit":"piece","quantity":4,"weightKg":0.8,"volumeM3":0.004}],"pickedUpAt":"%s"}"""
                        .formatted(tripId, requestId, Instant.now());
        TestTopics.send(
                Topics.DISPATCH,
                requestId,
                UUID.randomUUID(),
                "TripPickedUp",
                "/dispatch-service",
                json,
                new EventContext(requestId, null, "dispatch-service", "community", null));
    }

    private int storedPickups(String requestId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select count(*) from event_store where event_type = 'TransportPickedUp' and stream_id like ?")) {
            ps.setString(1, "%" + requestId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
