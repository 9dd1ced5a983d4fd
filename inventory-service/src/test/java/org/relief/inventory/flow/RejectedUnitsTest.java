package org.relief.inventory.flow;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.contracts.requests.HelpRequestReceiptConfirmed;
import org.relief.contracts.requests.HelpRequestReceiptConfirmed.ReceivedLine;
import org.relief.contracts.requests.HelpRequestShortfallAccepted;
import org.relief.inventory.Fixtures;
import org.relief.inventory.Fixtures.Published;
import org.relief.kernel.testing.RealInfrastructure;

/**
 * Issue 10, path 4: units rejected at a receipt go to quarantine (on hand, never available, never reservable) until
 * ops writes them off or releases them; the shortfall is reserved again for the same request by the usual allocation
 * (or waits like any reservation line); a partner who accepts the shortfall ends it and inventory releases what is
 * still held for it.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class RejectedUnitsTest {

    @Test
    void rejectedUnitsAreQuarantinedTheShortfallIsReservedAgainAndOpsWritesThemOff() {
        String sfx = Fixtures.suffix();
        String mask = "reject-mask-" + sfx;
        Fixtures.item(mask, "piece", false);
        String wh = Fixtures.warehouse("雁塔仓库 " + sfx, "雁塔区");
        Fixtures.donate(wh, "xian-charity-foundation", mask, 1010, null);

        String id = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(id, "HIGH", List.of(), "雁塔区", Instant.now(), mask, 1000));
        assertEquals(List.of("StockReservationOpened", "StockReserved"), types(Fixtures.published(id, 2)));

        receipt(id, new ReceivedLine(mask, "piece", new BigDecimal("995"), new BigDecimal("5"), "包装破损"));
        List<Published> out = Fixtures.published(id, 4);
        assertEquals(
                List.of("StockReservationOpened", "StockReserved", "StockReservationReleased", "StockReserved"),
                types(out),
                "the rejected units leave the reservation, then the shortfall is reserved again");
        assertEquals("REJECTED", out.get(2).payload().get("reason").asText());
        assertEquals(5, out.get(2).payload().at("/released/0/reserved").asInt());
        Published again = out.get(3);
        assertEquals(
                1005,
                again.payload().at("/lines/0/reserved").asInt(),
                "cumulative: 995 issued + 5 quarantined + 5 held again");
        assertEquals(1, again.payload().at("/lines/0/allocations").size());
        assertEquals(5, again.payload().at("/lines/0/allocations/0/quantity").asInt(), "only the shortfall is held");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Fixtures.ops()
                .get("/reservations/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("RESERVED"))
                .body("lines[0].reserved", equalTo(5))
                .body("lines[0].issued", equalTo(995))
                .body("lines[0].quarantined", equalTo(5)));
        JsonPath stock = stock(mask);
        assertEquals(15, stock.getInt("[0].onHand"), "995 left; the 5 rejected are back on hand");
        assertEquals(5, stock.getInt("[0].reserved"));
        assertEquals(5, stock.getInt("[0].quarantined"));
        assertEquals(5, stock.getInt("[0].available"), "15 on hand - 5 reserved - 5 quarantined");

        JsonPath q = Fixtures.ops()
                .queryParam("item", mask)
                .get("/quarantine")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, q.getList("items").size());
        assertEquals(id, q.getString("items[0].requestId"));
        assertEquals(5, q.getInt("items[0].quantity"));
        assertEquals("QUARANTINED", q.getString("items[0].status"));
        String quarantineId = q.getString("items[0].id");
        Fixtures.as("xian-charity-foundation", "donor")
                .get("/quarantine")
                .then()
                .statusCode(403);
        Fixtures.as("community-x", "partner")
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/quarantine/" + quarantineId + "/release")
                .then()
                .statusCode(403);

        String key = "write-off-" + sfx;
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Map.of("note", "破损，已销毁"))
                .post("/quarantine/" + quarantineId + "/write-off")
                .then()
                .statusCode(200)
                .body("status", equalTo("WRITTEN_OFF"))
                .body("note", equalTo("破损，已销毁"));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Map.of("note", "破损，已销毁"))
                .post("/quarantine/" + quarantineId + "/write-off")
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("status", equalTo("WRITTEN_OFF"));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/quarantine/" + quarantineId + "/release")
                .then()
                .statusCode(409);
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/quarantine/" + UUID.randomUUID() + "/write-off")
                .then()
                .statusCode(404);
        stock = stock(mask);
        assertEquals(10, stock.getInt("[0].onHand"), "written off: gone");
        assertEquals(0, stock.getInt("[0].quarantined"));
        assertEquals(5, stock.getInt("[0].available"));
    }

    @Test
    void withoutStockTheShortfallWaitsAndUnitsOpsReleasesFromQuarantineAreAvailableAgain() {
        String sfx = Fixtures.suffix();
        String suit = "reject-suit-" + sfx;
        Fixtures.item(suit, "piece", false);
        String wh = Fixtures.warehouse("碑林仓库 " + sfx, "碑林区");
        Fixtures.donate(wh, "donor-" + sfx, suit, 100, null);

        String id = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(id, "NORMAL", List.of(), "碑林区", Instant.now(), suit, 100));
        Fixtures.published(id, 2);
        receipt(id, new ReceivedLine(suit, "piece", new BigDecimal("96"), new BigDecimal("4"), "受潮"));
        assertEquals(
                "StockReservationReleased", Fixtures.published(id, 3).get(2).type());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Fixtures.ops()
                .get("/reservations/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("PARTIALLY_RESERVED"))
                .body("lines[0].reserved", equalTo(0))
                .body("lines[0].quarantined", equalTo(4)));
        JsonPath stock = stock(suit);
        assertEquals(4, stock.getInt("[0].onHand"));
        assertEquals(4, stock.getInt("[0].quarantined"));
        assertEquals(0, stock.getInt("[0].available"), "damaged units are never offered to the waiting request");

        String quarantineId = Fixtures.ops()
                .queryParam("item", suit)
                .get("/quarantine")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].id");
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("note", "复检合格"))
                .post("/quarantine/" + quarantineId + "/release")
                .then()
                .statusCode(200)
                .body("status", equalTo("RELEASED"));
        // available again: the waiting request is served by the usual allocation
        Published served = Fixtures.published(id, 4).get(3);
        assertEquals("StockReserved", served.type());
        assertEquals(104, served.payload().at("/lines/0/reserved").asInt());
        stock = stock(suit);
        assertEquals(0, stock.getInt("[0].quarantined"));
        assertEquals(4, stock.getInt("[0].reserved"));
    }

    @Test
    void acceptingTheShortfallReleasesWhatIsStillHeldAndTheRequestLeavesTheQueue() {
        String sfx = Fixtures.suffix();
        String mask = "shortfall-mask-" + sfx;
        Fixtures.item(mask, "piece", false);
        String wh = Fixtures.warehouse("长安仓库 " + sfx, "长安区");
        Fixtures.donate(wh, "donor-" + sfx, mask, 1010, null);

        String id = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(id, "HIGH", List.of(), "长安区", Instant.now(), mask, 1000));
        Fixtures.published(id, 2);
        receipt(id, new ReceivedLine(mask, "piece", new BigDecimal("995"), new BigDecimal("5"), "破损"));
        assertEquals("StockReserved", Fixtures.published(id, 4).get(3).type());

        shortfallAccepted(id, mask);
        Published released = Fixtures.published(id, 5).get(4);
        assertEquals("StockReservationReleased", released.type());
        assertEquals("SHORTFALL_ACCEPTED", released.payload().get("reason").asText());
        assertEquals(5, released.payload().at("/released/0/reserved").asInt());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Fixtures.ops()
                .get("/reservations/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("ISSUED"))
                .body("expiresAt", nullValue())
                .body("lines[0].reserved", equalTo(0))
                .body("lines[0].issued", equalTo(995)));
        JsonPath stock = stock(mask);
        assertEquals(0, stock.getInt("[0].reserved"), "nothing left reserved for the request");
        assertEquals(5, stock.getInt("[0].quarantined"), "the damaged units stay in quarantine for ops");
        assertEquals(10, stock.getInt("[0].available"));
    }

    private static UUID receipt(String requestId, ReceivedLine... lines) {
        return Fixtures.publish(
                requestId,
                HelpRequestReceiptConfirmed.TYPE,
                HelpRequestReceiptConfirmed.VERSION,
                new HelpRequestReceiptConfirmed(requestId, "community-x", List.of(lines), Instant.now()),
                "community-x");
    }

    private static UUID shortfallAccepted(String requestId, String item) {
        return Fixtures.publish(
                requestId,
                HelpRequestShortfallAccepted.TYPE,
                HelpRequestShortfallAccepted.VERSION,
                new HelpRequestShortfallAccepted(
                        requestId,
                        "community-x",
                        List.of(new HelpRequestShortfallAccepted.ShortLine(
                                item, "piece", new BigDecimal("1000"), new BigDecimal("995"), new BigDecimal("5"))),
                        "5 只口罩不必补发",
                        "community-x/partner",
                        Instant.now()),
                "community-x");
    }

    private static JsonPath stock(String item) {
        return Fixtures.ops()
                .get("/stock?item=" + item)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<String> types(List<Published> events) {
        return events.stream().map(Published::type).toList();
    }
}
