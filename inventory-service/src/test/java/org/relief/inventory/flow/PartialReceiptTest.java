package org.relief.inventory.flow;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.contracts.Topics;
import org.relief.contracts.requests.HelpRequestReceiptConfirmed;
import org.relief.contracts.requests.HelpRequestReceiptConfirmed.ReceivedLine;
import org.relief.inventory.Fixtures;
import org.relief.inventory.Fixtures.Published;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTopics;
import org.relief.kernel.tx.Transactions;

/**
 * A receipt settles what it lists (I1): accepted units are issued, rejected ones leave the reservation (REJECTED,
 * those only) for quarantine and are reserved again when stock allows; everything else stays reserved for a later
 * receipt; the reservation is ISSUED only once nothing is held and every line is settled.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class PartialReceiptTest {
    @Inject
    Transactions transactions;

    @Test
    void twoReceiptsSettleAReservationStepByStepAndOnlyTheSecondClosesIt() {
        String sfx = Fixtures.suffix();
        String suit = "receipt-suit-" + sfx;
        String mask = "receipt-mask-" + sfx;
        Fixtures.item(suit, "piece", false);
        Fixtures.item(mask, "piece", false);
        String wh = Fixtures.warehouse("灞桥仓库 " + sfx, "灞桥区");
        Fixtures.donate(wh, "xian-charity-foundation", suit, 100, null, mask, 500, null);

        String id = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(id, "HIGH", List.of(), "灞桥区", Instant.now(), suit, 100, mask, 500));
        assertEquals(List.of("StockReservationOpened", "StockReserved"), types(Fixtures.published(id, 2)));

        // 1st receipt: 60 suits accepted, 10 rejected; the masks are not mentioned
        receipt(id, new ReceivedLine(suit, "piece", new BigDecimal("60"), BigDecimal.TEN, "包装破损"));
        List<Published> after1 = Fixtures.published(id, 3);
        assertEquals(
                List.of("StockReservationOpened", "StockReserved", "StockReservationReleased"),
                types(after1),
                "the rejected units leave the reservation; no stock to replace them yet, nothing else is published");
        Published rejected = after1.get(2);
        assertEquals("REJECTED", rejected.payload().get("reason").asText());
        assertEquals(1, rejected.payload().get("released").size(), "only the suits had units released");
        assertEquals(suit, rejected.payload().at("/released/0/item").asText());
        assertEquals(10, rejected.payload().at("/released/0/reserved").asInt());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Fixtures.ops()
                .get("/reservations/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("PARTIALLY_RESERVED"))
                .body("lines[0].reserved", equalTo(30))
                .body("lines[0].issued", equalTo(60))
                .body("lines[0].quarantined", equalTo(10))
                .body("lines[1].reserved", equalTo(500))
                .body("lines[1].issued", equalTo(0)));
        JsonPath suits = stock(suit);
        assertEquals(40, suits.getInt("[0].onHand"), "60 suits left the warehouse");
        assertEquals(30, suits.getInt("[0].reserved"), "30 are still held for the request");
        assertEquals(0, suits.getInt("[0].available"), "the 10 rejected are in quarantine, not available");
        assertEquals(10, suits.getInt("[0].quarantined"));
        assertEquals(500, stock(mask).getInt("[0].reserved"), "the masks stay reserved");

        // 2nd receipt: the other 30 suits, 450 masks accepted and 50 rejected: nothing is held any more
        receipt(
                id,
                new ReceivedLine(suit, "piece", new BigDecimal("30"), BigDecimal.ZERO, null),
                new ReceivedLine(mask, "piece", new BigDecimal("450"), new BigDecimal("50"), "受潮"));
        List<Published> after2 = Fixtures.published(id, 4);
        assertEquals("StockReservationReleased", after2.get(3).type());
        assertEquals(mask, after2.get(3).payload().at("/released/0/item").asText());
        assertEquals(50, after2.get(3).payload().at("/released/0/reserved").asInt());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Fixtures.ops()
                .get("/reservations/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("PARTIALLY_RESERVED"))
                .body("expiresAt", nullValue())
                .body("lines[0].reserved", equalTo(0))
                .body("lines[0].issued", equalTo(90))
                .body("lines[1].issued", equalTo(450))
                .body("lines[1].quarantined", equalTo(50)));
        suits = stock(suit);
        assertEquals(10, suits.getInt("[0].onHand"));
        assertEquals(0, suits.getInt("[0].reserved"));
        JsonPath masks = stock(mask);
        assertEquals(50, masks.getInt("[0].onHand"));
        assertEquals(0, masks.getInt("[0].reserved"));
        assertEquals(0, masks.getInt("[0].available"), "the 50 rejected masks are quarantined");

        // a 3rd receipt finds nothing held: once handled, nothing was issued or published
        UUID third = receipt(id, new ReceivedLine(mask, "piece", new BigDecimal("50"), BigDecimal.ZERO, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.handled(transactions, third));
        assertEquals(
                4,
                TestTopics.recordsOfKey(Topics.INVENTORY, id, 5, Duration.ofSeconds(3))
                        .size());
        assertEquals(50, stock(mask).getInt("[0].onHand"));
    }

    @Test
    void whatAReceiptIssuedIsNeverReservedAgainAndTheRestOfAPartialReservationStillWaits() {
        String sfx = Fixtures.suffix();
        String rice = "receipt-rice-" + sfx;
        Fixtures.item(rice, "piece", false);
        String wh = Fixtures.warehouse("临潼仓库 " + sfx, "临潼区");
        Fixtures.donate(wh, "donor-" + sfx, rice, 100, null);

        String id = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(id, "NORMAL", List.of(), "临潼区", Instant.now(), rice, 200));
        assertEquals("StockPartiallyReserved", Fixtures.published(id, 2).get(1).type());

        // all 100 held are accepted: nothing is held, but 100 were never reserved, so it stays in the queue
        receipt(id, new ReceivedLine(rice, "piece", new BigDecimal("100"), BigDecimal.ZERO, null));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Fixtures.ops()
                .get("/reservations/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("PARTIALLY_RESERVED"))
                .body("lines[0].reserved", equalTo(0))
                .body("lines[0].issued", equalTo(100))
                .body("expiresAt", nullValue()));
        assertEquals(0, stock(rice).getInt("[0].onHand"));

        // the next donation completes the request with the 100 still missing, not 200
        Fixtures.donate(wh, "donor-" + sfx, rice, 150, null);
        Published completed = Fixtures.published(id, 3).get(2);
        assertEquals("StockReserved", completed.type());
        assertEquals(200, completed.payload().at("/lines/0/reserved").asInt(), "cumulative: 100 issued + 100 held");
        assertEquals(
                100, completed.payload().at("/lines/0/allocations/0/quantity").asInt(), "only 100 more are held");
        JsonPath now = stock(rice);
        assertEquals(150, now.getInt("[0].onHand"));
        assertEquals(100, now.getInt("[0].reserved"));
        assertEquals(50, now.getInt("[0].available"));
    }

    private static UUID receipt(String requestId, ReceivedLine... lines) {
        return Fixtures.publish(
                requestId,
                HelpRequestReceiptConfirmed.TYPE,
                HelpRequestReceiptConfirmed.VERSION,
                new HelpRequestReceiptConfirmed(requestId, "community-x", List.of(lines), Instant.now()),
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
