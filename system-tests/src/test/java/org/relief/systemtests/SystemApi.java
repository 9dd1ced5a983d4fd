package org.relief.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;

/** The REST calls the system tests' set-ups share. */
final class SystemApi {
    private SystemApi() {}

    /** POSTs {@code json} to a started service as the token's caller and expects 201 Created. */
    static Response post(ServiceProcess service, String token, String path, String json) {
        Response r = given().baseUri(service.baseUri())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(json)
                .post(path);
        assertEquals(201, r.statusCode(), path + " → " + r.asString());
        return r;
    }

    /** Records at dispatch that the trip's load was picked up, as the token's desk, and expects 200. */
    static void pickup(ServiceProcess dispatch, String token, String tripId) {
        given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/trips/" + tripId + "/pickup")
                .then()
                .statusCode(200);
    }

    /** Takes a vehicle off duty at dispatch for {@code reason}, as the token's desk, and expects 200. */
    static void offDuty(ServiceProcess dispatch, String token, String vehicleId, String reason) {
        given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("available", false, "reason", reason))
                .post("/vehicles/" + vehicleId + "/availability")
                .then()
                .statusCode(200);
    }
}
