package org.relief.dispatch.flow;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.dispatch.Events;
import org.relief.dispatch.Fixtures;
import org.relief.dispatch.service.TripService;
import org.relief.kernel.testing.ProjectionOps;

/**
 * Issue 11: ops correct a request's priority in requests-service (HelpRequestPriorityCorrected). Dispatch records it
 * on the request's transport stream, each of its trips still queued changes priority by an event of its own, the
 * queue is served in the new order, and the trip's timeline shows the change.
 */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class PriorityCorrectionTest {
    final String org = "correction-org-" + Fixtures.suffix();
    final String community = "correction-community-" + Fixtures.suffix();
    final List<String> vehicles = new ArrayList<>();
    final List<String> trips = new ArrayList<>();

    /** No free vehicle and no waiting trip of this test is left for later tests. */
    @AfterEach
    void cleanUp() {
        vehicles.forEach(v -> Events.takeOff(org, v));
        for (String trip : trips) {
            if ("QUEUED"
                    .equals(Fixtures.ops()
                            .get("/trips/" + trip)
                            .then()
                            .extract()
                            .path("trip.status"))) {
                Fixtures.ops()
                        .contentType(ContentType.JSON)
                        .body(Map.of("reason", "测试结束"))
                        .post("/trips/" + trip + "/cancellation")
                        .then()
                        .statusCode(200);
            }
        }
    }

    static Instant expires() {
        return Instant.now().plus(Duration.ofHours(48));
    }

    /** A supplies request with one load no vehicle of any test carries (45 t): its trip waits in the queue. */
    String queuedTrip(String requestId, String priority, Events.Warehouse warehouse) {
        Events.submitted(Events.supplies(requestId, community, priority, "长安区"));
        Events.reserved(
                Events.allocation(requestId, expires(), Events.line("generator-45t", "1", "45000", "20", warehouse)));
        Events.Published first = Events.published(requestId, 1).get(0);
        assertEquals("TripQueued", first.type(), first.toString());
        String tripId = first.payload().get("tripId").asText();
        trips.add(tripId);
        return tripId;
    }

    static JsonPath trip(String tripId) {
        return Fixtures.ops()
                .get("/trips/" + tripId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void aQueuedTripCorrectedToCriticalGetsTheNextVehicleBeforeOneThatWaitedLonger() {
        // the test database outlives runs and may hold views written by older projector versions
        ProjectionOps.call("trips", "rebuild").body("committed", equalTo(true));
        String district = "更正区" + Fixtures.suffix();
        var warehouse = Events.warehouse(district);
        String waitedLonger = UUID.randomUUID().toString();
        String corrected = UUID.randomUUID().toString();
        String highTrip = queuedTrip(waitedLonger, "HIGH", warehouse);
        String normalTrip = queuedTrip(corrected, "NORMAL", warehouse);
        Fixtures.ops().get("/trips/" + normalTrip).then().body("trip.priority", equalTo("NORMAL"));

        // a correction for a request dispatch never heard of changes nothing and parks nothing: that request's
        // later events flow as usual (a parked key would hold them back) with the priority they bring
        String unknown = UUID.randomUUID().toString();
        Events.priorityCorrected(unknown, community, "NORMAL", "CRITICAL", "核实");
        String unknownTrip = queuedTrip(unknown, "NORMAL", warehouse);
        Fixtures.ops().get("/trips/" + unknownTrip).then().body("trip.priority", equalTo("NORMAL"));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "测试：不参与排队"))
                .post("/trips/" + unknownTrip + "/cancellation")
                .then()
                .statusCode(200);

        // ops found the NORMAL request is a dialysis patient's generator: CRITICAL
        Events.priorityCorrected(corrected, community, "NORMAL", "CRITICAL", "电话核实：透析患者需要发电机");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "CRITICAL".equals(trip(normalTrip).getString("trip.priority")));
        assertEquals("QUEUED", trip(normalTrip).getString("trip.status"));
        assertEquals("HIGH", trip(highTrip).getString("trip.priority"), "another request's trip is not touched");
        // the view follows from the events: rebuilt from the event store it is what the live table holds
        ProjectionOps.call("trips", "verify").body("equal", equalTo(true));

        // one truck for both: the corrected trip gets it although the HIGH one has waited longer
        String carrier = Fixtures.carrier(org, "西安货运公司");
        String truck = Events.vehicle(org, carrier, "TRUCK", "50000", "60", district);
        vehicles.add(truck);
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !"QUEUED".equals(trip(normalTrip).getString("trip.status")));
        JsonPath scheduled = trip(normalTrip);
        assertEquals("SCHEDULED", scheduled.getString("trip.status"));
        assertEquals(truck, scheduled.getString("trip.vehicleId"));
        assertEquals("QUEUED", trip(highTrip).getString("trip.status"), "it waits for the next vehicle");

        // the timeline shows the change, before the scheduling
        List<String> events = scheduled.getList("timeline.event", String.class);
        assertTrue(
                events.indexOf("Queued") < events.indexOf("PriorityChanged")
                        && events.indexOf("PriorityChanged") < events.indexOf("Scheduled"),
                events.toString());
        assertEquals(1, events.stream().filter("PriorityChanged"::equals).count(), events.toString());
        Map<String, Object> change = scheduled.getMap("timeline.find { it.event == 'PriorityChanged' }.details");
        assertEquals("NORMAL", change.get("priorityBefore"));
        assertEquals("CRITICAL", change.get("priority"));
        assertEquals("电话核实：透析患者需要发电机", change.get("reason"));
        assertEquals(TripService.ACTOR, scheduled.getString("timeline.find { it.event == 'PriorityChanged' }.actor"));

        // another request's queued trip follows its own correction
        Events.priorityCorrected(waitedLonger, community, "HIGH", "NORMAL", "核实：不紧急");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "NORMAL".equals(trip(highTrip).getString("trip.priority")));

        // a trip that has its vehicle keeps the priority it was planned with; the cancellation after the correction
        // (same key, so applied after it) tells when the correction has been handled
        Events.priorityCorrected(corrected, community, "CRITICAL", "HIGH", "再次核实");
        Events.cancelled(corrected, community);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "CANCELLED".equals(trip(normalTrip).getString("trip.status")));
        JsonPath after = trip(normalTrip);
        assertEquals("CRITICAL", after.getString("trip.priority"));
        assertEquals(
                1,
                after.getList("timeline.event", String.class).stream()
                        .filter("PriorityChanged"::equals)
                        .count());
        ProjectionOps.call("trips", "verify").body("equal", equalTo(true));
    }
}
