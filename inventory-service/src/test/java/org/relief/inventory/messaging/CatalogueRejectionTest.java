package org.relief.inventory.messaging;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.contracts.RequestedLine;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.inventory.Fixtures;
import org.relief.kernel.testing.RealInfrastructure;

/**
 * Issue 10 path 5 ("a typo waits for ever"): inventory checks each line of a submitted request against its catalogue
 * when it opens the reservation. An unknown item code or a unit that is not the catalogue's is refused at once, on the
 * opening it publishes (reason and catalogue unit), and never takes a place in the allocation queue.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class CatalogueRejectionTest {

    private static HelpRequestSubmitted request(String requestId, RequestedLine... lines) {
        return new HelpRequestSubmitted(
                requestId,
                "yanta-community",
                "SUPPLIES",
                "HIGH",
                List.of(),
                "锦业路小区",
                "雁塔区",
                null,
                List.of(lines),
                null,
                null,
                null,
                Instant.now(),
                null);
    }

    private static List<String> waitingQueue() {
        return Fixtures.ops()
                .get("/reservations?status=WAITING")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("requestId", String.class);
    }

    @Test
    void anUnknownItemAndAWrongUnitAreRejectedAtOnceAndTheRestIsReserved() {
        String sfx = Fixtures.suffix();
        String rice = "rice-10kg-" + sfx;
        String masks = "n95-mask-" + sfx;
        Fixtures.item(rice, "bag", false);
        Fixtures.item(masks, "piece", false);
        Fixtures.donate(Fixtures.warehouse("长安区物资仓库 " + sfx, "长安区"), "xian-chamber-of-commerce", masks, 500, null);

        String id = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(request(
                id,
                new RequestedLine(masks, new BigDecimal("100"), "piece"),
                new RequestedLine("rise-10kg-" + sfx, new BigDecimal("5"), "bag"),
                new RequestedLine(rice, new BigDecimal("200"), "kg")));

        List<Fixtures.Published> answers = Fixtures.published(id, 2);
        assertEquals(
                List.of("StockReservationOpened", "StockReserved"),
                answers.stream().map(Fixtures.Published::type).toList());
        JsonNode opened = answers.get(0).payload();
        assertEquals(1, opened.get("lines").size(), opened.toString());
        assertEquals(masks, opened.at("/lines/0/item").asText());
        JsonNode rejected = opened.get("rejectedLines");
        assertEquals(2, rejected.size(), opened.toString());
        assertEquals("rise-10kg-" + sfx, rejected.at("/0/item").asText());
        assertEquals("UNKNOWN_ITEM", rejected.at("/0/reason").asText());
        assertTrue(rejected.at("/0/catalogueUnit").isNull());
        assertEquals(rice, rejected.at("/1/item").asText());
        assertEquals("kg", rejected.at("/1/unit").asText());
        assertEquals("WRONG_UNIT", rejected.at("/1/reason").asText());
        assertEquals("bag", rejected.at("/1/catalogueUnit").asText());
        assertEquals(200, rejected.at("/1/quantity").asInt());

        // what fits is reserved in full, so the request does not wait for the refused lines
        JsonNode reserved = answers.get(1).payload();
        assertEquals(1, reserved.get("lines").size());
        assertEquals(100, reserved.at("/lines/0/reserved").asInt());
        Fixtures.ops()
                .get("/reservations/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("RESERVED"))
                .body("lines", hasSize(1));
        assertFalse(waitingQueue().contains(id));
    }

    @Test
    void aRequestWhoseEveryLineIsRejectedIsClosedAtOnceAndNeverQueued() {
        String sfx = Fixtures.suffix();
        String rice = "rice-10kg-" + sfx;
        Fixtures.item(rice, "bag", false);

        String id = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(request(
                id,
                new RequestedLine(rice, new BigDecimal("200"), "kg"),
                new RequestedLine("noodles-" + sfx, new BigDecimal("10"), "box")));

        List<Fixtures.Published> answers = Fixtures.published(id, 1);
        assertEquals("StockReservationOpened", answers.get(0).type());
        JsonNode opened = answers.get(0).payload();
        assertEquals(0, opened.get("lines").size());
        assertEquals(
                List.of("WRONG_UNIT", "UNKNOWN_ITEM"),
                List.of(
                        opened.at("/rejectedLines/0/reason").asText(),
                        opened.at("/rejectedLines/1/reason").asText()));
        assertEquals("bag", opened.at("/rejectedLines/0/catalogueUnit").asText());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Fixtures.ops()
                .get("/reservations/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("lines", hasSize(0))
                .body("explanation[0]", equalTo(rice + ": requested in kg but the catalogue counts bag, line rejected"))
                .body("explanation[1]", equalTo("noodles-" + sfx + ": not in the catalogue, line rejected")));
        assertFalse(waitingQueue().contains(id), "a rejected request holds no place in the queue");
        // no allocation round answers a request with nothing to reserve
        assertEquals(
                1,
                org.relief.kernel.testing.TestTopics.recordsOfKey(
                                org.relief.contracts.Topics.INVENTORY, id, 2, Duration.ofSeconds(3))
                        .size());
    }

    @Test
    void aFractionOfAnItemCountedInWholeUnitsIsRejectedAtOnceWithItsReason() {
        String sfx = Fixtures.suffix();
        String gloves = "gloves-" + sfx;
        String masks = "n95-mask-" + sfx;
        Fixtures.item(gloves, "box", false);
        Fixtures.item(masks, "piece", false);
        Fixtures.donate(
                Fixtures.warehouse("长安区物资仓库 " + sfx, "长安区"),
                "xian-chamber-of-commerce",
                masks,
                500,
                null,
                gloves,
                50,
                null);

        String id = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(request(
                id,
                new RequestedLine(masks, new BigDecimal("100"), "piece"),
                new RequestedLine(gloves, new BigDecimal("2.5"), "box")));

        List<Fixtures.Published> answers = Fixtures.published(id, 2);
        assertEquals(
                List.of("StockReservationOpened", "StockReserved"),
                answers.stream().map(Fixtures.Published::type).toList());
        JsonNode opened = answers.get(0).payload();
        assertEquals(1, opened.get("lines").size(), opened.toString());
        assertEquals(masks, opened.at("/lines/0/item").asText());
        JsonNode rejected = opened.get("rejectedLines");
        assertEquals(1, rejected.size(), opened.toString());
        assertEquals(gloves, rejected.at("/0/item").asText());
        assertEquals("FRACTIONAL_QUANTITY", rejected.at("/0/reason").asText());
        assertEquals("box", rejected.at("/0/unit").asText());
        assertEquals("box", rejected.at("/0/catalogueUnit").asText());
        assertEquals(new BigDecimal("2.5"), rejected.at("/0/quantity").decimalValue());

        Fixtures.ops()
                .get("/reservations/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("RESERVED"))
                .body("lines", hasSize(1));
        // no glove is held: the whole stock of gloves stays available
        Fixtures.ops().get("/stock?item=" + gloves).then().statusCode(200).body("[0].available", equalTo(50));
    }
}
