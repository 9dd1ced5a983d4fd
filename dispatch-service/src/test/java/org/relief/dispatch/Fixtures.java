package org.relief.dispatch;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.relief.kernel.testing.TestTokens;

/** Test helpers: callers by role, fresh ids and plates (the test database is clean, but runs share nothing else). */
public final class Fixtures {
    private static final String PROVINCES = "陕京沪粤川渝苏浙鲁豫鄂湘";

    private Fixtures() {}

    public static RequestSpecification ops() {
        return given().auth().oauth2(TestTokens.token(null, "ops"));
    }

    public static RequestSpecification as(String organisation, String role) {
        return given().auth().oauth2(TestTokens.token(organisation, role));
    }

    public static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A random ordinary plate written the way people do, with the separator dot: "陕A·12345". */
    public static String plate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return PROVINCES.charAt(r.nextInt(PROVINCES.length())) + "" + (char) ('A' + r.nextInt(26)) + "·"
                + String.format("%05d", r.nextInt(100_000));
    }

    public static String carrier(String org, String name) {
        return as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        name,
                        "kind",
                        "TRUCKING_COMPANY",
                        "association",
                        "西安市道路货物运输协会",
                        "contactPhone",
                        "029-88886666"))
                .post("/carriers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static Map<String, Object> vehicle(String carrierId, String kind, String plate, String district) {
        Map<String, Object> v = new HashMap<>();
        v.put("carrierId", carrierId);
        v.put("kind", kind);
        v.put("plate", plate);
        v.put("payloadKg", "TAXI".equals(kind) ? 0.5 : 8000);
        v.put("volumeM3", "TAXI".equals(kind) ? 0.4 : 30);
        v.put("seats", "TAXI".equals(kind) ? 4 : 2);
        v.put("wheelchairAccessible", false);
        v.put("homeDistrict", district);
        v.put("driverName", "王师傅");
        v.put("driverPhone", "13800138000");
        return v;
    }

    public static String registerVehicle(String org, Map<String, Object> body) {
        return as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/vehicles")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
