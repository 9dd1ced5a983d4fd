package org.relief.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

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
}
