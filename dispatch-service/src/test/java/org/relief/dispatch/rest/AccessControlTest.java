package org.relief.dispatch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.dispatch.Events;
import org.relief.dispatch.Fixtures;
import org.relief.kernel.testing.TestTokens;

/**
 * Dispatchers see and change only their own organisation's carriers and vehicles (another organisation's id answers
 * 404 like an unknown one, naming another organisation is a 403); ops see and change all; other roles get 403; no or
 * an expired token gets 401.
 */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class AccessControlTest {
    static final String PROBLEM = "application/problem+json";

    record Call(String method, String path, Object body) {
        Response send(RequestSpecification spec) {
            if (body != null) {
                spec = spec.contentType(ContentType.JSON).body(body);
            }
            return spec.request(method, path);
        }
    }

    List<Call> calls(String carrier, String vehicle) {
        return List.of(
                new Call(
                        "POST",
                        "/carriers",
                        Map.of("name", "公司", "kind", "TAXI_COMPANY", "contactPhone", "13800138000")),
                new Call("GET", "/carriers", null),
                new Call("GET", "/carriers/" + carrier, null),
                new Call("POST", "/vehicles", Fixtures.vehicle(carrier, "TAXI", Fixtures.plate(), "莲湖区")),
                new Call("GET", "/vehicles", null),
                new Call("GET", "/vehicles/" + vehicle, null),
                new Call("POST", "/vehicles/" + vehicle + "/availability", Map.of("available", false)),
                new Call("PUT", "/vehicles/" + vehicle + "/windows", Map.of("windows", List.of())),
                new Call("GET", "/vehicles/" + vehicle + "/bookings", null),
                new Call("GET", "/trips", null),
                new Call("GET", "/trips/" + UUID.randomUUID(), null),
                new Call("POST", "/trips/" + UUID.randomUUID() + "/pickup", Map.of()),
                new Call("POST", "/trips/" + UUID.randomUUID() + "/delivery", Map.of()),
                new Call("POST", "/trips/" + UUID.randomUUID() + "/failure", Map.of("reason", "道路封闭")),
                new Call("POST", "/trips/" + UUID.randomUUID() + "/cancellation", Map.of("reason", "不再需要")));
    }

    /**
     * A dispatcher sees and reports on the trips booked on its own organisation's vehicles, and sees the queue;
     * another organisation's trip answers 404 like an unknown one; acting on a queued trip is for ops (403).
     */
    @Test
    void aDispatcherSeesOnlyTripsOnItsOwnVehiclesAndTheQueue() {
        String mine = "acl-org-" + Fixtures.suffix();
        String theirs = "acl-org-" + Fixtures.suffix();
        String district = "权限区" + Fixtures.suffix();
        String theirCarrier = Fixtures.carrier(theirs, "别人的公司");
        String theirTruck = Events.vehicle(theirs, theirCarrier, "TRUCK", "8000", "30", district);
        var warehouse = Events.warehouse(district);
        String requestId = UUID.randomUUID().toString();
        String community = "community-" + Fixtures.suffix();
        Events.submitted(Events.supplies(requestId, community, "HIGH", "雁塔区"));
        Events.reserved(Events.allocation(
                requestId,
                Instant.now().plusSeconds(3600),
                Events.line("n95-mask", "100", "0.01", "0.0002", warehouse),
                Events.line("generator-99t", "1", "99000", "1", Events.warehouse(district))));
        List<Events.Published> out = Events.published(requestId, 2);
        String theirTrip = Events.ofType(out, "TripScheduled")
                .get(0)
                .payload()
                .get("tripId")
                .asText();
        String queuedTrip =
                Events.ofType(out, "TripQueued").get(0).payload().get("tripId").asText();

        for (Call call : List.of(
                new Call("GET", "/trips/" + theirTrip, null),
                new Call("POST", "/trips/" + theirTrip + "/pickup", Map.of()),
                new Call("POST", "/trips/" + theirTrip + "/failure", Map.of("reason", "x")),
                new Call("POST", "/trips/" + theirTrip + "/cancellation", Map.of("reason", "x")),
                new Call("GET", "/vehicles/" + theirTruck + "/bookings", null))) {
            Response r = call.send(Fixtures.as(mine, "dispatcher"));
            assertEquals(404, r.statusCode(), call + ": " + r.asString());
            assertTrue(String.valueOf(r.contentType()).startsWith(PROBLEM), call.toString());
        }
        Fixtures.as(mine, "dispatcher")
                .queryParam("requestId", requestId)
                .get("/trips")
                .then()
                .statusCode(200)
                .body("items.id", contains(queuedTrip));
        Fixtures.as(mine, "dispatcher").get("/trips/" + queuedTrip).then().statusCode(200);
        Fixtures.as(mine, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "x"))
                .post("/trips/" + queuedTrip + "/cancellation")
                .then()
                .statusCode(403)
                .contentType(startsWith(PROBLEM));

        Fixtures.as(theirs, "dispatcher")
                .queryParam("requestId", requestId)
                .get("/trips")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
        Fixtures.as(theirs, "dispatcher")
                .get("/vehicles/" + theirTruck + "/bookings")
                .then()
                .statusCode(200)
                .body("tripId", contains(theirTrip));
        Fixtures.ops()
                .queryParam("requestId", requestId)
                .get("/trips")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
        Fixtures.ops().get("/trips/" + theirTrip).then().statusCode(200).body("trip.vehicleId", equalTo(theirTruck));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "运维取消"))
                .post("/trips/" + queuedTrip + "/cancellation")
                .then()
                .statusCode(200)
                .body("trip.status", equalTo("CANCELLED"));
        Fixtures.as(theirs, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "测试结束"))
                .post("/trips/" + theirTrip + "/cancellation")
                .then()
                .statusCode(200);
        // the partner whose request it is follows the trips carrying its goods, and acts on none; another does not
        // see them
        Fixtures.as(community, "partner")
                .get("/trips")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.requestId", contains(requestId, requestId));
        Fixtures.as(community, "partner")
                .get("/trips/" + theirTrip)
                .then()
                .statusCode(200)
                .body("trip.plate", org.hamcrest.Matchers.notNullValue());
        Fixtures.as(community, "partner")
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/trips/" + theirTrip + "/pickup")
                .then()
                .statusCode(403);
        Fixtures.as("community-" + Fixtures.suffix(), "partner")
                .queryParam("requestId", requestId)
                .get("/trips")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        Fixtures.as("community-" + Fixtures.suffix(), "partner")
                .get("/trips/" + theirTrip)
                .then()
                .statusCode(404);
        Events.takeOff(theirs, theirTruck);
        // list filters are checked: a bad one is a 400 naming it
        Fixtures.ops()
                .queryParam("status", "LOST")
                .get("/trips")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM));
        Fixtures.ops()
                .queryParam("size", "0")
                .get("/trips")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM));
    }

    @Test
    void noOrAnExpiredTokenIs401AndOtherRolesAre403() {
        String org = "acl-org-" + Fixtures.suffix();
        String carrier = Fixtures.carrier(org, "公司");
        String vehicle = Fixtures.registerVehicle(org, Fixtures.vehicle(carrier, "VAN", Fixtures.plate(), "莲湖区"));
        String expired =
                TestTokens.token(org, "dispatcher", "late-user", Instant.now().minusSeconds(3600));
        for (Call call : calls(carrier, vehicle)) {
            for (RequestSpecification spec : List.of(given(), given().auth().oauth2(expired))) {
                Response r = call.send(spec);
                assertEquals(401, r.statusCode(), call + ": " + r.asString());
            }
            for (String role : List.of("partner", "donor", "volunteer-coordinator")) {
                if (role.equals("partner")
                        && call.method().equals("GET")
                        && call.path().startsWith("/trips")) {
                    continue; // a partner reads the trips carrying its own requests (the test above)
                }
                Response r = call.send(Fixtures.as(org, role));
                assertEquals(403, r.statusCode(), role + " " + call + ": " + r.asString());
                assertTrue(String.valueOf(r.contentType()).startsWith(PROBLEM), call.toString());
            }
        }
        // nothing the refused calls did changed the vehicle
        Fixtures.as(org, "dispatcher").get("/vehicles/" + vehicle).then().body("available", equalTo(true));
    }

    @Test
    void aDispatcherSeesOnlyTheirOwnOrganisationAndOpsSeeAll() {
        String mine = "acl-org-" + Fixtures.suffix();
        String theirs = "acl-org-" + Fixtures.suffix();
        String myCarrier = Fixtures.carrier(mine, "我的公司");
        String theirCarrier = Fixtures.carrier(theirs, "别人的公司");
        String myVehicle =
                Fixtures.registerVehicle(mine, Fixtures.vehicle(myCarrier, "TRUCK", Fixtures.plate(), "雁塔区"));
        String theirVehicle =
                Fixtures.registerVehicle(theirs, Fixtures.vehicle(theirCarrier, "TRUCK", Fixtures.plate(), "雁塔区"));

        Fixtures.as(mine, "dispatcher").get("/carriers").then().body("id", contains(myCarrier));
        Fixtures.as(mine, "dispatcher").get("/vehicles").then().body("id", contains(myVehicle));
        Fixtures.as(mine, "dispatcher")
                .queryParam("carrierId", theirCarrier)
                .get("/vehicles")
                .then()
                .body("size()", equalTo(0));
        for (Call call : List.of(
                new Call("GET", "/carriers/" + theirCarrier, null),
                new Call("GET", "/vehicles/" + theirVehicle, null),
                new Call("POST", "/vehicles", Fixtures.vehicle(theirCarrier, "TAXI", Fixtures.plate(), "雁塔区")),
                new Call("POST", "/vehicles/" + theirVehicle + "/availability", Map.of("available", false)),
                new Call(
                        "PUT",
                        "/vehicles/" + theirVehicle + "/windows",
                        Map.of(
                                "windows",
                                List.of(Map.of("from", "2026-12-01T08:00:00Z", "to", "2026-12-01T09:00:00Z")))))) {
            Response r = call.send(Fixtures.as(mine, "dispatcher"));
            assertEquals(404, r.statusCode(), call + ": " + r.asString());
            assertTrue(String.valueOf(r.contentType()).startsWith(PROBLEM), call.toString());
        }
        Fixtures.as(theirs, "dispatcher")
                .get("/vehicles/" + theirVehicle)
                .then()
                .body("available", equalTo(true))
                .body("windows.size()", equalTo(0));

        // naming another organisation is refused outright
        Fixtures.as(mine, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "冒名公司",
                        "kind",
                        "TAXI_COMPANY",
                        "contactPhone",
                        "13800138000",
                        "organisationId",
                        theirs))
                .post("/carriers")
                .then()
                .statusCode(403)
                .contentType(startsWith(PROBLEM));
        Fixtures.as(theirs, "dispatcher").get("/carriers").then().body("id", contains(theirCarrier));

        // ops: everything, and registering for a named organisation
        Fixtures.ops().get("/carriers").then().statusCode(200).body("id", hasItems(myCarrier, theirCarrier));
        Fixtures.ops().get("/vehicles").then().statusCode(200).body("id", hasItems(myVehicle, theirVehicle));
        Fixtures.ops().get("/vehicles/" + theirVehicle).then().statusCode(200);
        String opsCarrier = Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "运维登记的公司",
                        "kind",
                        "VOLUNTEER_DRIVERS",
                        "contactPhone",
                        "13800138000",
                        "organisationId",
                        theirs))
                .post("/carriers")
                .then()
                .statusCode(201)
                .body("organisationId", equalTo(theirs))
                .extract()
                .path("id");
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("available", false, "reason", "运维停用"))
                .post("/vehicles/" + theirVehicle + "/availability")
                .then()
                .statusCode(200);
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("name", "x", "kind", "TAXI_COMPANY", "contactPhone", "13800138000"))
                .post("/carriers")
                .then()
                .statusCode(400);
        Fixtures.as(theirs, "dispatcher").get("/carriers/" + opsCarrier).then().statusCode(200);
    }
}
