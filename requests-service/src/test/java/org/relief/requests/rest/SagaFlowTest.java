package org.relief.requests.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.relief.contracts.dispatch.DeliveredLine;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.requests.messaging.DispatchEventsConsumer;
import org.relief.requests.messaging.VolunteerEventsConsumer;
import org.relief.requests.support.Requests;
import org.relief.requests.support.Saga;

/**
 * The saga's other half seen from requests-service: dispatch's trips and volunteer-service's calls arrive on the real
 * topics as contract events and move the request's status, and the timeline tells every step with who acted, what
 * caused it and a readable explanation.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class SagaFlowTest {
    static final String ORG = Requests.fresh("saga-org");

    private static RequestSpecification partner() {
        return Requests.partner(ORG);
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner()
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("request.status", equalTo(status)));
    }

    private static String reservedRequest() {
        String id = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "HIGH"));
        Requests.opened(id);
        Requests.allocation(id, "StockReserved", 200, 1000, "全部预留");
        awaitStatus(id, "RESERVED");
        return id;
    }

    private static void nothingParked(String id) {
        assertTrue(Requests.parked(DispatchEventsConsumer.NAME, id).isEmpty(), "nothing parked for " + id);
        assertTrue(Requests.parked(VolunteerEventsConsumer.NAME, id).isEmpty(), "nothing parked for " + id);
    }

    /** A partly reserved request whose reserved part is scheduled says that the rest still waits for stock. */
    @Test
    void thePartWaitingForStockShowsBesideTheScheduledPart() {
        String id = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "HIGH"));
        partner().get("/help-requests/" + id).then().body("request.waitingForStock", equalTo(true));
        Requests.opened(id);
        Requests.allocation(id, "StockPartiallyReserved", 100, 1000, "部分预留");
        awaitStatus(id, "PARTIALLY_RESERVED");
        Saga.scheduled(id, ORG, "trip-part", "FREIGHT", "陕A·D4321", null, Saga.load(100, 1000));
        awaitStatus(id, "TRANSPORT_SCHEDULED");
        partner()
                .get("/help-requests/" + id)
                .then()
                .body("request.progress.reserved", equalTo("PARTIAL"))
                .body("request.waitingForStock", equalTo(true));
        Requests.allocation(id, "StockReserved", 200, 1000, "全部预留");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner()
                .get("/help-requests/" + id)
                .then()
                .body("request.progress.reserved", equalTo("COMPLETE"))
                .body("request.waitingForStock", equalTo(false)));
    }

    @Test
    void suppliesAreScheduledPickedUpDeliveredAndAnEmptyReceiptConfirmsTheProofOfDelivery() {
        String id = reservedRequest();
        UUID scheduled = Saga.scheduled(id, ORG, "trip-a", "FREIGHT", "陕A·D1234", null, Saga.load(200, 1000));
        awaitStatus(id, "TRANSPORT_SCHEDULED");
        Saga.callOpened(id, "call-load-" + id, "trip-a", "LOADING", 2);
        Saga.assigned(id, "call-load-" + id, "trip-a", "LOADING", "as-1-" + id, "小王", 1, 2);
        // volunteer events come on their own topic: wait for them, so the timeline's order below is fixed
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner()
                .get("/help-requests/" + id)
                .then()
                .body("timeline[-1].event", equalTo("VolunteerAssigned"))
                .body("request.status", equalTo("TRANSPORT_SCHEDULED")));
        Saga.pickedUp(id, ORG, "trip-a", "FREIGHT", Saga.load(200, 1000));
        // dispatch reports the same pickup again (another event, same meaning)
        Saga.pickedUp(id, ORG, "trip-a", "FREIGHT", Saga.load(200, 1000));
        awaitStatus(id, "IN_TRANSIT");
        partner()
                .get("/help-requests/" + id)
                .then()
                .body("request.lines[0].inTransit", equalTo(200))
                .body("request.progress.inTransit", equalTo("COMPLETE"));
        UUID delivered = Saga.delivered(
                id,
                ORG,
                "trip-a",
                "FREIGHT",
                "王主任",
                List.of(
                        new DeliveredLine("protective-suit", "piece", new BigDecimal("200"), BigDecimal.ZERO, null),
                        new DeliveredLine("n95-mask", "piece", new BigDecimal("1000"), BigDecimal.ZERO, null)));
        awaitStatus(id, "DELIVERED");

        partner()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(200)
                .body("status", equalTo("FULFILLED"))
                .body("lines[0].delivered", equalTo(200))
                .body("lines[1].delivered", equalTo(1000))
                .body("lines[1].inTransit", equalTo(0));
        List<ConsumerRecord<String, String>> published = Requests.published(id, 2);
        assertEquals(
                "HelpRequestReceiptConfirmed", CloudEvents.last(published.get(1).headers(), CloudEvents.TYPE));
        assertTrue(
                published.get(1).value().contains("\"accepted\":1000"),
                published.get(1).value());
        // nothing is left to confirm
        partner()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(409);

        partner()
                .header("Accept-Language", "zh")
                .get("/help-requests/" + id)
                .then()
                .body(
                        "timeline.event",
                        equalTo(List.of(
                                "Submitted",
                                "ReservationOpened",
                                "StockAllocated",
                                "TransportScheduled",
                                "VolunteerCallOpened",
                                "VolunteerAssigned",
                                "LoadPickedUp",
                                "DeliveryReported",
                                "ReceiptConfirmed")))
                .body("timeline[3].actor", equalTo("dispatch-service"))
                .body("timeline[3].causedBy", equalTo(scheduled.toString()))
                .body("timeline[3].explanation", containsString("陕A·D1234"))
                .body("timeline[3].explanation", containsString("刘师傅"))
                .body("timeline[3].explanation", containsString("from 雁塔区 曲江仓库 to 雁塔区 锦业路小区"))
                .body("timeline[3].explanation", containsString("200 piece protective-suit"))
                .body("timeline[3].explanationZh", containsString("司机 刘师傅"))
                .body("timeline[3].details.plate", equalTo("陕A·D1234"))
                .body("timeline[5].actor", equalTo("volunteer-service"))
                .body("timeline[5].explanation", containsString("小王 assigned for LOADING (1 of 2)"))
                .body("timeline[7].causedBy", equalTo(delivered.toString()))
                .body("timeline[7].explanation", containsString("received by 王主任"))
                .body("timeline[8].explanation", containsString("as delivered by trip(s) trip-a"))
                .body("timeline[8].actor", not(equalTo("dispatch-service")));
        nothingParked(id);
    }

    @Test
    void aFailedTripGoesBackToReservedThenItsReplacementWaitsAndIsScheduled() {
        String id = reservedRequest();
        Saga.scheduled(id, ORG, "trip-f1", "FREIGHT", "陕A·F0001", null, Saga.load(200, 1000));
        Saga.pickedUp(id, ORG, "trip-f1", "FREIGHT", Saga.load(200, 1000));
        awaitStatus(id, "IN_TRANSIT");
        Saga.failed(id, ORG, "trip-f1", "道路封闭", true, "trip-f2");
        awaitStatus(id, "RESERVED");
        partner()
                .get("/help-requests/" + id)
                .then()
                .body("request.lines[0].inTransit", equalTo(0))
                .body("request.lines[0].reserved", equalTo(200));
        Saga.queued(id, ORG, "trip-f2", "FREIGHT", "暂无空闲车辆");
        awaitStatus(id, "WAITING_FOR_VEHICLE");
        Requests.ops()
                .queryParam("status", "WAITING_FOR_VEHICLE")
                .queryParam("organisationId", ORG)
                .get("/help-requests")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        Saga.waitOverdue(id, ORG, "trip-f2");
        Saga.scheduled(id, ORG, "trip-f2", "FREIGHT", "陕A·F0002", "trip-f1", Saga.load(200, 1000));
        awaitStatus(id, "TRANSPORT_SCHEDULED");
        partner()
                .get("/help-requests/" + id)
                .then()
                .body(
                        "timeline.event",
                        equalTo(List.of(
                                "Submitted",
                                "ReservationOpened",
                                "StockAllocated",
                                "TransportScheduled",
                                "LoadPickedUp",
                                "TransportFailed",
                                "TransportQueued",
                                "TransportWaitOverdue",
                                "TransportScheduled")))
                .body(
                        "timeline[5].explanation",
                        containsString("failed: 道路封闭; the load goes back to the warehouse; replanned as trip trip-f2"))
                .body("timeline[6].explanation", containsString("暂无空闲车辆"))
                .body("timeline[8].explanation", containsString("replacing failed trip trip-f1"));
        nothingParked(id);
    }

    @Test
    void aRideWaitsForATaxiIsPickedUpAndCompleted() {
        Instant start = Instant.now().plusSeconds(3600);
        String id = Requests.submit(Requests.ride(ORG, Requests.fresh("小区"), start, start.plusSeconds(3600)));
        Saga.queued(id, ORG, "ride-1", "RIDE", "没有无障碍出租车空闲");
        awaitStatus(id, "WAITING_FOR_VEHICLE");
        Saga.scheduled(id, ORG, "ride-1", "RIDE", "陕A·T8888", null, List.of());
        awaitStatus(id, "TRANSPORT_SCHEDULED");
        Saga.pickedUp(id, ORG, "ride-1", "RIDE", List.of());
        awaitStatus(id, "IN_TRANSIT");
        Saga.delivered(id, ORG, "ride-1", "RIDE", null, List.of());
        awaitStatus(id, "FULFILLED");
        partner()
                .get("/help-requests/" + id)
                .then()
                .body("request.progressDeadline", equalTo(null))
                .body("timeline[2].explanation", containsString("陕A·T8888 (TAXI)"));
        nothingParked(id);
    }

    @Test
    void aCareVisitWaitsForAVolunteerIsAssignedDeclinedReassignedAndCompleted() {
        Instant start = Instant.now().plusSeconds(3600);
        String id = Requests.submit(Requests.care(ORG, Requests.fresh("小区"), start, start.plusSeconds(3600)));
        String call = "care-" + id;
        Saga.callOpened(id, call, null, "CARE_VISIT", 1);
        Saga.callShort(id, call, "CARE_VISIT", 1, 0);
        awaitStatus(id, "WAITING_FOR_VOLUNTEER");
        Saga.assigned(id, call, null, "CARE_VISIT", "as-a-" + id, "李阿姨", 1, 1);
        awaitStatus(id, "VOLUNTEER_ASSIGNED");
        Saga.answered(id, call, "CARE_VISIT", "as-a-" + id, false);
        awaitStatus(id, "WAITING_FOR_VOLUNTEER");
        Saga.assigned(id, call, null, "CARE_VISIT", "as-b-" + id, "赵叔叔", 1, 1);
        awaitStatus(id, "VOLUNTEER_ASSIGNED");
        // a community's own call (no request, keyed by the call id) is none of ours
        UUID community = Saga.callOpened(null, "community-" + id, null, "COMMUNITY", 3);
        Saga.completed(id, call, "CARE_VISIT", 1, "2.5");
        awaitStatus(id, "FULFILLED");
        partner()
                .header("Accept-Language", "zh")
                .get("/help-requests/" + id)
                .then()
                .body(
                        "timeline.event",
                        equalTo(List.of(
                                "Submitted",
                                "VolunteerCallOpened",
                                "VolunteersShort",
                                "VolunteerAssigned",
                                "VolunteerAnswered",
                                "VolunteerAssigned",
                                "VolunteerCallCompleted")))
                .body("timeline[3].explanationZh", containsString("李阿姨"))
                .body("timeline[4].explanation", containsString("declined"))
                .body("timeline[6].explanation", containsString("CARE_VISIT done: 1 volunteer(s), 2.5 hours"));
        assertTrue(
                Requests.parked(VolunteerEventsConsumer.NAME, "community-" + id).isEmpty(), community.toString());
        nothingParked(id);
    }

    @Test
    void aCancelledRequestRecordsTheCancelledTripButIgnoresLatePlans() {
        String id = reservedRequest();
        Saga.scheduled(id, ORG, "trip-c1", "FREIGHT", "陕A·C0001", null, Saga.load(200, 1000));
        awaitStatus(id, "TRANSPORT_SCHEDULED");
        partner()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"已从其他渠道获得物资\"}")
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));
        Saga.queued(id, ORG, "trip-c2", "FREIGHT", "late plan");
        Saga.cancelled(id, ORG, "trip-c1", "REQUEST_CANCELLED", false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner()
                .get("/help-requests/" + id)
                .then()
                .body("timeline[-1].event", equalTo("TransportCancelled"))
                .body("timeline[-1].explanation", containsString("Trip trip-c1 cancelled (REQUEST_CANCELLED)"))
                .body("request.status", equalTo("CANCELLED")));
        partner().get("/help-requests/" + id).then().body("timeline.event", not(hasItem("TransportQueued")));
        // an empty receipt on a cancelled request is a conflict, not a crash
        partner()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(409);
        partner()
                .contentType(ContentType.JSON)
                .body("")
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(409);
        nothingParked(id);
    }
}
