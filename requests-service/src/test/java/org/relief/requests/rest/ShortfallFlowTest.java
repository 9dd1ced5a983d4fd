package org.relief.requests.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.relief.contracts.dispatch.DeliveredLine;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.requests.support.Requests;
import org.relief.requests.support.Saga;

/**
 * Issue 10, path 4, seen from requests-service: after a delivery with rejected units the request is
 * PARTIALLY_DELIVERED; inventory reserves the shortfall again and a follow-up trip fulfils it, or the partner accepts
 * the shortfall (POST /help-requests/{id}/shortfall-acceptance), which ends it and publishes
 * HelpRequestShortfallAccepted. The timeline tells either, in English and Chinese.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ShortfallFlowTest {
    static final String ORG = Requests.fresh("shortfall-org");

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

    /** 200 suits and 1000 masks delivered on trip-1, 5 masks rejected, the receipt confirmed from the proof. */
    private static String fiveMasksRejected() {
        String id = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "HIGH"));
        Requests.opened(id);
        Requests.allocation(id, "StockReserved", 200, 1000, "全部预留");
        awaitStatus(id, "RESERVED");
        String trip = "trip-" + id;
        Saga.scheduled(id, ORG, trip, "FREIGHT", "陕A·D0001", null, Saga.load(200, 1000));
        Saga.pickedUp(id, ORG, trip, "FREIGHT", Saga.load(200, 1000));
        Saga.delivered(
                id,
                ORG,
                trip,
                "FREIGHT",
                "王主任",
                List.of(
                        new DeliveredLine("protective-suit", "piece", new BigDecimal("200"), BigDecimal.ZERO, null),
                        new DeliveredLine("n95-mask", "piece", new BigDecimal("995"), new BigDecimal("5"), "包装破损")));
        awaitStatus(id, "DELIVERED");
        partner()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(200);
        awaitStatus(id, "PARTIALLY_DELIVERED");
        return id;
    }

    @Test
    void theReplacementOfRejectedUnitsArrivesOnAFollowUpTripAndFulfilsTheRequest() {
        String id = fiveMasksRejected();
        Requests.allocation(id, "StockReserved", 200, 1005, "补足拒收的 5 只口罩"); // 995 issued + 5 quarantined + 5 held
        String followUp = "follow-up-" + id;
        Saga.scheduled(id, ORG, followUp, "FREIGHT", "陕A·D0002", null, Saga.load(0, 5));
        awaitStatus(id, "TRANSPORT_SCHEDULED");
        Saga.pickedUp(id, ORG, followUp, "FREIGHT", Saga.load(0, 5));
        Saga.delivered(
                id,
                ORG,
                followUp,
                "FREIGHT",
                "王主任",
                List.of(new DeliveredLine("n95-mask", "piece", new BigDecimal("5"), BigDecimal.ZERO, null)));
        awaitStatus(id, "DELIVERED");
        partner()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(200)
                .body("status", equalTo("FULFILLED"));
        partner()
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/help-requests/" + id + "/shortfall-acceptance")
                .then()
                .statusCode(409);
    }

    @Test
    void thePartnerAcceptsTheShortfallOnceTheRequestEndsAndTheTimelineSaysSo() {
        String id = fiveMasksRejected();
        String key = Requests.fresh("accept");
        Requests.partner(Requests.fresh("other-org"))
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/help-requests/" + id + "/shortfall-acceptance")
                .then()
                .statusCode(404);
        partner()
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Map.of("note", "5 只口罩不必补发"))
                .post("/help-requests/" + id + "/shortfall-acceptance")
                .then()
                .statusCode(200)
                .body("status", equalTo("FULFILLED"))
                .body("shortfallAccepted", equalTo(true));
        // a retry with the same key answers the same; without a key a second acceptance is a conflict
        partner()
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Map.of("note", "5 只口罩不必补发"))
                .post("/help-requests/" + id + "/shortfall-acceptance")
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("status", equalTo("FULFILLED"));
        partner()
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/help-requests/" + id + "/shortfall-acceptance")
                .then()
                .statusCode(409)
                .contentType(containsString("problem+json"));

        List<ConsumerRecord<String, String>> out = Requests.published(id, 3);
        ConsumerRecord<String, String> accepted = out.stream()
                .filter(r -> "HelpRequestShortfallAccepted".equals(CloudEvents.last(r.headers(), CloudEvents.TYPE)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no HelpRequestShortfallAccepted in " + out));
        var payload = io.restassured.path.json.JsonPath.from(accepted.value());
        assertEquals("n95-mask", payload.getString("lines[0].item"));
        assertEquals(5, payload.getInt("lines[0].shortfall"));
        assertEquals(1, payload.getList("lines").size(), "the suits arrived complete");

        Requests.released(id, "SHORTFALL_ACCEPTED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner()
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("request.status", equalTo("FULFILLED"))
                .body("timeline.event", hasItem("ShortfallAccepted"))
                .body(
                        "timeline.find { it.event == 'ShortfallAccepted' }.explanation",
                        containsString("accepted the shortfall"))
                .body("timeline.find { it.event == 'ShortfallAccepted' }.explanationZh", containsString("接受缺口"))
                .body(
                        "timeline.findAll { it.event == 'ReservationReleased' }.explanation",
                        hasItem(containsString("released what was still reserved for the accepted shortfall"))));
        assertEquals(List.of(), Requests.parked(id));
    }
}
