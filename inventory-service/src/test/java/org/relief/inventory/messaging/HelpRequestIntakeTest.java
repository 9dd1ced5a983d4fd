package org.relief.inventory.messaging;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.relief.contracts.Topics;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.inventory.Fixtures;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTopics;

/** inventory-service against the real test broker and its real PostgreSQL database. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class HelpRequestIntakeTest {

    @Test
    void aV1SubmittedRequestOpensOneReservationAndIsAnsweredOnceEvenWhenDeliveredTwice() {
        String requestId = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        String item = "n95-mask-out-of-stock-" + Fixtures.suffix();
        Fixtures.item(item, "piece", false); // catalogued (a line that is not would be rejected at once), no stock
        // v1 payload (TestTopics.send writes schema version 1): upcast to a SUPPLIES request without flags
        String submitted =
                """
                {"requestId":"%s","organisationId":"yanta-community","priority":"CRITICAL","community":"锦业路小区",
                 "district":"雁塔区","lines":[{"item":"%s","quantity":1000,"unit":"piece"}],
                 "submittedAt":"2021-12-24T08:00:00Z"}"""
                        .formatted(requestId, item);
        var ctx = EventContext.command(requestId, "partner:yanta-community", "yanta-community");
        TestTopics.send(
                Topics.REQUESTS, requestId, eventId, "HelpRequestSubmitted", "/requests-service", submitted, ctx);
        TestTopics.send(
                Topics.REQUESTS, requestId, eventId, "HelpRequestSubmitted", "/requests-service", submitted, ctx);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Fixtures.ops()
                .get("/reservations/" + requestId)
                .then()
                .statusCode(200)
                .body("status", equalTo("WAITING"))
                .body("district", equalTo("雁塔区"))
                .body("lines[0].item", equalTo(item)));

        List<ConsumerRecord<String, String>> answers =
                TestTopics.recordsOfKey(Topics.INVENTORY, requestId, 2, Duration.ofSeconds(30));
        assertEquals(2, answers.size(), "opened + allocation result, once, although the request arrived twice");
        ConsumerRecord<String, String> answer = answers.get(0);
        assertEquals("StockReservationOpened", CloudEvents.last(answer.headers(), CloudEvents.TYPE));
        assertEquals(eventId.toString(), CloudEvents.last(answer.headers(), CloudEvents.CAUSATION_ID));
        assertEquals(requestId, CloudEvents.last(answer.headers(), CloudEvents.CORRELATION_ID));
        assertEquals("yanta-community", CloudEvents.last(answer.headers(), CloudEvents.ORGANISATION_ID));
        ConsumerRecord<String, String> unavailable = answers.get(1);
        assertEquals("StockUnavailable", CloudEvents.last(unavailable.headers(), CloudEvents.TYPE));
        assertEquals(eventId.toString(), CloudEvents.last(unavailable.headers(), CloudEvents.CAUSATION_ID));
        assertTrue(unavailable.value().contains(item + ": 0 of 1000: no stock"), unavailable.value());
    }

    @Test
    void ridesAndCareVisitsNeedNoReservation() {
        String ride = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(new HelpRequestSubmitted(
                ride,
                "taxi-association",
                "RIDE",
                "HIGH",
                List.of(),
                "229 封控区",
                "长安区",
                null,
                List.of(),
                new HelpRequestSubmitted.RideDetails(
                        "考生",
                        "13800000000",
                        "小区门口",
                        "长安区",
                        "考点",
                        "雁塔区",
                        Instant.now(),
                        Instant.now().plusSeconds(3600),
                        List.of()),
                null,
                null,
                Instant.now(),
                null));
        String marker = UUID.randomUUID().toString();
        // a later request on the same consumer shows the ride was handled (and ignored) before it
        Fixtures.publishSubmitted(
                Fixtures.supplies(marker, "NORMAL", List.of(), "长安区", Instant.now(), "nothing-" + marker, 1));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        Fixtures.ops().get("/reservations/" + marker).then().statusCode(200));
        Fixtures.ops().get("/reservations/" + ride).then().statusCode(404);
        assertEquals(
                0,
                TestTopics.recordsOfKey(Topics.INVENTORY, ride, 1, Duration.ofSeconds(2))
                        .size());
    }

    @Test
    void anUnknownReservationIs404ProblemJson() {
        Fixtures.ops()
                .get("/reservations/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
