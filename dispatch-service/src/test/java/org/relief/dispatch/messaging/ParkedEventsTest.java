package org.relief.dispatch.messaging;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.dispatch.Events;
import org.relief.dispatch.Fixtures;

/**
 * Both consumers are bound to their handlers: a record that does not fit its contract is parked (never dropped) and
 * listed for ops under the consumer's name; later records of the key wait behind it, other keys flow on.
 */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class ParkedEventsTest {

    @Test
    void aMalformedAllocationIsParkedAndListedAndOtherRequestsFlowOn() {
        Fixtures.ops().get("/ops/parked-events").then().statusCode(200);
        String broken = UUID.randomUUID().toString();
        Events.send(
                Events.inventoryTopic(),
                broken,
                "StockReserved",
                1,
                Map.of("requestId", broken, "lines", "not a list"),
                "/inventory-service",
                null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Fixtures.ops()
                .queryParam("consumer", InventoryEventsConsumer.NAME)
                .get("/ops/parked-events")
                .then()
                .statusCode(200)
                .body("key", hasItem(broken)));

        // another request on the same consumer is planned as usual
        String district = "停放区" + Fixtures.suffix();
        String org = "parked-org-" + Fixtures.suffix();
        String truck = Events.vehicle(org, Fixtures.carrier(org, "公司"), "TRUCK", "8000", "30", district);
        String fine = UUID.randomUUID().toString();
        Events.submitted(Events.supplies(fine, "community-x", "HIGH", "长安区"));
        Events.reserved(Events.allocation(
                fine,
                java.time.Instant.now().plusSeconds(3600),
                Events.line("n95-mask", "10", "0.01", "0.0002", Events.warehouse(district))));
        var out = Events.published(fine, 1);
        assertEquals(truck, out.get(0).payload().get("vehicleId").asText());
        Fixtures.ops()
                .get("/ops/parked-events")
                .then()
                .statusCode(200)
                .body("consumer", hasItem(InventoryEventsConsumer.NAME));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "consumer",
                        RequestsEventsConsumer.NAME,
                        "key",
                        UUID.randomUUID().toString()))
                .post("/ops/parked-events/replay")
                .then()
                .statusCode(200)
                .body("applied", equalTo(0));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "测试结束"))
                .post("/trips/" + out.get(0).payload().get("tripId").asText() + "/cancellation")
                .then()
                .statusCode(200);
        Events.takeOff(org, truck);
    }
}
