package org.relief.volunteer.flow;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relief.contracts.Topics;
import org.relief.contracts.dispatch.DeliveredLine;
import org.relief.contracts.dispatch.TripDelivered;
import org.relief.contracts.dispatch.TripLine;
import org.relief.contracts.dispatch.TripPickedUp;
import org.relief.contracts.dispatch.TripScheduled;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.volunteer.Fixtures;
import org.relief.volunteer.TestClock;
import org.relief.volunteer.service.VolunteerCallStaffing;

/**
 * Issue 10, path 3: a trip's calls end with the trip. TripDelivered ends the HAND_OUT call (and a LOADING call still
 * live), TripPickedUp the LOADING call: completed with the hours of those who accepted, the offers released, or
 * closed as NO_LONGER_NEEDED when nobody served. A volunteer who registers afterwards is not booked onto it.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class CallEndsWithTripTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String C = Fixtures.COORDINATOR;

    @Inject
    TestClock clock;

    @Inject
    VolunteerCallStaffing staffing;

    @AfterEach
    void wallClock() {
        clock.reset();
    }

    record Trip(String requestId, String tripId, String warehouseDistrict, String compoundDistrict, Instant start) {
        static Trip next() {
            return new Trip(
                    UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(),
                    Fixtures.district(),
                    Fixtures.district(),
                    Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS));
        }
    }

    static void scheduled(Trip t) {
        Fixtures.publish(
                Topics.DISPATCH,
                t.requestId(),
                TripScheduled.TYPE,
                TripScheduled.VERSION,
                TripSagaTest.scheduled(
                        new TripSagaTest.Trip(
                                t.requestId(), t.tripId(), t.warehouseDistrict(), t.compoundDistrict(), t.start()),
                        TripScheduled.FREIGHT,
                        "400"),
                "yanta-community");
    }

    static void delivered(Trip t, Instant at) {
        Fixtures.publish(
                Topics.DISPATCH,
                t.requestId(),
                TripDelivered.TYPE,
                TripDelivered.VERSION,
                new TripDelivered(
                        t.tripId(),
                        t.requestId(),
                        "yanta-community",
                        TripScheduled.FREIGHT,
                        "vehicle-1",
                        "门卫老张",
                        List.of(new DeliveredLine("n95-mask", "box", new BigDecimal("120"), BigDecimal.ZERO, null)),
                        null,
                        at),
                "yanta-community");
    }

    static JsonPath callsOf(String requestId) {
        return Fixtures.ops()
                .queryParam("requestId", requestId)
                .get("/calls")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void aDeliveredTripClosesItsShortCallsAndALaterVolunteerIsNotBookedOntoThem() {
        Trip t = Trip.next();
        scheduled(t);
        // nobody in either district: both calls are short and wait on the waitlist
        await().atMost(WAIT)
                .untilAsserted(() -> assertEquals(
                        List.of(true, true),
                        callsOf(t.requestId()).getList("understaffed"),
                        callsOf(t.requestId()).prettify()));
        String handOut = callsOf(t.requestId()).getString("find { it.purpose == 'HAND_OUT' }.id");

        delivered(t, Instant.now());
        await().atMost(WAIT)
                .untilAsserted(() -> assertEquals(
                        List.of("CANCELLED", "CANCELLED"),
                        callsOf(t.requestId()).getList("status"),
                        "the calls end with the trip"));
        Fixtures.ops()
                .get("/calls/" + handOut)
                .then()
                .body(
                        "cancelReason",
                        equalTo(org.relief.volunteer.domain.VolunteerCall.NO_LONGER_NEEDED + ": trip " + t.tripId()
                                + " delivered before anyone served"));

        // a volunteer who registers later in that district, free for the hand-out's window
        String org = "end-org-" + Fixtures.suffix();
        String late = Fixtures.available(
                org, "迟到的志愿者", t.compoundDistrict(), t.start(), t.start().plus(6, ChronoUnit.HOURS), "translation");
        // the waitlist, asked now for this volunteer, finds no call (and the registration's own top-up found none)
        assertTrue(staffing.topUpNext(late, Set.of()).isEmpty(), "an ended call is not on the waitlist");
        Fixtures.as(org, C)
                .get("/volunteers/" + late + "/bookings")
                .then()
                .statusCode(200)
                .body("$", empty());
        Fixtures.ops().get("/calls/" + handOut).then().body("assignments", empty());

        List<Fixtures.Published> out = Fixtures.published(t.requestId(), 6);
        assertEquals(2, Fixtures.count(out, "VolunteerCallCancelled"), out.toString());
        assertEquals(0, Fixtures.count(out, "VolunteerAssigned"), out.toString());
        assertTrue(
                out.stream()
                        .filter(p -> p.type().equals("VolunteerCallCancelled"))
                        .allMatch(p -> p.payload().get("reason").asText().startsWith("NO_LONGER_NEEDED")),
                out.toString());
    }

    @Test
    void pickupCompletesTheLoadingAndDeliveryTheHandOutWithTheHoursOfThoseWhoAccepted() {
        Trip t = Trip.next();
        String org = "end-org-" + Fixtures.suffix();
        Instant from = t.start().minus(1, ChronoUnit.HOURS);
        Instant to = t.start().plus(6, ChronoUnit.HOURS);
        Fixtures.available(org, "装卸工", t.warehouseDistrict(), from, to, "loading");
        Fixtures.available(org, "分发员甲", t.compoundDistrict(), from, to, "translation");
        Fixtures.available(org, "分发员乙", t.compoundDistrict(), from, to, "translation");
        scheduled(t); // 400 kg: one loader; two hands
        await().atMost(WAIT)
                .untilAsserted(() -> assertEquals(
                        List.of("FILLED", "FILLED"), callsOf(t.requestId()).getList("status")));
        JsonPath both = callsOf(t.requestId());
        String loading = both.getString("find { it.purpose == 'LOADING' }.id");
        String handOut = both.getString("find { it.purpose == 'HAND_OUT' }.id");
        JsonPath loadingCall =
                Fixtures.ops().get("/calls/" + loading).then().extract().jsonPath();
        JsonPath handOutCall =
                Fixtures.ops().get("/calls/" + handOut).then().extract().jsonPath();

        // ten minutes into the trip's window the loader and one of the two hands accept; the other never answers
        clock.set(t.start().plus(10, ChronoUnit.MINUTES));
        Fixtures.as(org, C)
                .post("/assignments/" + loadingCall.getString("assignments[0].id") + "/acceptance")
                .then()
                .statusCode(200);
        Fixtures.as(org, C)
                .post("/assignments/" + handOutCall.getString("assignments[0].id") + "/acceptance")
                .then()
                .statusCode(200);

        // picked up 40 minutes into the loading window: the loader served from the acceptance, 30 minutes
        Fixtures.publish(
                Topics.DISPATCH,
                t.requestId(),
                TripPickedUp.TYPE,
                TripPickedUp.VERSION,
                new TripPickedUp(
                        t.tripId(),
                        t.requestId(),
                        "yanta-community",
                        TripScheduled.FREIGHT,
                        "vehicle-1",
                        List.of(new TripLine(
                                "n95-mask", "box", new BigDecimal("120"), new BigDecimal("400"), BigDecimal.ONE)),
                        t.start().plus(40, ChronoUnit.MINUTES)),
                "yanta-community");
        await().atMost(WAIT).untilAsserted(() -> Fixtures.ops()
                .get("/calls/" + loading)
                .then()
                .body("status", equalTo("COMPLETED"))
                .body("hours", equalTo(0.5f)));
        Fixtures.ops().get("/calls/" + handOut).then().body("status", equalTo("FILLED"));

        // delivered 2.5 h into the trip's window: the hand-out began at 1 h, so 1.5 h for the one who accepted
        delivered(t, t.start().plus(150, ChronoUnit.MINUTES));
        await().atMost(WAIT).untilAsserted(() -> Fixtures.ops()
                .get("/calls/" + handOut)
                .then()
                .body("status", equalTo("COMPLETED"))
                .body("personTimes", equalTo(1))
                .body("hours", equalTo(1.5f))
                .body("assignments.status", equalTo(List.of("COMPLETED", "RELEASED"))));

        List<Fixtures.Published> out = Fixtures.published(t.requestId(), 9);
        List<Fixtures.Published> completed = out.stream()
                .filter(p -> p.type().equals("VolunteerCallCompleted"))
                .toList();
        assertEquals(2, completed.size(), out.toString());
        assertEquals("LOADING", completed.get(0).payload().get("purpose").asText());
        assertEquals(
                0,
                new BigDecimal("0.50")
                        .compareTo(completed.get(0).payload().get("hours").decimalValue()));
        assertEquals("HAND_OUT", completed.get(1).payload().get("purpose").asText());
        assertEquals(
                0,
                new BigDecimal("1.50")
                        .compareTo(completed.get(1).payload().get("hours").decimalValue()));
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/calls/" + handOut + "/completion")
                .then()
                .statusCode(409);
    }
}
