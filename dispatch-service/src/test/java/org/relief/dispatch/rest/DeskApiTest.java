package org.relief.dispatch.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.relief.kernel.testing.TestTokens;

/**
 * What the dispatch desk stands on, through the API against the real broker and database: a trip's version as ETag
 * and If-Match (the second desk gets 412, not a silent overwrite), the vehicles a desk may choose with the platform's
 * suggestion, assignment within the rules (and the previous truck free at once), the board and its change stream.
 */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class DeskApiTest {
    static final String PROBLEM = "application/problem+json";
    final String org = "desk-freight-" + Fixtures.suffix();
    final String district = "看板区" + Fixtures.suffix();
    final TestFleet fleet = new TestFleet(org);

    String truck(String payloadKg) {
        return fleet.truck(payloadKg, district);
    }

    @AfterEach
    void takeVehiclesOff() {
        fleet.takeAllOff();
    }

    /** 110 kg from a warehouse in the test's own district: its smallest fitting truck takes it. */
    String scheduledTrip(String requestId) {
        var warehouse = Events.warehouse(district);
        Events.submitted(Events.supplies(requestId, "yanta-community", "HIGH", "雁塔区"));
        Events.reserved(Events.allocation(
                requestId,
                Instant.now().plus(Duration.ofHours(48)),
                Events.line("n95-mask", "1000", "0.01", "0.0002", warehouse),
                Events.line("protective-suit", "200", "0.5", "0.004", warehouse)));
        List<Events.Published> out = Events.published(requestId, 1);
        assertEquals("TripScheduled", out.get(0).type(), out.toString());
        return out.get(0).payload().get("tripId").asText();
    }

    @Test
    void aDeskMovesATripToTheSuggestedTruckAndASecondDeskActingOnWhatItSawGets412() {
        String small = truck("5000");
        String large = truck("8000");
        String tooSmall = truck("50");
        String requestId = UUID.randomUUID().toString();
        String tripId = scheduledTrip(requestId);
        var desk = Fixtures.as(org, "dispatcher");

        Response read = Fixtures.as(org, "dispatcher").get("/trips/" + tripId);
        read.then().statusCode(200).body("trip.vehicleId", equalTo(small));
        long version = read.jsonPath().getLong("trip.version");
        assertEquals("\"" + version + "\"", read.header("ETag"));

        // the choice: the other truck that carries 110 kg, explained; not the one it is on, not the one too small
        Fixtures.as(org, "dispatcher")
                .header("Accept-Language", "zh-CN")
                .get("/trips/" + tripId + "/candidates")
                .then()
                .statusCode(200)
                .body("items.vehicleId", hasItem(large))
                .body("items.vehicleId", not(hasItem(small)))
                .body("items.vehicleId", not(hasItem(tooSmall)))
                .body("items[0].vehicleId", equalTo(large))
                .body("items[0].suggested", equalTo(true))
                .body("items[0].explanation[0]", containsString("载重 8000 公斤"));

        // a rule refuses: 50 kg does not carry 110 kg
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("vehicleId", tooSmall))
                .post("/trips/" + tripId + "/assignment")
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("detail", containsString("the load is 110 kg"));
        // another association's truck is not this desk's to give
        String otherOrg = "other-freight-" + Fixtures.suffix();
        String otherTruck =
                Events.vehicle(otherOrg, Fixtures.carrier(otherOrg, "别家货运"), "TRUCK", "8000", "60", district + "外");
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("vehicleId", otherTruck))
                .post("/trips/" + tripId + "/assignment")
                .then()
                .statusCode(404);
        Events.takeOff(otherOrg, otherTruck);

        // desk 1 moves the trip to the large truck, with the version it read
        Response moved = desk.contentType(ContentType.JSON)
                .header("If-Match", "\"" + version + "\"")
                .body(Map.of("vehicleId", large, "reason", "原车辆临时维修"))
                .post("/trips/" + tripId + "/assignment");
        moved.then().statusCode(200).body("trip.vehicleId", equalTo(large)).body("trip.status", equalTo("SCHEDULED"));
        long after = moved.jsonPath().getLong("trip.version");
        assertEquals("\"" + after + "\"", moved.header("ETag"));
        assertTrue(after > version);

        // the other services hear of the new truck; the old one is free at once
        List<Events.Published> out = Events.published(requestId, 2);
        assertEquals(
                List.of("TripScheduled", "TripScheduled"),
                out.stream().map(Events.Published::type).toList());
        assertEquals(large, out.get(1).payload().get("vehicleId").asText());
        assertEquals(tripId, out.get(1).payload().get("tripId").asText());
        Fixtures.as(org, "dispatcher")
                .get("/vehicles/" + small + "/bookings")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        Fixtures.as(org, "dispatcher")
                .get("/vehicles/" + large + "/bookings")
                .then()
                .statusCode(200)
                .body("tripId", hasItem(tripId));

        // desk 2 still shows what it read before: its pickup is refused, in its language, and changes nothing
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"" + version + "\"")
                .header("Accept-Language", "zh-CN")
                .body(Map.of())
                .post("/trips/" + tripId + "/pickup")
                .then()
                .statusCode(412)
                .contentType(PROBLEM)
                .body("title", equalTo("数据在您读取后已被修改"))
                .body("detail", containsString("已被修改"));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .header("If-Match", "not-a-tag")
                .body(Map.of())
                .post("/trips/" + tripId + "/pickup")
                .then()
                .statusCode(400)
                .body("detail", containsString("If-Match"));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"" + after + "\"")
                .body(Map.of())
                .post("/trips/" + tripId + "/pickup")
                .then()
                .statusCode(200)
                .body("trip.status", equalTo("PICKED_UP"));
        // a picked-up trip keeps its truck
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("vehicleId", small))
                .post("/trips/" + tripId + "/assignment")
                .then()
                .statusCode(409);
    }

    @Test
    void aWaitingTripIsNotGivenToAnOffDutyTruckAndTheBoardShowsItToEveryDesk() {
        String offDuty = truck("50000");
        Events.takeOff(org, offDuty);
        var warehouse = Events.warehouse(district);
        String requestId = UUID.randomUUID().toString();
        Events.submitted(Events.supplies(requestId, "yanta-community", "CRITICAL", "长安区"));
        // 45 t: no vehicle of any other test carries it
        Events.reserved(Events.allocation(
                requestId,
                Instant.now().plus(Duration.ofHours(48)),
                Events.line("generator-45t", "1", "45000", "20", warehouse)));
        String tripId =
                Events.published(requestId, 1).get(0).payload().get("tripId").asText();

        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("vehicleId", offDuty))
                .post("/trips/" + tripId + "/assignment")
                .then()
                .statusCode(409)
                .body("detail", containsString("off duty"));
        Fixtures.as(org, "dispatcher")
                .get("/trips/" + tripId + "/candidates")
                .then()
                .statusCode(200)
                .body("items.vehicleId", not(hasItem(offDuty)));

        // any desk's board lists the waiting trip, most urgent first; a desk's figures count its own vehicles
        Fixtures.as("some-taxi-association-" + Fixtures.suffix(), "dispatcher")
                .get("/desk/board")
                .then()
                .statusCode(200)
                .body("zone", equalTo("Asia/Shanghai"))
                .body("waiting.id", hasItem(tripId))
                .body("figures.vehiclesOnDuty", equalTo(0))
                .body("figures.longestWaitMinutes", notNullValue());
        Fixtures.as(org, "dispatcher")
                .get("/desk/board")
                .then()
                .statusCode(200)
                .body("waiting.find { it.id == '" + tripId + "' }.priority", equalTo("CRITICAL"))
                .body("waiting.find { it.id == '" + tripId + "' }.queueReason", containsString("truck or van"))
                .body("waiting.find { it.id == '" + tripId + "' }.queueReasonZh", containsString("货车或厢式车"))
                .body("figures.vehiclesOnDuty", equalTo(0));
        // a partner has no desk
        Fixtures.as("yanta-community", "partner").get("/desk/board").then().statusCode(403);
        io.restassured.RestAssured.given().get("/desk/board").then().statusCode(401);

        // the 45 t load leaves the queue, so that no later test's truck is given to it
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "test over"))
                .post("/trips/" + tripId + "/cancellation")
                .then()
                .statusCode(200);
    }

    @Test
    @org.junit.jupiter.api.Timeout(90)
    void theStreamSaysBoardAtOnceAndAgainWhenATripChanges() throws Exception {
        truck("5000");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + "/desk/stream"))
                .header("Authorization", "Bearer " + TestTokens.token(org, "dispatcher"))
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            long first = nextBoardPosition(lines);
            scheduledTrip(UUID.randomUUID().toString());
            long next = nextBoardPosition(lines);
            assertTrue(next > first, first + " then " + next);
        }
    }

    /** Reads up to the next `board` event (blocking: the test's own timeout bounds it) and returns its position. */
    static long nextBoardPosition(BufferedReader lines) throws Exception {
        String event = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:") && "board".equals(event)) {
                String data = line.substring(5).strip();
                return Long.parseLong(data.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("the stream ended");
    }
}
