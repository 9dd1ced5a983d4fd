package org.relief.requests.service;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.requests.support.Requests;

/** The persisted deadline and the scheduled job, with limits of seconds instead of hours. */
@QuarkusTest
@TestProfile(EscalationTest.ShortLimits.class)
@WithTestResource(RealInfrastructure.class)
class EscalationTest {

    public static class ShortLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "relief.escalation.critical",
                    "PT2S",
                    "relief.escalation.high",
                    "PT1H",
                    "relief.escalation.every",
                    "1s",
                    "relief.escalation.delay",
                    "1s");
        }
    }

    @Test
    void aStuckRequestIsEscalatedOncePerStatusAndShownOverdue() throws Exception {
        String org = Requests.fresh("esc-org");
        String id = Requests.submit(Requests.supplies(org, Requests.fresh("小区"), "CRITICAL"));
        String calm = Requests.submit(Requests.supplies(org, Requests.fresh("小区"), "HIGH"));
        String submittedDeadline = Requests.partner(org)
                .get("/help-requests/" + id)
                .then()
                .extract()
                .path("request.progressDeadline");
        String statusChangedAt = Requests.partner(org)
                .get("/help-requests/" + id)
                .then()
                .extract()
                .path("request.statusChangedAt");
        assertEquals(
                Duration.ofSeconds(2),
                Duration.between(Instant.parse(statusChangedAt), Instant.parse(submittedDeadline)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Requests.partner(org)
                .get("/help-requests/" + id)
                .then()
                .body("request.overdue", equalTo(true))
                .body("request.status", equalTo("SUBMITTED"))
                .body("timeline[-1].event", equalTo("Escalated"))
                .body("timeline[-1].actor", equalTo("requests-service"))
                .body("timeline[-1].details.status", equalTo("SUBMITTED")));
        Requests.partner(org)
                .queryParam("overdue", "true")
                .get("/help-requests")
                .then()
                .body("items.id", equalTo(List.of(id)));

        // the job keeps running: still one escalation for this status, on the timeline and on Kafka
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> Requests.partner(
                        org)
                .get("/help-requests/" + id)
                .then()
                .body("timeline.findAll { it.event == 'Escalated' }.size()", equalTo(1)));
        List<ConsumerRecord<String, String>> published = Requests.published(id, 2);
        assertEquals(
                List.of("HelpRequestSubmitted", "HelpRequestEscalated"),
                published.stream()
                        .map(r -> CloudEvents.last(r.headers(), CloudEvents.TYPE))
                        .toList());
        String escalated = published.get(1).value();
        JsonNode payload = new ObjectMapper().readTree(escalated);
        assertEquals("SUBMITTED", payload.get("status").asText(), escalated);
        assertEquals("CRITICAL", payload.get("priority").asText(), escalated);
        assertEquals(
                Instant.parse(submittedDeadline),
                Instant.parse(payload.get("deadline").asText()),
                escalated);
        Requests.partner(org)
                .get("/help-requests/" + calm)
                .then()
                .body("request.overdue", equalTo(false))
                .body("timeline.event", not(hasItem("Escalated")));

        // progress clears the flag and sets a new deadline; being stuck again escalates again
        Requests.opened(id);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Requests.partner(org)
                .get("/help-requests/" + id)
                .then()
                .body("request.status", equalTo("RESERVATION_PENDING"))
                .body("timeline.event", hasItem("ReservationOpened")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Requests.partner(org)
                .get("/help-requests/" + id)
                .then()
                .body("request.overdue", equalTo(true))
                .body("timeline.findAll { it.event == 'Escalated' }.size()", equalTo(2))
                .body("timeline[-1].details.status", equalTo("RESERVATION_PENDING")));

        // an ended request has no deadline and never escalates
        Requests.partner(org)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"已解决\"}")
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(200)
                .body("overdue", equalTo(false))
                .body("progressDeadline", nullValue());
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> Requests.partner(
                        org)
                .get("/help-requests/" + id)
                .then()
                .body("timeline[-1].event", equalTo("Cancelled")));
        assertEquals(
                2,
                Requests.publishedTypes(id, 4).stream()
                        .filter("HelpRequestEscalated"::equals)
                        .count());
    }
}
