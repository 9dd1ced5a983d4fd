package org.relief.dispatch.flow;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.dispatch.Events;
import org.relief.dispatch.Fixtures;
import org.relief.dispatch.TestFleet;

/**
 * Freight end to end against the real broker and database: requests and allocations in (in any order), trips
 * planned on the right trucks, split, queued, picked up, delivered, failed and replanned, cancelled; everything
 * published on dispatch.events.v1 keyed by the request.
 */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class FreightFlowTest {
    static final String PROBLEM = "application/problem+json";
    final String org = "freight-org-" + Fixtures.suffix();
    final String community = "yanta-community-" + Fixtures.suffix();
    final TestFleet fleet = new TestFleet(org);

    String district() {
        return "测试区" + Fixtures.suffix();
    }

    String truck(String payloadKg, String district) {
        return fleet.truck(payloadKg, district);
    }

    /** A test leaves no free vehicle behind, so that later tests' loads cannot land on it. */
    @AfterEach
    void takeVehiclesOff() {
        fleet.takeAllOff();
    }

    static Instant expires() {
        return Instant.now().plus(Duration.ofHours(48));
    }

    @Test
    void anAllocationBeforeItsRequestIsPlannedOnceTheDestinationIsKnownOnTheTruckOfTheWarehouseDistrict() {
        String district = district();
        String mine = truck("8000", district);
        truck("8000", district + "外"); // as large, but elsewhere
        var warehouse = Events.warehouse(district);
        String requestId = UUID.randomUUID().toString();

        // inventory's answer overtakes the request (two topics): it is kept until the destination is known
        var allocation = Events.allocation(
                requestId,
                expires(),
                Events.line("n95-mask", "1000", "0.01", "0.0002", warehouse),
                Events.line("protective-suit", "200", "0.5", "0.004", warehouse));
        Events.reserved(allocation);
        Events.submitted(Events.supplies(requestId, community, "CRITICAL", "雁塔区"));

        List<Events.Published> out = Events.published(requestId, 1);
        assertEquals(1, out.size(), out.toString());
        assertEquals("TripScheduled", out.get(0).type());
        JsonNode s = out.get(0).payload();
        assertEquals(mine, s.get("vehicleId").asText());
        assertEquals("FREIGHT", s.get("kind").asText());
        assertEquals(community, s.get("organisationId").asText());
        assertEquals(warehouse.id(), s.at("/from/id").asText());
        assertEquals(district, s.at("/from/district").asText());
        assertEquals("锦业路小区", s.at("/to/name").asText());
        assertEquals(2, s.get("lines").size());
        assertEquals(0, s.get("weightKg").decimalValue().compareTo(new java.math.BigDecimal("110")), s.toString());
        assertTrue(
                s.get("explanation").toString().contains("the warehouse's district"),
                s.get("explanation").toString());
        String tripId = s.get("tripId").asText();

        // the same allocation again (another event, same meaning) and a request re-delivered: nothing new
        Events.reserved(Events.allocation(
                requestId,
                allocation.expiresAt(),
                allocation.lines().toArray(new org.relief.contracts.inventory.ReservedLine[0])));
        Events.submitted(Events.supplies(requestId, community, "CRITICAL", "雁塔区"));
        // a top-up: 500 more masks → one more trip, for the new units only
        Events.reserved(Events.allocation(
                requestId,
                expires(),
                Events.line("n95-mask", "1500", "0.01", "0.0002", warehouse),
                Events.line("protective-suit", "200", "0.5", "0.004", warehouse)));
        out = Events.published(requestId, 2);
        assertEquals(2, out.size(), out.toString());
        JsonNode topUp = out.get(1).payload();
        assertEquals("TripScheduled", out.get(1).type());
        assertEquals(1, topUp.get("lines").size());
        assertEquals(0, topUp.at("/lines/0/quantity").decimalValue().compareTo(new java.math.BigDecimal("500")));
        assertNotEquals(tripId, topUp.get("tripId").asText());

        // the dispatcher of the truck sees the trip with its timeline; pickup and delivery
        Fixtures.as(org, "dispatcher")
                .get("/trips/" + tripId)
                .then()
                .statusCode(200)
                .body("trip.status", equalTo("SCHEDULED"))
                .body("trip.vehicleId", equalTo(mine))
                .body("timeline.event", equalTo(List.of("Planned", "Scheduled")));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/trips/" + tripId + "/pickup")
                .then()
                .statusCode(200)
                .body("trip.status", equalTo("PICKED_UP"));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/trips/" + tripId + "/pickup")
                .then()
                .statusCode(409)
                .contentType(startsWith(PROBLEM));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .header("Accept-Language", "zh")
                .body(Map.of(
                        "receivedBy",
                        "李主任",
                        "lines",
                        List.of(Map.of("item", "n95-mask", "accepted", 990, "rejected", 10))))
                .post("/trips/" + tripId + "/delivery")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("detail", equalTo("n95-mask：拒收必须说明原因"));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "receivedBy",
                        "李主任",
                        "note",
                        "已签收",
                        "lines",
                        List.of(
                                Map.of("item", "n95-mask", "accepted", 990, "rejected", 10, "rejectionReason", "包装破损"),
                                Map.of("item", "protective-suit", "accepted", 200))))
                .post("/trips/" + tripId + "/delivery")
                .then()
                .statusCode(200)
                .body("trip.status", equalTo("DELIVERED"));

        out = Events.published(requestId, 4);
        assertEquals(
                List.of("TripScheduled", "TripScheduled", "TripPickedUp", "TripDelivered"),
                out.stream().map(Events.Published::type).toList());
        JsonNode delivered = out.get(3).payload();
        assertEquals("李主任", delivered.get("receivedBy").asText());
        assertEquals("包装破损", delivered.at("/lines/0/rejectionReason").asText());
        assertEquals("piece", delivered.at("/lines/0/unit").asText());

        // the delivered trip no longer holds the truck: its booking ends when the trip ended
        Fixtures.as(org, "dispatcher")
                .get("/vehicles/" + mine + "/bookings")
                .then()
                .statusCode(200)
                .body("find { it.tripId == '" + tripId + "' }.to", notNullValue())
                .body("find { it.tripId == '" + tripId + "' }.status", equalTo("DELIVERED"));
    }

    @Test
    void aLoadNoSingleTruckCarriesIsSplitAcrossTwoTrucksLargestFirst() {
        String district = district();
        // larger than any other test's vehicle, so the split lands on these two
        String big = truck("40000", district);
        String second = truck("39000", district + "外");
        var warehouse = Events.warehouse(district);
        String requestId = UUID.randomUUID().toString();
        Events.submitted(Events.supplies(requestId, community, "HIGH", "长安区"));
        // 3,000 bags of rice of 20 kg: 60 t
        Events.reserved(
                Events.allocation(requestId, expires(), Events.line("rice-20kg", "3000", "20", "0.02", warehouse)));

        List<Events.Published> out = Events.published(requestId, 2);
        assertEquals(
                List.of("TripScheduled", "TripScheduled"),
                out.stream().map(Events.Published::type).toList(),
                out.toString());
        assertEquals(big, out.get(0).payload().get("vehicleId").asText());
        assertEquals(
                0,
                out.get(0)
                        .payload()
                        .at("/lines/0/quantity")
                        .decimalValue()
                        .compareTo(new java.math.BigDecimal("2000")));
        assertEquals(second, out.get(1).payload().get("vehicleId").asText());
        assertEquals(
                0,
                out.get(1)
                        .payload()
                        .at("/lines/0/quantity")
                        .decimalValue()
                        .compareTo(new java.math.BigDecimal("1000")));
        assertTrue(
                out.get(0).payload().get("explanation").toString().contains("split"),
                out.get(0).payload().toString());
    }

    @Test
    void aLoadNoVehicleCanTakeWaitsRaisesOverdueOnceAndIsScheduledWhenATruckRegisters() {
        String district = district();
        var warehouse = Events.warehouse(district);
        String requestId = UUID.randomUUID().toString();
        Events.submitted(Events.supplies(requestId, community, "CRITICAL", "长安区"));
        // one generator of 45 t: no vehicle of any other test carries it
        Events.reserved(
                Events.allocation(requestId, expires(), Events.line("generator-45t", "1", "45000", "20", warehouse)));

        List<Events.Published> out = Events.published(requestId, 1);
        assertEquals("TripQueued", out.get(0).type());
        String tripId = out.get(0).payload().get("tripId").asText();
        // no free vehicle at all, or none carrying 45 t: either way the reason says so
        assertTrue(
                out.get(0).payload().get("reason").asText().matches("no (free )?truck or van .*"),
                out.get(0).payload().toString());
        // a dispatcher of any carrier sees the queue; acting on a queued trip is for ops
        Fixtures.as("other-org-" + Fixtures.suffix(), "dispatcher")
                .get("/trips/" + tripId)
                .then()
                .statusCode(200)
                .body("trip.status", equalTo("QUEUED"));
        Fixtures.as("other-org-" + Fixtures.suffix(), "dispatcher")
                .queryParam("status", "QUEUED")
                .queryParam("requestId", requestId)
                .get("/trips")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(tripId));

        // relief.dispatch.queue.overdue is 4 s in tests: the wait is escalated, once
        out = Events.published(requestId, 2);
        assertEquals("TripWaitOverdue", out.get(1).type(), out.toString());
        String truck = truck("50000", district);
        out = Events.published(requestId, 3);
        assertEquals(
                List.of("TripQueued", "TripWaitOverdue", "TripScheduled"),
                out.stream().map(Events.Published::type).toList());
        assertEquals(tripId, out.get(2).payload().get("tripId").asText());
        assertEquals(truck, out.get(2).payload().get("vehicleId").asText());
    }

    @Test
    void theQueueServesCriticalBeforeNormalWhateverTheOrderOfWaiting() {
        String district = district();
        var warehouse = Events.warehouse(district);
        String normal = UUID.randomUUID().toString();
        String critical = UUID.randomUUID().toString();
        // the NORMAL request arrives as a v1 HelpRequestSubmitted (no kind: upcast to a supplies request)
        Events.send(
                Events.requestsTopic(),
                normal,
                "HelpRequestSubmitted",
                1,
                Map.of(
                        "requestId",
                        normal,
                        "organisationId",
                        community,
                        "priority",
                        "NORMAL",
                        "community",
                        "锦业路小区",
                        "district",
                        "长安区",
                        "lines",
                        List.of(Map.of("item", "generator-45t", "quantity", 1, "unit", "piece")),
                        "submittedAt",
                        Instant.now().toString()),
                "/requests-service",
                community);
        Events.reserved(
                Events.allocation(normal, expires(), Events.line("generator-45t", "1", "45000", "20", warehouse)));
        assertEquals("TripQueued", Events.published(normal, 1).get(0).type());
        Events.submitted(Events.supplies(critical, community, "CRITICAL", "长安区"));
        Events.reserved(
                Events.allocation(critical, expires(), Events.line("generator-45t", "1", "45000", "20", warehouse)));
        assertEquals("TripQueued", Events.published(critical, 1).get(0).type());

        String first = truck("50000", district);
        List<Events.Published> out = Events.published(critical, 2);
        assertEquals("TripScheduled", Events.ofType(out, "TripScheduled").get(0).type(), out.toString());
        assertEquals(
                first,
                Events.ofType(out, "TripScheduled")
                        .get(0)
                        .payload()
                        .get("vehicleId")
                        .asText());
        Fixtures.ops().queryParam("requestId", normal).get("/trips").then().body("items[0].status", equalTo("QUEUED"));
        String second = truck("50000", district);
        out = Events.ofType(Events.published(normal, 2), "TripScheduled");
        assertEquals(1, out.size());
        assertEquals(second, out.get(0).payload().get("vehicleId").asText());
    }

    @Test
    void aFailedTripIsReplannedAtOnceOnAnotherTruck() {
        String district = district();
        String first = truck("8000", district);
        var warehouse = Events.warehouse(district);
        String requestId = UUID.randomUUID().toString();
        Events.submitted(Events.supplies(requestId, community, "NORMAL", "长安区"));
        Events.reserved(
                Events.allocation(requestId, expires(), Events.line("n95-mask", "1000", "0.01", "0.0002", warehouse)));
        String tripId =
                Events.published(requestId, 1).get(0).payload().get("tripId").asText();
        String spare = truck("8000", district);

        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/trips/" + tripId + "/pickup")
                .then()
                .statusCode(200);
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "道路封闭"))
                .post("/trips/" + tripId + "/failure")
                .then()
                .statusCode(200)
                .body("trip.status", equalTo("FAILED"))
                .body("trip.replacementTripId", notNullValue());

        List<Events.Published> out = Events.published(requestId, 4);
        assertEquals(
                List.of("TripScheduled", "TripPickedUp", "TripFailed", "TripScheduled"),
                out.stream().map(Events.Published::type).toList());
        JsonNode failed = out.get(2).payload();
        assertEquals("REPLANNED", failed.get("outcome").asText());
        assertTrue(failed.get("wasPickedUp").asBoolean());
        JsonNode replacement = out.get(3).payload();
        assertEquals(
                failed.get("replacementTripId").asText(),
                replacement.get("tripId").asText());
        assertEquals(tripId, replacement.get("replanOf").asText());
        assertEquals(spare, replacement.get("vehicleId").asText(), "not the truck that just failed");
        assertEquals(0, replacement.at("/lines/0/quantity").decimalValue().compareTo(new java.math.BigDecimal("1000")));
        assertNotEquals(first, replacement.get("vehicleId").asText());
    }

    @Test
    void aCancelledRequestCancelsEveryUnfinishedTripAndTheLoadOnBoardGoesBack() {
        String district = district();
        truck("8000", district);
        truck("8000", district);
        var w1 = Events.warehouse(district);
        var w2 = Events.warehouse(district);
        String requestId = UUID.randomUUID().toString();
        Events.submitted(Events.supplies(requestId, community, "HIGH", "长安区"));
        // two warehouses: two trips
        Events.reserved(Events.allocation(
                requestId,
                expires(),
                Events.line("n95-mask", "100", "0.01", "0.0002", w1),
                Events.line("protective-suit", "100", "0.5", "0.004", w2)));
        List<Events.Published> out = Events.published(requestId, 2);
        String pickedUp = out.get(0).payload().get("tripId").asText();
        String scheduled = out.get(1).payload().get("tripId").asText();
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/trips/" + pickedUp + "/pickup")
                .then()
                .statusCode(200);

        Events.cancelled(requestId, community);
        out = Events.published(requestId, 5);
        List<Events.Published> cancelled = Events.ofType(out, "TripCancelled");
        assertEquals(2, cancelled.size(), out.toString());
        for (Events.Published p : cancelled) {
            assertEquals("REQUEST_CANCELLED", p.payload().get("reason").asText());
            assertEquals(
                    p.payload().get("tripId").asText().equals(pickedUp),
                    p.payload().get("wasPickedUp").asBoolean());
        }
        Fixtures.ops().get("/trips/" + scheduled).then().body("trip.status", equalTo("CANCELLED"));
        // a trip of a cancelled request is not replanned when it fails: nothing is left to fail
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "x"))
                .post("/trips/" + pickedUp + "/failure")
                .then()
                .statusCode(409);
    }

    @Test
    void anExpiredReservationCancelsTripsNotYetPickedUpAndAPickupAfterExpiryIsRefused() {
        String district = district();
        truck("8000", district);
        truck("8000", district);
        var w1 = Events.warehouse(district);
        var w2 = Events.warehouse(district);
        String requestId = UUID.randomUUID().toString();
        Events.submitted(Events.supplies(requestId, community, "HIGH", "长安区"));
        Instant expiresAt = Instant.now().plusSeconds(8);
        Events.reserved(Events.allocation(
                requestId,
                expiresAt,
                Events.line("n95-mask", "100", "0.01", "0.0002", w1),
                Events.line("protective-suit", "100", "0.5", "0.004", w2)));
        List<Events.Published> out = Events.published(requestId, 2);
        String early = out.get(0).payload().get("tripId").asText();
        String late = out.get(1).payload().get("tripId").asText();
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/trips/" + early + "/pickup")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(expiresAt.plusMillis(200)));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .header("Accept-Language", "zh")
                .body(Map.of())
                .post("/trips/" + late + "/pickup")
                .then()
                .statusCode(409)
                .contentType(startsWith(PROBLEM))
                .body("detail", containsString("过期"));

        Events.released(requestId, "EXPIRED");
        out = Events.published(requestId, 4);
        List<Events.Published> cancelled = Events.ofType(out, "TripCancelled");
        assertEquals(1, cancelled.size(), out.toString());
        assertEquals(late, cancelled.get(0).payload().get("tripId").asText());
        assertEquals(
                "RESERVATION_RELEASED", cancelled.get(0).payload().get("reason").asText());
        Fixtures.ops().get("/trips/" + early).then().body("trip.status", equalTo("PICKED_UP"));
    }

    @Test
    void aDispatcherCancelsItsOwnTripAndTheTruckTakesTheNextLoad() {
        String district = district();
        String only = truck("8000", district);
        var warehouse = Events.warehouse(district);
        String requestId = UUID.randomUUID().toString();
        Events.submitted(Events.supplies(requestId, community, "NORMAL", "长安区"));
        Events.reserved(
                Events.allocation(requestId, expires(), Events.line("n95-mask", "100", "0.01", "0.0002", warehouse)));
        String tripId =
                Events.published(requestId, 1).get(0).payload().get("tripId").asText();

        Fixtures.as("someone-else-" + Fixtures.suffix(), "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "x"))
                .post("/trips/" + tripId + "/cancellation")
                .then()
                .statusCode(404);
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", " "))
                .post("/trips/" + tripId + "/cancellation")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "车辆调往其他任务"))
                .post("/trips/" + tripId + "/cancellation")
                .then()
                .statusCode(200)
                .body("trip.status", equalTo("CANCELLED"))
                .body("timeline.event", hasItem("Cancelled"));
        List<Events.Published> out = Events.published(requestId, 2);
        assertEquals("TripCancelled", out.get(1).type());
        assertEquals("DISPATCHER", out.get(1).payload().get("reason").asText());
        assertEquals(only, out.get(1).payload().get("vehicleId").asText());
        assertFalse(out.get(1).payload().get("wasPickedUp").asBoolean());
        Fixtures.as(org, "dispatcher")
                .queryParam("vehicleId", only)
                .get("/trips")
                .then()
                .statusCode(200)
                .body("items[0].status", equalTo("CANCELLED"))
                .body("items[0].queueReason", nullValue());
    }
}
