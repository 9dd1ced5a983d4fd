package org.relief.requests.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
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
import org.relief.contracts.Topics;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTopics;
import org.relief.requests.support.Requests;

/** requests-service against the real test broker and its real PostgreSQL database. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class HelpRequestFlowTest {
    private static RequestSpecification partner() {
        return Requests.partner("yanta-community");
    }

    static final String BODY =
            """
            {"organisationId":"yanta-community","kind":"SUPPLIES","priority":"CRITICAL","community":"锦业路小区","district":"雁塔区",
             "contactName":"王女士","contactPhone":"+86 29 1234 5678",
             "lines":[{"item":"protective-suit","quantity":200,"unit":"piece"},{"item":"n95-mask","quantity":1000,"unit":"piece"}],
             "note":"我们社区缺少防护服 😷"}""";

    @Test
    void submitPublishesTheEventAndInventorysAnswerShowsOnTheTimelineOnce() {
        String id = partner()
                .contentType(ContentType.JSON)
                .body(BODY)
                .when()
                .post("/help-requests")
                .then()
                .statusCode(201)
                .header("Location", containsString("/help-requests/"))
                .body("status", equalTo("SUBMITTED"))
                .body("note", equalTo("我们社区缺少防护服 😷"))
                .extract()
                .path("id");

        // the outbox relay publishes HelpRequestSubmitted, keyed by the request, as a CloudEvent
        List<ConsumerRecord<String, String>> published =
                TestTopics.recordsOfKey(Topics.REQUESTS, id, 1, Duration.ofSeconds(30));
        assertEquals(1, published.size());
        ConsumerRecord<String, String> record = published.get(0);
        assertEquals("HelpRequestSubmitted", CloudEvents.last(record.headers(), CloudEvents.TYPE));
        assertEquals("/requests-service", CloudEvents.last(record.headers(), CloudEvents.SOURCE));
        assertEquals(id, CloudEvents.last(record.headers(), CloudEvents.CORRELATION_ID));
        assertTrue(record.value().contains("锦业路小区"), record.value());
        // the v2 contract: kind and schema version 2
        assertEquals("2", CloudEvents.last(record.headers(), CloudEvents.SCHEMA_VERSION));
        // the payload's JSON Schema, docs/asyncapi/schemas/HelpRequestSubmitted.v2.json, has this $id
        assertEquals(
                "urn:relief-logistics:events:HelpRequestSubmitted:v2",
                CloudEvents.last(record.headers(), CloudEvents.DATA_SCHEMA));
        assertTrue(record.value().contains("\"kind\":\"SUPPLIES\""), record.value());

        // inventory answers; the same record delivered twice must be applied once
        UUID answerId = UUID.randomUUID();
        // inventory opens after the submission (the timeline is listed by when each step happened)
        String answer = "{\"requestId\":\"" + id + "\",\"reservationId\":\"res-" + id
                + "\",\"lines\":[],\"openedAt\":\"" + java.time.Instant.now() + "\"}";
        var ctx = new EventContext(
                id, CloudEvents.last(record.headers(), CloudEvents.ID), "inventory-service", "yanta-community", null);
        TestTopics.send(Topics.INVENTORY, id, answerId, "StockReservationOpened", "/inventory-service", answer, ctx);
        TestTopics.send(Topics.INVENTORY, id, answerId, "StockReservationOpened", "/inventory-service", answer, ctx);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner()
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("request.status", equalTo("RESERVATION_PENDING")));
        // give a duplicate time to be (wrongly) applied before counting
        TestTopics.send(
                Topics.INVENTORY, id, UUID.randomUUID(), "SomeFutureInventoryEvent", "/inventory-service", "{}", ctx);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> partner()
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("timeline", hasSize(2))
                .body("timeline.event", equalTo(List.of("Submitted", "ReservationOpened")))
                .body("timeline[1].actor", equalTo("inventory-service"))
                .body("timeline[1].causedBy", equalTo(answerId.toString()))
                .body("request.reservationId", equalTo("res-" + id)));
    }

    @Test
    void invalidFieldsAreRefusedWithProblemJsonNamingTheField() {
        String bad = BODY.replace("\"quantity\":200", "\"quantity\":-5")
                .replace("\"district\":\"雁塔区\"", "\"district\":\"\"");
        partner()
                .contentType(ContentType.JSON)
                .body(bad)
                .when()
                .post("/help-requests")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://relief-logistics.org/problems/validation"))
                .body("errors.field", hasItem("lines[0].quantity"))
                .body("errors.field", hasItem("district"));
    }

    @Test
    void errorsSpeakChineseWhenAskedTo() {
        partner()
                .contentType(ContentType.JSON)
                .header("Accept-Language", "zh-CN,zh;q=0.9")
                .body(BODY.replace("\"quantity\":200", "\"quantity\":0"))
                .when()
                .post("/help-requests")
                .then()
                .statusCode(400)
                .body("title", equalTo("请求中有字段不合法"))
                .body("errors.message", hasItem("必须大于 0"));
    }

    @Test
    void malformedJsonAndWrongTypesAreClientErrors() {
        partner()
                .contentType(ContentType.JSON)
                .body("{\"organisationId\": ")
                .when()
                .post("/help-requests")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://relief-logistics.org/problems/malformed-json"));
        partner()
                .contentType(ContentType.JSON)
                .body(BODY.replace("\"CRITICAL\"", "\"EXTREMELY\""))
                .when()
                .post("/help-requests")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("priority"));
    }

    @Test
    void anUnknownRequestIs404ProblemJson() {
        partner()
                .get("/help-requests/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404));
    }
}
