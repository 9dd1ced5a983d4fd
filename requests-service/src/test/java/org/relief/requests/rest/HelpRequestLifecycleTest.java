package org.relief.requests.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.requests.support.Requests;

/** The supplies lifecycle driven by inventory's real Kafka events and the partner's REST commands. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class HelpRequestLifecycleTest {
    static final String ORG = Requests.fresh("org");

    private static RequestSpecification partner() {
        return Requests.partner(ORG);
    }

    private String reservedRequest() {
        String id = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "HIGH"));
        Requests.opened(id);
        Requests.allocation(id, "StockReserved", 200, 1000, "全部预留");
        awaitStatus(id, "RESERVED");
        return id;
    }

    private void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner()
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("request.status", equalTo(status)));
    }

    @Test
    void partialThenFullAllocationShowsQuantitiesProgressAndTheExplanationOnTheTimeline() {
        String id = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "CRITICAL"));
        Requests.opened(id);
        UUID partial = Requests.allocation(id, "StockPartiallyReserved", 200, 400, "排队第 3 位；曲江仓库有防护服，口罩仅 400 个");
        awaitStatus(id, "PARTIALLY_RESERVED");
        partner()
                .get("/help-requests/" + id)
                .then()
                .body("request.lines[0].reserved", equalTo(200))
                .body("request.lines[0].reservedProgress", equalTo("COMPLETE"))
                .body("request.lines[1].reserved", equalTo(400))
                .body("request.lines[1].reservedProgress", equalTo("PARTIAL"))
                .body("request.progress.reserved", equalTo("PARTIAL"))
                .body("request.progress.delivered", equalTo("NONE"))
                .body("request.reservationExpiresAt", startsWith("20"));

        Requests.allocation(id, "StockReserved", 200, 1000, "新到捐赠口罩 600 个");
        awaitStatus(id, "RESERVED");
        partner()
                .get("/help-requests/" + id)
                .then()
                .body("request.progress.reserved", equalTo("COMPLETE"))
                .body(
                        "timeline.event",
                        equalTo(List.of("Submitted", "ReservationOpened", "StockAllocated", "StockAllocated")))
                .body("timeline[2].details.outcome", equalTo("PARTIALLY_RESERVED"))
                .body("timeline[2].details.explanation[0]", equalTo("排队第 3 位；曲江仓库有防护服，口罩仅 400 个"))
                .body("timeline[2].actor", equalTo("inventory-service"))
                .body("timeline[2].causedBy", equalTo(partial.toString()))
                .body("timeline[3].details.outcome", equalTo("RESERVED"))
                .body("timeline[3].details.explanation[0]", equalTo("新到捐赠口罩 600 个"));
    }

    @Test
    void nothingAvailableWaitsForStockAndAnExpiredReservationExpiresTheRequest() {
        String id = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "NORMAL"));
        Requests.opened(id);
        Requests.allocation(id, "StockUnavailable", 0, 0, "无库存，等待下一批捐赠");
        awaitStatus(id, "WAITING_FOR_STOCK");
        Requests.allocation(id, "StockPartiallyReserved", 50, 0, "部分到货");
        awaitStatus(id, "PARTIALLY_RESERVED");
        Requests.released(id, "EXPIRED");
        awaitStatus(id, "EXPIRED");
        partner()
                .get("/help-requests/" + id)
                .then()
                .body("request.lines[0].reserved", equalTo(0))
                .body("request.progressDeadline", equalTo(null))
                .body("timeline[-1].event", equalTo("ReservationReleased"))
                .body("timeline[-1].details.reason", equalTo("EXPIRED"));
        partner()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"x\"}")
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void cancellingPublishesHelpRequestCancelledAndASecondCancelIsAConflict() {
        String id = reservedRequest();
        partner()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"已从其他渠道获得物资\"}")
                .when()
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancellationReason", equalTo("已从其他渠道获得物资"));
        List<ConsumerRecord<String, String>> published = Requests.published(id, 2);
        assertEquals(
                List.of("HelpRequestSubmitted", "HelpRequestCancelled"),
                published.stream()
                        .map(r -> CloudEvents.last(r.headers(), CloudEvents.TYPE))
                        .toList());
        assertTrue(
                published.get(1).value().contains("已从其他渠道获得物资"),
                published.get(1).value());

        partner()
                .contentType(ContentType.JSON)
                .header("Accept-Language", "zh")
                .body("{\"reason\":\"again\"}")
                .when()
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://relief-logistics.org/problems/conflict"))
                .body("detail", containsString("不能再取消"));

        // inventory's release after the cancellation is on the timeline (issue 10, path 6); the status stays
        Requests.released(id, "CANCELLED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner()
                .get("/help-requests/" + id)
                .then()
                .body("request.status", equalTo("CANCELLED"))
                .body("timeline[-1].event", equalTo("ReservationReleased"))
                .body("timeline[-1].details.reason", equalTo("CANCELLED")));
    }

    @Test
    void rejectedUnitsComeBackAsAReleaseOnTheTimelineAndReplacementsFulfilTheRequest() {
        String id = reservedRequest();
        partner()
                .contentType(ContentType.JSON)
                .body(
                        """
                        {"lines":[{"item":"protective-suit","accepted":150,"rejected":50,"rejectionReason":"包装破损"}]}""")
                .when()
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(200)
                .body("status", equalTo("PARTIALLY_DELIVERED"))
                .body("lines[0].delivered", equalTo(150))
                .body("lines[0].rejected", equalTo(50))
                .body("lines[0].reserved", equalTo(200))
                .body("lines[0].deliveredProgress", equalTo("PARTIAL"))
                .body("lines[1].reserved", equalTo(1000))
                .body("progress.delivered", equalTo("PARTIAL"));
        // the rejected suits were reserved too: nothing is left to confirm for that line
        partner()
                .contentType(ContentType.JSON)
                .body("{\"lines\":[{\"item\":\"protective-suit\",\"accepted\":1,\"rejected\":0}]}")
                .when()
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(409);

        // R1: inventory returns the 50 rejected suits to stock (REJECTED): on the timeline, no status or quantity
        // change
        UUID rejected = Requests.rejectedSuitsReleased(id, 50);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner()
                .get("/help-requests/" + id)
                .then()
                .body("timeline[-1].event", equalTo("ReservationReleased"))
                .body("timeline[-1].details.reason", equalTo("REJECTED"))
                .body("timeline[-1].details.released[0].item", equalTo("protective-suit"))
                .body("timeline[-1].details.released[0].reserved", equalTo(50))
                .body("timeline[-1].causedBy", equalTo(rejected.toString()))
                .body("request.status", equalTo("PARTIALLY_DELIVERED"))
                .body("request.lines[0].delivered", equalTo(150))
                .body("request.lines[0].reserved", equalTo(200))
                .body("request.lines[1].reserved", equalTo(1000)));

        // should inventory reserve 50 replacement suits, its cumulative figure grows to 250
        Requests.allocation(id, "StockReserved", 250, 1000, "补发 50 件防护服");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        partner().get("/help-requests/" + id).then().body("request.lines[0].reserved", equalTo(250)));
        partner()
                .contentType(ContentType.JSON)
                .body(
                        """
                        {"lines":[{"item":"protective-suit","accepted":50,"rejected":0},{"item":"n95-mask","accepted":1000,"rejected":0}]}""")
                .when()
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(200)
                .body("status", equalTo("FULFILLED"))
                .body("progress.delivered", equalTo("COMPLETE"))
                .body("progressDeadline", equalTo(null));

        List<ConsumerRecord<String, String>> published = Requests.published(id, 3);
        assertEquals(
                List.of("HelpRequestSubmitted", "HelpRequestReceiptConfirmed", "HelpRequestReceiptConfirmed"),
                published.stream()
                        .map(r -> CloudEvents.last(r.headers(), CloudEvents.TYPE))
                        .toList());
        assertTrue(published.get(1).value().contains("包装破损"), published.get(1).value());
        partner()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"x\"}")
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(409);
        assertTrue(Requests.parked(id).isEmpty(), "nothing parked for " + id);
    }

    @Test
    void aReceiptSettlesOnlyTheLinesItListsAndTheRestStaysReservedForALaterReceipt() {
        String id = reservedRequest();
        // 80 of the 200 reserved suits arrived; the masks are not mentioned
        partner()
                .contentType(ContentType.JSON)
                .body("""
                        {"lines":[{"item":"protective-suit","accepted":80,"rejected":0}]}""")
                .when()
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(200)
                .body("status", equalTo("PARTIALLY_DELIVERED"))
                .body("lines[0].delivered", equalTo(80))
                .body("lines[0].reserved", equalTo(200))
                .body("lines[1].delivered", equalTo(0))
                .body("lines[1].reserved", equalTo(1000));
        // no more than what is still reserved can be confirmed: 120 suits
        partner()
                .contentType(ContentType.JSON)
                .body("{\"lines\":[{\"item\":\"protective-suit\",\"accepted\":121,\"rejected\":0}]}")
                .when()
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(409);
        // the rest arrives later and is confirmed by a second receipt
        partner()
                .contentType(ContentType.JSON)
                .body(
                        """
                        {"lines":[{"item":"n95-mask","accepted":1000,"rejected":0},{"item":"protective-suit","accepted":120,"rejected":0}]}""")
                .when()
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(200)
                .body("status", equalTo("FULFILLED"))
                .body("lines[0].delivered", equalTo(200))
                .body("lines[1].delivered", equalTo(1000));
        List<ConsumerRecord<String, String>> published = Requests.published(id, 3);
        assertTrue(
                published.get(1).value().contains("\"accepted\":80"),
                published.get(1).value());
        assertTrue(
                !published.get(1).value().contains("n95-mask"),
                "the first receipt lists only the suits: " + published.get(1).value());
    }

    @Test
    void lateInventoryAnswersForACancelledRequestAreNoOpsAndNeverParked() {
        // cancelled at once, before inventory took it on
        String id = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "HIGH"));
        partner()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"提交错了\"}")
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));
        UUID opened = Requests.opened(id);
        UUID partial = Requests.allocation(id, "StockPartiallyReserved", 100, 0, "部分预留");
        UUID released = Requests.released(id, "CANCELLED");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertEquals(3, Requests.handled(List.of(opened, partial, released)), "all three handled"));
        partner()
                .get("/help-requests/" + id)
                .then()
                .body("request.status", equalTo("CANCELLED"))
                .body("request.lines[0].reserved", equalTo(0))
                // the release answering the cancellation is what happened to the stock (issue 10, path 6)
                .body("timeline.event", equalTo(List.of("Submitted", "Cancelled", "ReservationReleased")));
        assertTrue(Requests.parked(id).isEmpty(), "nothing parked for " + id);
    }

    @Test
    void receiptRefusals() {
        String pending = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "HIGH"));
        partner()
                .contentType(ContentType.JSON)
                .body("{\"lines\":[{\"item\":\"n95-mask\",\"accepted\":1,\"rejected\":0}]}")
                .when()
                .post("/help-requests/" + pending + "/receipt")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://relief-logistics.org/problems/conflict"));

        String id = reservedRequest();
        partner()
                .contentType(ContentType.JSON)
                .body("{\"lines\":[{\"item\":\"n95-mask\",\"accepted\":1001,\"rejected\":0}]}")
                .when()
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(409);
        partner()
                .contentType(ContentType.JSON)
                .body("{\"lines\":[{\"item\":\"n95-mask\",\"accepted\":-1}]}")
                .when()
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("lines[0].accepted"))
                .body("errors.field", hasItem("lines[0].rejected"));
        partner()
                .contentType(ContentType.JSON)
                .body("{\"lines\":[{\"item\":\"n95-mask\",\"accepted\":0,\"rejected\":5}]}")
                .when()
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(400)
                .body("detail", containsString("rejectionReason"));
        partner()
                .contentType(ContentType.JSON)
                .body("{\"lines\":[{\"item\":\"rice\",\"accepted\":1,\"rejected\":0}]}")
                .when()
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(400);
        partner()
                .contentType(ContentType.JSON)
                .body("{\"lines\":[]}")
                .when()
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("lines"));
        partner().get("/help-requests/" + id).then().body("request.status", equalTo("RESERVED"));
    }

    @Test
    void unknownRequestsAre404AndAReasonIsRequired() {
        String unknown = UUID.randomUUID().toString();
        partner()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"x\"}")
                .post("/help-requests/" + unknown + "/cancellation")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        partner()
                .contentType(ContentType.JSON)
                .body("{\"lines\":[{\"item\":\"n95-mask\",\"accepted\":1,\"rejected\":0}]}")
                .post("/help-requests/" + unknown + "/receipt")
                .then()
                .statusCode(404);

        String id = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "HIGH"));
        partner()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"  \"}")
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reason"));
        partner()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"" + "长".repeat(501) + "\"}")
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reason"));
        partner().get("/help-requests/" + id).then().body("request.status", equalTo("SUBMITTED"));
    }
}
