package org.relief.requests.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.requests.support.Requests;

/** A burst of writes past a low per-organisation limit (own profile, so the other tests keep the normal one). */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimit.class)
@WithTestResource(RealInfrastructure.class)
class RateLimitTest {

    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relief.rate-limit.writes-per-minute", "2", "relief.rate-limit.burst", "3");
        }
    }

    private static Response submit(String org) {
        return Requests.partner(org)
                .contentType(ContentType.JSON)
                .body(Requests.supplies(org, Requests.fresh("小区"), "HIGH"))
                .post("/help-requests");
    }

    @Test
    void writesPastTheBurstAre429WithRetryAfterPerOrganisation() {
        String org = Requests.fresh("busy-org");
        for (int i = 0; i < 3; i++) {
            // every write tells the client what is left before it meets the limit
            submit(org)
                    .then()
                    .statusCode(201)
                    .header("RateLimit-Policy", equalTo("\"writes\";q=3;w=90"))
                    .header("RateLimit", startsWith("\"writes\";r=" + (2 - i) + ";t="));
        }
        Response limited = submit(org);
        limited.then().header("RateLimit", startsWith("\"writes\";r=0;t="));
        limited.then()
                .statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://relief-logistics.org/problems/rate-limited"))
                .body("detail", containsString(org));
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);
        // nothing was stored for the refused write; reads are not limited
        Requests.partner(org).get("/help-requests").then().statusCode(200).body("total", equalTo(3));
        // other organisations are not held back by this one
        submit(Requests.fresh("calm-org")).then().statusCode(201);
        assertEquals(429, submit(org).statusCode());
    }

    @Test
    void everyRequestOfAnUploadedSheetCountsAsAWrite() {
        String org = Requests.fresh("sheet-org");
        StringBuilder sheet = new StringBuilder("ref,priority,community,district,item,quantity,unit\n");
        for (int i = 1; i <= 5; i++) {
            sheet.append(i).append(",HIGH,锦业路小区").append(i).append(",雁塔区,rice-10kg,5,bag\n");
        }
        var report = Requests.partner(org)
                .contentType("text/csv; charset=UTF-8")
                .header("Idempotency-Key", "sheet-" + org)
                .body(sheet.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/help-requests/import")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // a burst of 3: the upload and the two requests after its first; the last two wait for another upload
        assertEquals(3, report.getInt("accepted"), report.prettify());
        assertEquals(2, report.getInt("rejected"), report.prettify());
        assertTrue(report.getString("outcomes[3].errors[0].message").contains("write limit"), report.prettify());
        Requests.partner(org).get("/help-requests").then().body("total", equalTo(3));
    }
}
