package org.relief.inventory.flow;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.relief.contracts.Topics;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.testing.TestTopics;
import org.relief.inventory.Fixtures;
import org.relief.inventory.Fixtures.Published;
import org.relief.kernel.testing.RealInfrastructure;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reservations not picked up within their time-to-live (3 s here) are released by the scheduled job, with an event. */
@QuarkusTest
@TestProfile(ReservationExpiryTest.ShortTtl.class)
@WithTestResource(RealInfrastructure.class)
class ReservationExpiryTest {
    public static class ShortTtl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // long enough that a loaded machine handles the second request before the first expires (3 s was not)
            return Map.of("relief.reservation.ttl", "PT10S", "relief.reservation.expiry-check", "1s");
        }
    }

    @Test
    void anExpiredReservationIsReleasedAndItsStockGoesToTheNextWaitingRequest() {
        String item = "expiring-mask-" + Fixtures.suffix();
        Fixtures.item(item, "piece", false);
        String wh = Fixtures.warehouse("未央仓库 " + item, "未央区");
        Fixtures.donate(wh, "donor", item, 10, null);

        String first = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(first, "HIGH", List.of(), "未央区", Instant.now(), item, 6));
        assertEquals("StockReserved", Fixtures.published(first, 2).get(1).type());
        String second = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(second, "NORMAL", List.of(), "未央区", Instant.now(), item, 10));
        Published partial = Fixtures.published(second, 2).get(1);
        assertEquals("StockPartiallyReserved", partial.type());
        assertEquals(4, partial.payload().at("/lines/0/reserved").asInt());

        // the first one's time-to-live passes: released with reason EXPIRED, and its 6 units complete the second
        List<Published> ofFirst = Fixtures.published(first, 3);
        assertEquals("StockReservationReleased", ofFirst.get(2).type());
        assertEquals("EXPIRED", ofFirst.get(2).payload().get("reason").asText());
        assertEquals(6, ofFirst.get(2).payload().at("/released/0/reserved").asInt());
        Fixtures.ops().get("/reservations/" + first).then().statusCode(200).body("status", equalTo("RELEASED"));
        assertTrue(Fixtures.published(second, 3).stream().anyMatch(p -> p.type().equals("StockReserved")
                && p.payload().at("/lines/0/reserved").asInt() == 10), "the freed units went to the waiting request");

        // in the end the second expires too and everything is available again
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Fixtures.ops().get("/reservations/" + second).then().statusCode(200).body("status", equalTo("RELEASED"));
            Fixtures.ops().get("/stock?item=" + item).then().statusCode(200)
                    .body("[0].onHand", equalTo(10)).body("[0].reserved", equalTo(0)).body("[0].available", equalTo(10));
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
        assertEquals("灞桥区", reserved.payload().at("/lines/0/allocations/0/warehouseDistrict").asText());
        assertEquals("灞桥区某路 1 号", reserved.payload().at("/lines/0/allocations/0/warehouseAddress").asText());

        // the truck collects the load; dispatch reports it twice (two events, one meaning)
        String trip = "trip-" + Fixtures.suffix();
        pickedUp(picked, trip);
        pickedUp(picked, trip);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Fixtures.ops().get("/reservations/" + picked)
                .then().statusCode(200).body("pickedUpAt", notNullValue()).body("expiresAt", nullValue()));

        // a second request that nobody picks up expires after its 3 s; the released lines carry the warehouse too
        String unpicked = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(unpicked, "HIGH", List.of(), "灞桥区", Instant.now(), item, 4));
        List<Published> ofUnpicked = Fixtures.published(unpicked, 3);
        assertEquals("StockReservationReleased", ofUnpicked.get(2).type());
        assertEquals("EXPIRED", ofUnpicked.get(2).payload().get("reason").asText());
        assertEquals("灞桥区", ofUnpicked.get(2).payload().at("/released/0/allocations/0/warehouseDistrict").asText());
        assertEquals(0.2, ofUnpicked.get(2).payload().at("/released/0/unitWeightKg").asDouble(), 1e-9);

        // well past its own time-to-live the picked-up one still holds its 4 units
        Thread.sleep(2000);
        Fixtures.ops().get("/reservations/" + picked).then().statusCode(200).body("status", equalTo("RESERVED"));
        assertEquals(1, storedPickups(picked), "one TransportPickedUp for the trip, although reported twice");
        assertEquals(2, Fixtures.published(picked, 2).size(), "nothing released for the picked-up request");

        // a pickup reported after the release is recorded on the reservation's stream only: no stock changes
        pickedUp(unpicked, "trip-" + Fixtures.suffix());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(1, storedPickups(unpicked)));
        Fixtures.ops().get("/reservations/" + unpicked).then().statusCode(200)
                .body("status", equalTo("RELEASED")).body("pickedUpAt", nullValue());
        Fixtures.ops().get("/stock?item=" + item).then().statusCode(200)
                .body("[0].onHand", equalTo(10)).body("[0].reserved", equalTo(4)).body("[0].available", equalTo(6));
    }

    private static void pickedUp(String requestId, String tripId) {
        String json = """
                {"tripId":"%s","requestId":"%s","organisationId":"community","kind":"FREIGHT","vehicleId":"veh-1",
                 "lines":[{"item":"x","unit":"piece","quantity":4,"weightKg":0.8,"volumeM3":0.004}],"pickedUpAt":"%s"}"""
                .formatted(tripId, requestId, Instant.now());
        TestTopics.send(Topics.DISPATCH, requestId, UUID.randomUUID(), "TripPickedUp", "/dispatch-service", json,
                new EventContext(requestId, null, "dispatch-service", "community", null));
    }

    private int storedPickups(String requestId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from event_store where event_type = 'TransportPickedUp' and stream_id like ?")) {
            ps.setString(1, "%" + requestId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
