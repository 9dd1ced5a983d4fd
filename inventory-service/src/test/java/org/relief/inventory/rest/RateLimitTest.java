package org.relief.inventory.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.inventory.Fixtures;
import org.relief.kernel.testing.RealInfrastructure;

/**
 * Writes are limited per organisation (a burst of 3, then 1 a minute here): the 4th write in a row is refused with
 * 429 and Retry-After, another organisation is not held back, and reads are not limited.
 */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimit.class)
@WithTestResource(RealInfrastructure.class)
class RateLimitTest {
    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relief.rate-limit.writes-per-minute", "1", "relief.rate-limit.burst", "3");
        }
    }

    @Test
    void aBurstOfWritesPastTheLimitIs429WithRetryAfterForThatOrganisationOnly() {
        String sfx = Fixtures.suffix();
        String item = "limit-mask-" + sfx;
        Fixtures.item(item, "piece", false); // ops: write 1 of 3
        String wh = Fixtures.warehouse("高陵仓库 " + sfx, "高陵区"); // ops: write 2 of 3
        String donor = "limit-donor-" + sfx;
        Map<String, Object> donation =
                Map.of("warehouseId", wh, "lines", java.util.List.of(Map.of("item", item, "quantity", 1)));
        for (int i = 0; i < 3; i++) {
            Fixtures.as(donor, "donor")
                    .contentType(ContentType.JSON)
                    .body(donation)
                    .post("/donations")
                    .then()
                    .statusCode(201);
        }
        Fixtures.as(donor, "donor")
                .contentType(ContentType.JSON)
                .header("Accept-Language", "zh")
                .body(donation)
                .post("/donations")
                .then()
                .statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", notNullValue())
                .header("Retry-After", s -> Integer.parseInt(s), greaterThan(0))
                .body("type", equalTo("https://relief-logistics.org/problems/rate-limited"))
                .body("title", equalTo("请求过于频繁"));
        // nothing of the refused write was received; reads are not limited
        Fixtures.as(donor, "donor")
                .get("/stock?item=" + item)
                .then()
                .statusCode(200)
                .body("[0].onHand", equalTo(3));
        // another organisation still has its own burst
        Fixtures.as("limit-other-" + sfx, "donor")
                .contentType(ContentType.JSON)
                .body(donation)
                .post("/donations")
                .then()
                .statusCode(201);
    }
}
