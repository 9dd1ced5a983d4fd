package org.relief.inventory.messaging;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.inventory.Fixtures;
import org.relief.kernel.testing.RealInfrastructure;

/**
 * The consumer is bound to its handler, so ops see what it parked at /ops/parked-events (without naming it) and can
 * replay a key; a record that still breaks a rule stays parked, in order, and partners may not use the tool.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ParkedEventsTest {

    @Test
    void aSuppliesRequestWithoutLinesIsParkedListedAndStaysParkedOnReplay() {
        String requestId = UUID.randomUUID().toString();
        // a supplies request with no lines cannot be reserved for: a rule violation, parked at once
        Fixtures.publishSubmitted(new HelpRequestSubmitted(
                requestId,
                "parked-community",
                "SUPPLIES",
                "HIGH",
                List.of(),
                "锦业路小区",
                "雁塔区",
                null,
                List.of(),
                null,
                null,
                null,
                Instant.now(),
                null));
        // a later event of the same request waits behind it, so the request's order is kept
        Fixtures.publish(
                requestId,
                HelpRequestCancelled.TYPE,
                HelpRequestCancelled.VERSION,
                new HelpRequestCancelled(
                        requestId, "parked-community", "不再需要", "partner:parked-community", Instant.now()),
                "parked-community");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals(2, parkedOf(requestId).size()));
        List<Map<String, Object>> parked = parkedOf(requestId);
        assertEquals(RequestsEventsConsumer.NAME, parked.get(0).get("consumer"));
        assertEquals("HelpRequestSubmitted", parked.get(0).get("eventType"));
        assertTrue(
                String.valueOf(parked.get(0).get("error")).contains("no lines to reserve"),
                parked.get(0).toString());
        assertEquals("HelpRequestCancelled", parked.get(1).get("eventType"));
        assertTrue(
                String.valueOf(parked.get(1).get("error")).contains("parked behind"),
                parked.get(1).toString());
        Fixtures.ops()
                .get("/ops/parked-events?consumer=" + RequestsEventsConsumer.NAME)
                .then()
                .statusCode(200)
                .body("key", org.hamcrest.Matchers.hasItem(requestId));

        // replay: the first still breaks the rule, so both stay parked and the error is recorded
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("consumer", RequestsEventsConsumer.NAME, "key", requestId))
                .post("/ops/parked-events/replay")
                .then()
                .statusCode(200)
                .body("applied", equalTo(0))
                .body("stillParked", equalTo(2));
        assertTrue(String.valueOf(parkedOf(requestId).get(0).get("error")).startsWith("replay failed"));
        Fixtures.ops().get("/reservations/" + requestId).then().statusCode(404);

        // an unknown consumer is 404; partners may not list or replay
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("consumer", "nobody", "key", requestId))
                .post("/ops/parked-events/replay")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        Fixtures.as("parked-community", "partner")
                .get("/ops/parked-events")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
        Fixtures.as("parked-community", "partner")
                .contentType(ContentType.JSON)
                .body(Map.of("consumer", RequestsEventsConsumer.NAME, "key", requestId))
                .post("/ops/parked-events/replay")
                .then()
                .statusCode(403);
        assertEquals(2, parkedOf(requestId).size());
    }

    /** The open parked events of one key, as ops list them without naming a consumer. */
    private static List<Map<String, Object>> parkedOf(String key) {
        JsonPath all = Fixtures.ops()
                .get("/ops/parked-events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return all.<Map<String, Object>>getList("").stream()
                .filter(p -> key.equals(p.get("key")))
                .toList();
    }
}
