package org.relief.requests.messaging;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.contracts.Topics;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTopics;
import org.relief.requests.support.Requests;

/** The inventory consumer is bound to its handler: ops list its parked records and replay a key at /ops/parked-events. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ParkedEventsTest {

    private static String replay(String key) {
        return "{\"consumer\":\"" + InventoryEventsConsumer.NAME + "\",\"key\":\"" + key + "\"}";
    }

    @Test
    void anAnswerForAnUnknownRequestIsParkedListedAndStaysParkedOnReplay() {
        String unknown = UUID.randomUUID().toString();
        UUID first = Requests.opened(unknown);
        UUID behind = Requests.allocation(unknown, "StockUnavailable", 0, 0, "无库存");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals(2, Requests.parked(unknown).size()));

        // listed without naming the consumer: every bound consumer of the service is listed
        Requests.ops()
                .get("/ops/parked-events")
                .then()
                .statusCode(200)
                .body(
                        "findAll { it.key == '" + unknown + "' }.eventId",
                        equalTo(List.of(first.toString(), behind.toString())))
                .body("find { it.eventId == '" + first + "' }.consumer", equalTo(InventoryEventsConsumer.NAME))
                .body("find { it.eventId == '" + first + "' }.eventType", equalTo("StockReservationOpened"))
                .body("find { it.eventId == '" + first + "' }.topic", equalTo(Topics.INVENTORY))
                .body("find { it.eventId == '" + first + "' }.error", containsString("unknown request " + unknown))
                .body("find { it.eventId == '" + behind + "' }.error", containsString("parked behind"));

        // the cause cannot be fixed (no such request): a replay keeps both parked, in order
        Requests.ops()
                .contentType(ContentType.JSON)
                .body(replay(unknown))
                .post("/ops/parked-events/replay")
                .then()
                .statusCode(200)
                .body("applied", equalTo(0))
                .body("stillParked", greaterThanOrEqualTo(1))
                .body("error", containsString("unknown request"));
        List<Map<String, Object>> still = Requests.parked(unknown);
        assertEquals(2, still.size());
        assertTrue(String.valueOf(still.get(0).get("error")).startsWith("replay failed"), still.toString());
    }

    @Test
    void aConflictingReservationIsParkedAndAppliedOnReplayOnceTheRequestEnded() {
        String org = Requests.fresh("park-org");
        String id = Requests.submit(Requests.supplies(org, Requests.fresh("小区"), "HIGH"));
        Requests.opened(id);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> Requests.details(id).then().body("request.status", equalTo("RESERVATION_PENDING")));
        // a second, different reservation for an open request breaks the contract: parked, and its key waits behind it
        String other = "{\"requestId\":\"%s\",\"reservationId\":\"res-other\",\"lines\":[],\"openedAt\":\"%s\"}"
                .formatted(id, Instant.now());
        UUID conflicting = UUID.randomUUID();
        TestTopics.send(
                Topics.INVENTORY,
                id,
                conflicting,
                "StockReservationOpened",
                "/inventory-service",
                other,
                Requests.inventory(id));
        UUID behind = Requests.allocation(id, "StockReserved", 200, 1000, "全部预留");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals(2, Requests.parked(id).size()));
        Requests.details(id).then().body("request.status", equalTo("RESERVATION_PENDING"));

        // the cause goes away: the partner cancels; late answers for an ended request are no-ops, so replay applies
        // both
        Requests.partner(org)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"已从其他渠道获得\"}")
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(200);
        Requests.ops()
                .contentType(ContentType.JSON)
                .body(replay(id))
                .post("/ops/parked-events/replay")
                .then()
                .statusCode(200)
                .body("applied", equalTo(2))
                .body("stillParked", equalTo(0));
        assertTrue(Requests.parked(id).isEmpty());
        assertEquals(2, Requests.handled(List.of(conflicting, behind)));
        // the key flows again: a later record is handled, not parked behind
        UUID later = Requests.released(id, "CANCELLED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(1, Requests.handled(List.of(later))));
        Requests.details(id)
                .then()
                .body("request.status", equalTo("CANCELLED"))
                .body(
                        "timeline.event",
                        equalTo(List.of("Submitted", "ReservationOpened", "Cancelled", "ReservationReleased")));
    }

    @Test
    void partnersMayNotSeeOrReplayParkedEvents() {
        Requests.partner("park-org")
                .get("/ops/parked-events")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
        Requests.partner("park-org")
                .contentType(ContentType.JSON)
                .body(replay("any"))
                .post("/ops/parked-events/replay")
                .then()
                .statusCode(403);
        io.restassured.RestAssured.given().get("/ops/parked-events").then().statusCode(401);
        Requests.ops().get("/ops/parked-events").then().statusCode(200);
        Requests.ops()
                .contentType(ContentType.JSON)
                .body("{\"consumer\":\"nobody\",\"key\":\"k\"}")
                .post("/ops/parked-events/replay")
                .then()
                .statusCode(404);
        Requests.ops()
                .get("/ops/parked-events?consumer=" + InventoryEventsConsumer.NAME)
                .then()
                .statusCode(200)
                .body("consumer", org.hamcrest.Matchers.everyItem(equalTo(InventoryEventsConsumer.NAME)));
    }
}
