package org.relief.dispatch.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.relief.dispatch.Fixtures;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTokens;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dispatchers see and change only their own organisation's carriers and vehicles (another organisation's id answers
 * 404 like an unknown one, naming another organisation is a 403); ops see and change all; other roles get 403; no or
 * an expired token gets 401.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
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
                new Call("POST", "/carriers", Map.of("name", "公司", "kind", "TAXI_COMPANY", "contactPhone", "13800138000")),
                new Call("GET", "/carriers", null),
                new Call("GET", "/carriers/" + carrier, null),
                new Call("POST", "/vehicles", Fixtures.vehicle(carrier, "TAXI", Fixtures.plate(), "莲湖区")),
                new Call("GET", "/vehicles", null),
                new Call("GET", "/vehicles/" + vehicle, null),
                new Call("POST", "/vehicles/" + vehicle + "/availability", Map.of("available", false)),
                new Call("PUT", "/vehicles/" + vehicle + "/windows", Map.of("windows", List.of())));
    }

    @Test
    void noOrAnExpiredTokenIs401AndOtherRolesAre403() {
        String org = "acl-org-" + Fixtures.suffix();
        String carrier = Fixtures.carrier(org, "公司");
        String vehicle = Fixtures.registerVehicle(org, Fixtures.vehicle(carrier, "VAN", Fixtures.plate(), "莲湖区"));
        String expired = TestTokens.token(org, "dispatcher", "late-user", Instant.now().minusSeconds(3600));
        for (Call call : calls(carrier, vehicle)) {
            for (RequestSpecification spec : List.of(given(), given().auth().oauth2(expired))) {
                Response r = call.send(spec);
                assertEquals(401, r.statusCode(), call + ": " + r.asString());
            }
            for (String role : List.of("partner", "donor", "volunteer-coordinator")) {
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
        String myVehicle = Fixtures.registerVehicle(mine, Fixtures.vehicle(myCarrier, "TRUCK", Fixtures.plate(), "雁塔区"));
        String theirVehicle = Fixtures.registerVehicle(theirs, Fixtures.vehicle(theirCarrier, "TRUCK", Fixtures.plate(), "雁塔区"));

        Fixtures.as(mine, "dispatcher").get("/carriers").then().body("id", contains(myCarrier));
        Fixtures.as(mine, "dispatcher").get("/vehicles").then().body("id", contains(myVehicle));
        Fixtures.as(mine, "dispatcher").queryParam("carrierId", theirCarrier).get("/vehicles").then().body("size()", equalTo(0));
        for (Call call : List.of(new Call("GET", "/carriers/" + theirCarrier, null),
                new Call("GET", "/vehicles/" + theirVehicle, null),
                new Call("POST", "/vehicles", Fixtures.vehicle(theirCarrier, "TAXI", Fixtures.plate(), "雁塔区")),
                new Call("POST", "/vehicles/" + theirVehicle + "/availability", Map.of("available", false)),
                new Call("PUT", "/vehicles/" + theirVehicle + "/windows",
                        Map.of("windows", List.of(Map.of("from", "2026-12-01T08:00:00Z", "to", "2026-12-01T09:00:00Z")))))) {
            Response r = call.send(Fixtures.as(mine, "dispatcher"));
            assertEquals(404, r.statusCode(), call + ": " + r.asString());
            assertTrue(String.valueOf(r.contentType()).startsWith(PROBLEM), call.toString());
        }
        Fixtures.as(theirs, "dispatcher").get("/vehicles/" + theirVehicle).then().body("available", equalTo(true))
                .body("windows.size()", equalTo(0));

        // naming another organisation is refused outright
        Fixtures.as(mine, "dispatcher").contentType(ContentType.JSON)
                .body(Map.of("name", "冒名公司", "kind", "TAXI_COMPANY", "contactPhone", "13800138000", "organisationId", theirs))
                .post("/carriers").then().statusCode(403).contentType(startsWith(PROBLEM));
        Fixtures.as(theirs, "dispatcher").get("/carriers").then().body("id", contains(theirCarrier));

        // ops: everything, and registering for a named organisation
        Fixtures.ops().get("/carriers").then().statusCode(200).body("id", hasItems(myCarrier, theirCarrier));
        Fixtures.ops().get("/vehicles").then().statusCode(200).body("id", hasItems(myVehicle, theirVehicle));
        Fixtures.ops().get("/vehicles/" + theirVehicle).then().statusCode(200);
        String opsCarrier = Fixtures.ops().contentType(ContentType.JSON)
                .body(Map.of("name", "运维登记的公司", "kind", "VOLUNTEER_DRIVERS", "contactPhone", "13800138000", "organisationId", theirs))
                .post("/carriers").then().statusCode(201).body("organisationId", equalTo(theirs)).extract().path("id");
        Fixtures.ops().contentType(ContentType.JSON).body(Map.of("available", false, "reason", "运维停用"))
                .post("/vehicles/" + theirVehicle + "/availability").then().statusCode(200);
        Fixtures.ops().contentType(ContentType.JSON).body(Map.of("name", "x", "kind", "TAXI_COMPANY", "contactPhone", "13800138000"))
                .post("/carriers").then().statusCode(400);
        Fixtures.as(theirs, "dispatcher").get("/carriers/" + opsCarrier).then().statusCode(200);
    }
}
