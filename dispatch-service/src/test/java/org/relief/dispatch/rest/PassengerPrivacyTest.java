package org.relief.dispatch.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.dispatch.Events;
import org.relief.dispatch.Fixtures;

/**
 * Issue 11, need to know for a ride's passenger: ops see everything; the desk whose taxi carries the ride sees the
 * passenger's name, phone and addresses while the ride is open; every other desk, and the carrying desk once the ride
 * has ended, sees the districts, window and accessibility but neither name, phone nor address, anywhere in the
 * answer (list, trip, timeline, the answer to a command).
 */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class PassengerPrivacyTest {
    static final String NAME = "王秀英";
    static final String PHONE = "13912345678";

    @Test
    void aRidesPassengerIsShownOnlyToOpsAndToTheDeskCarryingItWhileTheRideIsOpen() {
        Events.otherTaxisWithoutWindowsOff();
        String orgA = "taxi-a-" + Fixtures.suffix();
        String orgB = "taxi-b-" + Fixtures.suffix();
        String district = "曲江新区" + Fixtures.suffix();
        String pickup = district + "雁南三路88号3单元502室";
        String dropoff = "西安交通大学第一附属医院门诊楼";
        List<String> secrets = List.of(NAME, PHONE, pickup, dropoff);
        Instant start = Events.day();
        Instant end = start.plus(Duration.ofMinutes(40));
        // A's taxi works another day: the ride waits in the queue, seen by every desk
        String carrier = Fixtures.carrier(orgA, "曲江出租车公司");
        String taxi = Events.taxi(
                orgA,
                carrier,
                district,
                true,
                start.plus(Duration.ofDays(2)),
                start.plus(Duration.ofDays(2)).plusSeconds(3600));

        String requestId = UUID.randomUUID().toString();
        Events.submitted(new HelpRequestSubmitted(
                requestId,
                "hospital-" + Fixtures.suffix(),
                "RIDE",
                "HIGH",
                List.of("DISABLED"),
                "曲江池社区",
                district,
                null,
                List.of(),
                new HelpRequestSubmitted.RideDetails(
                        NAME, PHONE, pickup, district, dropoff, "雁塔区", start, end, List.of("WHEELCHAIR")),
                null,
                null,
                Instant.now(),
                null));
        var queued = Events.published(requestId, 1).get(0);
        assertEquals("TripQueued", queued.type(), queued.toString());
        String tripId = queued.payload().get("tripId").asText();

        // the queue: neither A nor B sees who rides or from where, but what they need to pick a taxi
        for (String org : List.of(orgA, orgB)) {
            String list = Fixtures.as(org, "dispatcher")
                    .queryParam("requestId", requestId)
                    .get("/trips")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertNoneIn(list, secrets, org + " lists the queued ride");
            JsonPath item = JsonPath.from(list).setRootPath("items[0]");
            assertEquals(tripId, item.getString("id"), list);
            assertWithheldTrip(item, district, "QUEUED", list);
            assertTrue(item.getString("queueReason").contains("wheelchair"), list);

            String one = Fixtures.as(org, "dispatcher")
                    .get("/trips/" + tripId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertNoneIn(one, secrets, org + " reads the queued ride and its timeline");
            assertWithheldTrip(JsonPath.from(one).setRootPath("trip"), district, "QUEUED", one);
            assertEquals("Planned", JsonPath.from(one).getString("timeline[0].event"), one);
            assertEquals(district, JsonPath.from(one).getString("timeline[0].details.ride.pickupDistrict"), one);
        }

        // ops see everything, the same queued ride
        JsonPath ops = shown(Fixtures.ops(), tripId);
        assertEquals(pickup, ops.getString("trip.from.address"));
        assertEquals(dropoff, ops.getString("trip.to.address"));

        // A's taxi now works in the ride's window: the queue gives it the ride
        Fixtures.as(orgA, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "windows",
                        List.of(Map.of(
                                "from",
                                start.minusSeconds(3600).toString(),
                                "to",
                                end.plusSeconds(3600).toString()))))
                .put("/vehicles/" + taxi + "/windows")
                .then()
                .statusCode(200);
        var scheduled = Events.published(requestId, 2).get(1);
        assertEquals("TripScheduled", scheduled.type(), scheduled.toString());
        assertEquals(taxi, scheduled.payload().get("vehicleId").asText());

        // SCHEDULED: A's desk sees the passenger, in the trip, the list and the timeline; B's desk does not
        JsonPath a = shown(Fixtures.as(orgA, "dispatcher"), tripId);
        assertEquals(pickup, a.getString("trip.from.address"));
        assertEquals(NAME, a.getString("timeline[0].details.ride.passengerName"));
        String aList = Fixtures.as(orgA, "dispatcher")
                .queryParam("requestId", requestId)
                .get("/trips")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(NAME, JsonPath.from(aList).getString("items[0].ride.passengerName"), aList);
        assertEquals("SHOWN", JsonPath.from(aList).getString("items[0].personalData"), aList);
        String bList = Fixtures.as(orgB, "dispatcher")
                .queryParam("requestId", requestId)
                .get("/trips")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(0, JsonPath.from(bList).getInt("total"), bList);
        String bOne = Fixtures.as(orgB, "dispatcher")
                .get("/trips/" + tripId)
                .then()
                .statusCode(404)
                .extract()
                .asString();
        assertNoneIn(bList + bOne, secrets, "B once A's taxi carries the ride");

        // PICKED_UP: still open, the answer to A's report shows the passenger
        String picked = Fixtures.as(orgA, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/trips/" + tripId + "/pickup")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals("SHOWN", JsonPath.from(picked).getString("trip.personalData"), picked);
        assertTrue(picked.contains(NAME), picked);

        // DELIVERED: the ride has ended, A no longer needs to know (not even in the answer to its own report, whose
        // receivedBy and note name the passenger)
        String delivered = Fixtures.as(orgA, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("receivedBy", NAME, "note", NAME + "已安全送达" + dropoff))
                .post("/trips/" + tripId + "/delivery")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertWithheldTrip(JsonPath.from(delivered).setRootPath("trip"), district, "DELIVERED", delivered);
        assertNoneIn(delivered, secrets, "A's delivery report");
        String after = Fixtures.as(orgA, "dispatcher")
                .get("/trips/" + tripId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertWithheldTrip(JsonPath.from(after).setRootPath("trip"), district, "DELIVERED", after);
        assertEquals(
                List.of("Planned", "Queued", "Scheduled", "PickedUp", "Delivered"),
                JsonPath.from(after).getList("timeline.event"),
                after);
        assertNoneIn(after, secrets, "A reads the delivered ride");
        String afterList = Fixtures.as(orgA, "dispatcher")
                .queryParam("requestId", requestId)
                .get("/trips")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(1, JsonPath.from(afterList).getInt("total"), afterList);
        assertNoneIn(afterList, secrets, "A lists the delivered ride");

        // ops still see who rode, and who received the passenger
        JsonPath opsAfter = shown(Fixtures.ops(), tripId);
        assertEquals(NAME, opsAfter.getString("timeline.find { it.event == 'Delivered' }.details.receivedBy"));
    }

    /** The trip as a caller who may know: the passenger's name and phone in the trip, the name in the timeline. */
    private static JsonPath shown(RequestSpecification caller, String tripId) {
        String body =
                caller.get("/trips/" + tripId).then().statusCode(200).extract().asString();
        JsonPath p = JsonPath.from(body);
        assertEquals("SHOWN", p.getString("trip.personalData"), body);
        assertEquals(NAME, p.getString("trip.ride.passengerName"), body);
        assertEquals(PHONE, p.getString("trip.ride.passengerPhone"), body);
        assertTrue(body.contains(NAME), body); // the text is read as UTF-8: the negative checks below mean something
        return p;
    }

    private static void assertWithheldTrip(JsonPath trip, String district, String status, String body) {
        assertEquals(status, trip.getString("status"), body);
        assertEquals("WITHHELD", trip.getString("personalData"), body);
        assertNull(trip.get("ride.passengerName"), body);
        assertNull(trip.get("ride.passengerPhone"), body);
        assertNull(trip.get("from.address"), body);
        assertNull(trip.get("from.name"), body);
        assertNull(trip.get("to.address"), body);
        assertNull(trip.get("to.name"), body);
        // what a desk needs to pick a taxi stays
        assertEquals(district, trip.getString("from.district"), body);
        assertEquals(district, trip.getString("ride.pickupDistrict"), body);
        assertEquals("雁塔区", trip.getString("to.district"), body);
        assertEquals(List.of("WHEELCHAIR"), trip.getList("ride.accessibility"), body);
        assertTrue(trip.getString("ride.windowStart") != null && trip.getString("ride.windowEnd") != null, body);
    }

    private static void assertNoneIn(String body, List<String> secrets, String what) {
        for (String s : secrets) {
            assertFalse(body.contains(s), what + " shows " + s + ": " + body);
        }
    }
}
