package org.relief.volunteer;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.relief.kernel.testing.TestTokens;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test helpers: callers by role and fresh ids (the test database is clean, but runs share nothing else). */
public final class Fixtures {
    public static final String COORDINATOR = "volunteer-coordinator";

    private Fixtures() {
    }

    public static RequestSpecification ops() {
        return given().auth().oauth2(TestTokens.token(null, "ops"));
    }

    public static RequestSpecification as(String organisation, String role) {
        return given().auth().oauth2(TestTokens.token(organisation, role));
    }

    public static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> volunteer(String name, String district, String... skills) {
        Map<String, Object> v = new HashMap<>();
        v.put("name", name);
        v.put("phone", "13800138000");
        v.put("district", district);
        v.put("skills", List.of(skills));
        v.put("note", "周末可以");
        return v;
    }

    public static String register(String org, Map<String, Object> body) {
        return as(org, COORDINATOR).contentType(ContentType.JSON).body(body).post("/volunteers")
                .then().statusCode(201).extract().path("id");
    }
}
