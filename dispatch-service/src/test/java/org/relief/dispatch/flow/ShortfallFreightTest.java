package org.relief.dispatch.flow;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relief.contracts.inventory.ReservedLine;
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.dispatch.Events;
import org.relief.dispatch.Fixtures;

/**
 * Issue 10, path 4, seen from dispatch: units rejected at a delivery are reserved again by inventory (its cumulative
 * figure counts the rejected units too: 1,000 asked, 5 rejected → 1,005), and dispatch plans a follow-up trip for
 * exactly the new units (reserved − units on the request's trips that did not fail or get cancelled). When the partner
 * accepts the shortfall instead, inventory's release (SHORTFALL_ACCEPTED) cancels the follow-up not yet picked up.
 */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class ShortfallFreightTest {
    final String org = "shortfall-org-" + Fixtures.suffix();
    final String community = "yanta-community-" + Fixtures.suffix();
    final List<String> vehicles = new ArrayList<>();

    @AfterEach
    void takeVehiclesOff() {
        vehicles.forEach(v -> Events.takeOff(org, v));
    }

    private String deliveredWithFiveRejected(String requestId, Events.Warehouse warehouse) {
        Events.submitted(Events.supplies(requestId, community, "HIGH", "长安区"));
        Events.reserved(Events.allocation(
                requestId,
                Instant.now().plus(Duration.ofHours(48)),
                Events.line("n95-mask", "1000", "0.01", "0.0002", warehouse)));
        String first =
                Events.published(requestId, 1).get(0).payload().get("tripId").asText();
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/trips/" + first + "/pickup")
                .then()
                .statusCode(200);
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "receivedBy",
                        "王主任",
                        "lines",
                        List.of(Map.of("item", "n95-mask", "accepted", 995, "rejected", 5, "rejectionReason", "包装破损"))))
                .post("/trips/" + first + "/delivery")
                .then()
                .statusCode(200)
                .body("trip.status", equalTo("DELIVERED"));
        return first;
    }

    /** inventory's answer after the receipt: 995 issued + 5 quarantined + 5 held again (in another lot) */
    private static void replacementReserved(String requestId, Events.Warehouse w) {
        ReservedLine line = new ReservedLine(
                "n95-mask",
                "piece",
                new BigDecimal("1000"),
                new BigDecimal("1005"),
                List.of(new ReservedLine.Allocation(
                        w.id(),
                        w.name(),
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(),
                        "donor-org",
                        new BigDecimal("5"),
                        null,
                        w.district(),
                        w.address())),
                new BigDecimal("0.01"),
                new BigDecimal("0.0002"));
        Events.reserved(Events.allocation(requestId, null, line));
    }

    @Test
    void theReservedReplacementOfRejectedUnitsGetsAFollowUpTripForExactlyThoseUnits() {
        String district = "测试区" + Fixtures.suffix();
        vehicles.add(Events.vehicle(org, Fixtures.carrier(org, "长安货运"), "TRUCK", "5000", "30", district));
        var warehouse = Events.warehouse(district);
        String requestId = UUID.randomUUID().toString();
        String first = deliveredWithFiveRejected(requestId, warehouse);

        replacementReserved(requestId, warehouse);
        List<Events.Published> out = Events.published(requestId, 4);
        assertEquals(
                List.of("TripScheduled", "TripPickedUp", "TripDelivered", "TripScheduled"),
                out.stream().map(Events.Published::type).toList());
        JsonNode followUp = out.get(3).payload();
        assertEquals(1, followUp.get("lines").size());
        assertEquals(
                0,
                followUp.at("/lines/0/quantity").decimalValue().compareTo(new BigDecimal("5")),
                "only the 5 replacements move: 1005 reserved - 1000 on the delivered trip");
        Fixtures.ops().get("/trips/" + first).then().body("trip.status", equalTo("DELIVERED"));
    }

    @Test
    void anAcceptedShortfallCancelsTheFollowUpTripNotYetPickedUp() {
        String district = "测试区" + Fixtures.suffix();
        vehicles.add(Events.vehicle(org, Fixtures.carrier(org, "长安货运"), "TRUCK", "5000", "30", district));
        var warehouse = Events.warehouse(district);
        String requestId = UUID.randomUUID().toString();
        String first = deliveredWithFiveRejected(requestId, warehouse);
        replacementReserved(requestId, warehouse);
        String followUp =
                Events.published(requestId, 4).get(3).payload().get("tripId").asText();

        Events.released(requestId, "SHORTFALL_ACCEPTED");
        List<Events.Published> out = Events.published(requestId, 5);
        Events.Published cancelled = out.get(4);
        assertEquals("TripCancelled", cancelled.type(), out.toString());
        assertEquals(followUp, cancelled.payload().get("tripId").asText());
        assertEquals("RESERVATION_RELEASED", cancelled.payload().get("reason").asText());
        Fixtures.ops().get("/trips/" + followUp).then().body("trip.status", equalTo("CANCELLED"));
        Fixtures.ops().get("/trips/" + first).then().body("trip.status", equalTo("DELIVERED"));
    }
}
