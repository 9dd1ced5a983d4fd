package org.relief.inventory.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.relief.contracts.Topics;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTopics;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** inventory-service against the real test broker and its real PostgreSQL database. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class HelpRequestIntakeTest {

    @Test
    void aSubmittedRequestOpensOneReservationAndIsAnsweredOnceEvenWhenDeliveredTwice() {
        String requestId = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        String submitted = """
                {"requestId":"%s","organisationId":"yanta-community","priority":"CRITICAL","community":"锦业路小区",
                 "district":"雁塔区","lines":[{"item":"n95-mask","quantity":1000,"unit":"piece"}],
                 "submittedAt":"2021-12-24T08:00:00Z"}""".formatted(requestId);
        var ctx = EventContext.command(requestId, "partner:yanta-community", "yanta-community");
        TestTopics.send(Topics.REQUESTS, requestId, eventId, "HelpRequestSubmitted", "/requests-service", submitted, ctx);
        TestTopics.send(Topics.REQUESTS, requestId, eventId, "HelpRequestSubmitted", "/requests-service", submitted, ctx);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/reservations/" + requestId)
                .then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("district", equalTo("雁塔区"))
                .body("lines[0].item", equalTo("n95-mask")));

        List<ConsumerRecord<String, String>> answers = TestTopics.recordsOfKey(Topics.INVENTORY, requestId, 1, Duration.ofSeconds(30));
        assertEquals(1, answers.size(), "one answer although the request arrived twice");
        ConsumerRecord<String, String> answer = answers.get(0);
        assertEquals("StockReservationOpened", CloudEvents.last(answer.headers(), CloudEvents.TYPE));
        assertEquals(eventId.toString(), CloudEvents.last(answer.headers(), CloudEvents.CAUSATION_ID));
        assertEquals(requestId, CloudEvents.last(answer.headers(), CloudEvents.CORRELATION_ID));
        assertEquals("yanta-community", CloudEvents.last(answer.headers(), CloudEvents.ORGANISATION_ID));
    }

    @Test
    void anUnknownReservationIs404ProblemJson() {
        given().get("/reservations/" + UUID.randomUUID())
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }
}
