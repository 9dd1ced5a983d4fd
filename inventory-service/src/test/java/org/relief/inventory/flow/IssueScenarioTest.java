package org.relief.inventory.flow;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestReceiptConfirmed;
import org.relief.inventory.Fixtures;
import org.relief.inventory.Fixtures.Published;
import org.relief.kernel.testing.RealInfrastructure;

/**
 * The issue's scenario inside inventory, on the real broker and database: short stock → partial reservation with its
 * reasons; a donation of 52,000 N95 masks completes it and then serves the waiting requests in priority order;
 * a cancellation releases stock to the next in the queue; the past stays visible with asOf; a confirmed receipt
 * issues the stock.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class IssueScenarioTest {
    @Inject
    DataSource dataSource;

    private Instant latestEventTime() throws Exception {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery("select max(occurred_at) from event_store")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    @Test
    void shortStockReservesHalfThenADonationServesTheQueueInPriorityOrderAndACancelFreesStock() throws Exception {
        String sfx = Fixtures.suffix();
        String suit = "protective-suit-" + sfx;
        String n95 = "n95-mask-" + sfx;
        Fixtures.item(suit, "piece", false);
        Fixtures.item(n95, "piece", false);
        String yanta = Fixtures.warehouse("雁塔仓库 " + sfx, "雁塔区");
        Fixtures.donate(yanta, "xian-charity-foundation", suit, 100, null, n95, 500, "2030-03-01");
        // the last moment recorded before the requests: the donation's own event time (requests come later, after a
        // round trip through the broker)
        Instant beforeRequests = latestEventTime();

        // a CRITICAL request for 200 suits and 1,000 masks, with stock for half of it
        String a = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(
                a,
                "CRITICAL",
                List.of("ELDERLY_LIVING_ALONE"),
                "雁塔区",
                Instant.parse("2021-12-24T08:00:00Z"),
                suit,
                200,
                n95,
                1000));
        List<Published> ofA = Fixtures.published(a, 2);
        assertEquals(List.of("StockReservationOpened", "StockPartiallyReserved"), types(ofA));
        JsonNode partial = ofA.get(1).payload();
        assertEquals(100, partial.at("/lines/0/reserved").asInt());
        assertEquals(500, partial.at("/lines/1/reserved").asInt());
        assertEquals(yanta, partial.at("/lines/1/allocations/0/warehouseId").asText());
        assertEquals(
                "xian-charity-foundation",
                partial.at("/lines/1/allocations/0/donorOrganisationId").asText());
        assertEquals(
                "2030-03-01", partial.at("/lines/1/allocations/0/expiresOn").asText());
        assertTrue(partial.get("expiresAt").isTextual());
        String why = partial.get("explanation").toString();
        assertTrue(
                why.contains("queue: CRITICAL, vulnerable (ELDERLY_LIVING_ALONE), submitted 2021-12-24T08:00Z"), why);
        assertTrue(
                why.contains(suit + ": 100 of 200 from 雁塔仓库 " + sfx
                        + " (same district 雁塔区, could serve the whole line: no)"),
                why);
        assertTrue(why.contains("100 still missing, waits for stock"), why);
        Fixtures.ops()
                .get("/reservations/" + a)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PARTIALLY_RESERVED"))
                .body("explanation[0]", org.hamcrest.Matchers.startsWith("queue: CRITICAL"));

        // two more wait: NORMAL submitted first, HIGH later: priority beats first come
        String normal = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(
                normal, "NORMAL", List.of(), "碑林区", Instant.parse("2021-12-24T07:00:00Z"), n95, 40000));
        assertEquals(List.of("StockReservationOpened", "StockUnavailable"), types(Fixtures.published(normal, 2)));
        String high = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(
                Fixtures.supplies(high, "HIGH", List.of(), "雁塔区", Instant.parse("2021-12-24T09:00:00Z"), n95, 20000));
        List<Published> ofHigh = Fixtures.published(high, 2);
        assertEquals(List.of("StockReservationOpened", "StockUnavailable"), types(ofHigh));
        assertTrue(ofHigh.get(1).payload().get("explanation").toString().contains(n95 + ": 0 of 20000: no stock"));

        List<String> queue = Fixtures.ops()
                .get("/reservations?status=WAITING")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("requestId", String.class)
                .stream()
                .filter(id -> List.of(a, high, normal).contains(id))
                .toList();
        assertEquals(List.of(a, high, normal), queue, "the waiting queue in allocation order");

        // the chamber of commerce's 52,000 N95 masks (and the missing suits) arrive
        JsonNode donation = Fixtures.donate(yanta, "xian-chamber-of-commerce", n95, 52000, null, suit, 100, null);
        assertEquals(2, donation.get("lots").size());
        assertNotNull(donation.at("/lots/0/lotId").asText(null));

        List<Published> ofA2 = Fixtures.published(a, 3);
        assertEquals("StockReserved", ofA2.get(2).type());
        assertEquals(1000, ofA2.get(2).payload().at("/lines/1/reserved").asInt());
        assertTrue(
                ofA2.get(2).raw().contains("\"requested\":1000,")
                        && !ofA2.get(2).raw().contains("E+"),
                "quantities are written as plain numbers: " + ofA2.get(2).raw());
        Published highServed = Fixtures.published(high, 3).get(2);
        assertEquals("StockReserved", highServed.type());
        assertEquals(20000, highServed.payload().at("/lines/0/reserved").asInt());
        Published normalServed = Fixtures.published(normal, 3).get(2);
        assertEquals("StockPartiallyReserved", normalServed.type());
        // 52,000 − 500 (completing the critical request) − 20,000 (HIGH) leaves 31,500 for the NORMAL request
        assertEquals(31500, normalServed.payload().at("/lines/0/reserved").asInt(), "HIGH was served before NORMAL");
        assertTrue(normalServed.payload().get("explanation").toString().contains("8500 still missing"));

        JsonPath stock = Fixtures.ops()
                .get("/stock?item=" + n95)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(52500, stock.getInt("[0].onHand"));
        assertEquals(52500, stock.getInt("[0].reserved"));
        assertEquals(0, stock.getInt("[0].available"));
        assertEquals("雁塔区", stock.getString("[0].district"));

        // cancelling the HIGH request releases its 20,000; the NORMAL one gets the 8,500 it still needed
        Fixtures.publish(
                high,
                HelpRequestCancelled.TYPE,
                HelpRequestCancelled.VERSION,
                new HelpRequestCancelled(high, "community-x", "no longer needed", "partner:community-x", Instant.now()),
                "community-x");
        Published released = Fixtures.published(high, 4).get(3);
        assertEquals("StockReservationReleased", released.type());
        assertEquals("CANCELLED", released.payload().get("reason").asText());
        assertEquals(20000, released.payload().at("/released/0/reserved").asInt());
        Published normalDone = Fixtures.published(normal, 4).get(3);
        assertEquals("StockReserved", normalDone.type());
        assertEquals(40000, normalDone.payload().at("/lines/0/reserved").asInt());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath now = Fixtures.ops()
                    .get("/stock?item=" + n95 + "&byLot=true")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals(52500, now.getInt("[0].onHand"));
            assertEquals(11500, now.getInt("[0].available"), "stock available again");
            assertEquals(2, now.getList("[0].lots").size());
        });
        Fixtures.ops()
                .get("/reservations/" + high)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("RELEASED"))
                .body("expiresAt", org.hamcrest.Matchers.nullValue());

        // as of before the requests: the first donation only, nothing reserved
        JsonPath past = Fixtures.ops()
                .get("/stock?item=" + n95 + "&asOf=" + beforeRequests)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(500, past.getInt("[0].onHand"));
        assertEquals(0, past.getInt("[0].reserved"));
        assertEquals(500, past.getInt("[0].available"));

        // delivery confirmed: 190 suits and all masks accepted, 10 suits rejected → issued and quarantined (issue 10)
        Fixtures.publish(
                a,
                HelpRequestReceiptConfirmed.TYPE,
                HelpRequestReceiptConfirmed.VERSION,
                new HelpRequestReceiptConfirmed(
                        a,
                        "community-a",
                        List.of(
                                new HelpRequestReceiptConfirmed.ReceivedLine(
                                        suit, "piece", new BigDecimal("190"), BigDecimal.TEN, "torn"),
                                new HelpRequestReceiptConfirmed.ReceivedLine(
                                        n95, "piece", new BigDecimal("1000"), BigDecimal.ZERO, null)),
                        Instant.now()),
                "community-a");
        Published rejected = Fixtures.published(a, 4).get(3);
        assertEquals("StockReservationReleased", rejected.type());
        assertEquals("REJECTED", rejected.payload().get("reason").asText());
        assertEquals(10, rejected.payload().at("/released/0/reserved").asInt());
        // the 10 rejected suits are to be replaced; no suit is available (the 10 on hand are in quarantine), so the
        // reservation waits for them
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Fixtures.ops()
                .get("/reservations/" + a)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PARTIALLY_RESERVED"))
                .body("lines[0].quarantined", org.hamcrest.Matchers.equalTo(10)));
        JsonPath suits = Fixtures.ops()
                .get("/stock?item=" + suit)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(10, suits.getInt("[0].onHand"), "190 suits left the warehouse");
        assertEquals(0, suits.getInt("[0].reserved"));
        assertEquals(10, suits.getInt("[0].quarantined"));
        assertEquals(0, suits.getInt("[0].available"), "the rejected suits are never available again by themselves");
        JsonPath masks = Fixtures.ops()
                .get("/stock?item=" + n95)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(51500, masks.getInt("[0].onHand"));
        assertEquals(40000, masks.getInt("[0].reserved"));
    }

    private static List<String> types(List<Published> events) {
        return events.stream().map(Published::type).toList();
    }
}
