package org.relief.inventory.flow;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.relief.inventory.Fixtures;
import org.relief.inventory.Fixtures.Published;
import org.relief.kernel.testing.RealInfrastructure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
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
            return Map.of("relief.reservation.ttl", "PT3S", "relief.reservation.expiry-check", "1s");
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
}
