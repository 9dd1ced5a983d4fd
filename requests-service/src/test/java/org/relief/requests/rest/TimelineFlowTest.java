package org.relief.requests.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.contracts.Topics;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTopics;
import org.relief.requests.support.Requests;
import org.relief.requests.support.Saga;

/**
 * Issue 10 paths 5 and 6 against the real broker and database: inventory's catalogue rejection reaches the partner at
 * once; the stock release after a cancellation is on the timeline; the timeline reads in the order things happened in
 * the services that did them, whatever order the topics delivered them in.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class TimelineFlowTest {
    static final String ORG = Requests.fresh("org");

    private static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Requests.partner(ORG)
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("request.status", equalTo(status)));
    }

    private static JsonPath details(String id) {
        return Requests.partner(ORG)
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void inventory(String requestId, String type, String json) {
        TestTopics.send(
                Topics.INVENTORY,
                requestId,
                UUID.randomUUID(),
                type,
                "/inventory-service",
                json,
                Requests.inventory(requestId));
    }

    @Test
    void theStockReleaseAfterACancellationIsOnTheTimeline() {
        String id = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "HIGH"));
        Requests.opened(id);
        Requests.allocation(id, "StockReserved", 200, 1000, "全部预留");
        awaitStatus(id, "RESERVED");
        Requests.partner(ORG)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"已从其他渠道获得物资\"}")
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));

        // inventory answers the cancellation: everything held goes back to stock
        inventory(
                id,
                "StockReservationReleased",
                """
                {"requestId":"%s","reservationId":"res-%s","reason":"CANCELLED",
                 "released":[{"item":"protective-suit","unit":"piece","requested":200,"reserved":200,"allocations":[]},
                             {"item":"n95-mask","unit":"piece","requested":1000,"reserved":1000,"allocations":[]}],
                 "releasedAt":"%s"}"""
                        .formatted(id, id, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Requests.partner(ORG)
                .get("/help-requests/" + id)
                .then()
                .body("timeline.event", hasItem("ReservationReleased")));
        JsonPath d = details(id);
        assertEquals("CANCELLED", d.getString("request.status"));
        assertEquals(List.of(0, 0), d.getList("request.lines.reserved", Integer.class));
        List<String> events = d.getList("timeline.event", String.class);
        assertEquals(
                List.of("Submitted", "ReservationOpened", "StockAllocated", "Cancelled", "ReservationReleased"),
                events);
        assertEquals("CANCELLED", d.getString("timeline[4].details.reason"));
        assertEquals("inventory-service", d.getString("timeline[4].actor"));
        assertTrue(
                d.getString("timeline[4].explanation").contains("protective-suit 200, n95-mask 1000"),
                d.getString("timeline[4].explanation"));
        assertTrue(d.getString("timeline[4].explanationZh").contains("释放"), d.getString("timeline[4].explanationZh"));
    }

    @Test
    void eventsFromTwoTopicsAreListedInTheOrderTheyHappened() {
        String id = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "HIGH"));
        Instant submitted = Instant.parse(details(id).getString("timeline[0].at"));
        Instant opened = submitted.plusMillis(100);
        Instant allocated = submitted.plusMillis(200);
        Instant scheduled = submitted.plusMillis(300);

        // dispatch's topic is read first: the trip carrying the allocation is heard of before the allocation
        Saga.dispatch(
                id,
                "TripScheduled",
                new org.relief.contracts.dispatch.TripScheduled(
                        "trip-" + id,
                        id,
                        ORG,
                        "FREIGHT",
                        "veh-1",
                        "陕A12345",
                        "VAN",
                        "carrier-1",
                        "刘师傅",
                        "13900000000",
                        Saga.WAREHOUSE,
                        Saga.COMPOUND,
                        Saga.load(200, 1000),
                        null,
                        null,
                        scheduled.plusSeconds(600),
                        scheduled.plusSeconds(4200),
                        null,
                        List.of("最近的空闲车辆"),
                        scheduled));
        awaitStatus(id, "TRANSPORT_SCHEDULED");
        inventory(
                id,
                "StockReservationOpened",
                "{\"requestId\":\"%s\",\"reservationId\":\"res-%s\",\"lines\":[],\"openedAt\":\"%s\"}"
                        .formatted(id, id, opened));
        inventory(
                id,
                "StockReserved",
                """
                {"requestId":"%s","reservationId":"res-%s",
                 "lines":[{"item":"protective-suit","unit":"piece","requested":200,"reserved":200,"allocations":[]},
                          {"item":"n95-mask","unit":"piece","requested":1000,"reserved":1000,"allocations":[]}],
                 "explanation":["全部预留"],"expiresAt":"%s","allocatedAt":"%s"}"""
                        .formatted(id, id, allocated.plusSeconds(86400), allocated));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Requests.partner(ORG)
                .get("/help-requests/" + id)
                .then()
                .body("timeline.event", hasItem("StockAllocated")));

        JsonPath d = details(id);
        assertEquals(
                List.of("Submitted", "ReservationOpened", "StockAllocated", "TransportScheduled"),
                d.getList("timeline.event", String.class),
                "listed by when each step happened");
        assertEquals(
                List.of(1, 3, 4, 2),
                d.getList("timeline.version", Integer.class),
                "the stream order is kept as version");
        assertEquals(opened, Instant.parse(d.getString("timeline[1].at")), "when inventory opened the reservation");
        assertEquals(allocated, Instant.parse(d.getString("timeline[2].at")));
        assertEquals(scheduled, Instant.parse(d.getString("timeline[3].at")));
        Instant heardOfTrip = Instant.parse(d.getString("timeline[3].recordedAt"));
        Instant heardOfAllocation = Instant.parse(d.getString("timeline[2].recordedAt"));
        assertTrue(heardOfTrip.isBefore(heardOfAllocation), "requests-service heard of the trip first");
    }

    @Test
    void linesRefusedByTheCatalogueReachThePartnerAtOnceAndARequestWithNoneLeftEndsRejected() {
        String id = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "HIGH"));
        // inventory's catalogue counts suits in boxes and has no n95-mask... only the suits' unit was wrong here
        inventory(
                id,
                "StockReservationOpened",
                """
                {"requestId":"%s","reservationId":"res-%s","lines":[{"item":"n95-mask","quantity":1000,"unit":"piece"}],
                 "rejectedLines":[{"item":"protective-suit","quantity":200,"unit":"piece","reason":"WRONG_UNIT","catalogueUnit":"box"}],
                 "openedAt":"%s"}"""
                        .formatted(id, id, Instant.now()));
        awaitStatus(id, "RESERVATION_PENDING");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Requests.partner(ORG)
                .get("/help-requests/" + id)
                .then()
                .body("request.lines[0].catalogueRejection.reason", equalTo("WRONG_UNIT"))
                .body("request.lines[0].catalogueRejection.catalogueUnit", equalTo("box"))
                .body("request.lines[1].catalogueRejection", equalTo(null))
                .body("timeline.event", equalTo(List.of("Submitted", "ReservationOpened", "LinesRejected")))
                .body("timeline[2].actor", equalTo("inventory-service"))
                .body("timeline[2].explanation", containsString("counts it in box"))
                .body("timeline[2].explanationZh", containsString("box"))
                .body("timeline[2].at", notNullValue()));

        String all = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "HIGH"));
        inventory(
                all,
                "StockReservationOpened",
                """
                {"requestId":"%s","reservationId":"res-%s","lines":[],
                 "rejectedLines":[{"item":"protective-suit","quantity":200,"unit":"piece","reason":"WRONG_UNIT","catalogueUnit":"box"},
                                  {"item":"n95-mask","quantity":1000,"unit":"piece","reason":"UNKNOWN_ITEM","catalogueUnit":null}],
                 "openedAt":"%s"}"""
                        .formatted(all, all, Instant.now()));
        awaitStatus(all, "REJECTED");
        JsonPath d = details(all);
        assertEquals(
                List.of("WRONG_UNIT", "UNKNOWN_ITEM"),
                d.getList("request.lines.catalogueRejection.reason", String.class));
        assertTrue(
                d.getString("timeline[-1].explanation").contains("n95-mask")
                        && d.getString("timeline[-1].explanation").contains("not in the catalogue"),
                d.getString("timeline[-1].explanation"));
        assertEquals(null, d.getString("request.progressDeadline"), "an ended request is not escalated");
        Requests.partner(ORG)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"x\"}")
                .post("/help-requests/" + all + "/cancellation")
                .then()
                .statusCode(409);
    }
}
