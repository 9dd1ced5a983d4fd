package org.relief.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.relief.inventory.Fixtures;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTokens;

/**
 * Idempotency-Key on every POST of inventory that creates something: a retry returns the original 201 and changes
 * nothing, the same key with another body is a 422, concurrent copies create one resource.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class IdempotencyTest {
    private static final String REUSED = "https://relief-logistics.org/problems/idempotency-key-reused";

    private static String key() {
        return "key-" + Fixtures.suffix() + Fixtures.suffix();
    }

    private static Response post(RequestSpecification as, String path, String key, Object body) {
        return as.contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .post(path);
    }

    private static int onHand(String item, String warehouseId) {
        return Fixtures.ops()
                .get("/stock?item=" + item + "&warehouseId=" + warehouseId)
                .then()
                .statusCode(200)
                .extract()
                .path("[0].onHand");
    }

    private static Map<String, Object> donation(String warehouseId, String item, int quantity) {
        return Map.of(
                "warehouseId",
                warehouseId,
                "valueYuan",
                1000,
                "note",
                "商会捐赠的口罩",
                "lines",
                List.of(Map.of("item", item, "quantity", quantity, "lotCode", "L-1")));
    }

    @Test
    void aRetriedDonationReturnsTheFirstAndDoesNotAddStockAgain() {
        String item = "mask-" + Fixtures.suffix();
        Fixtures.item(item, "piece", false);
        String wh = Fixtures.warehouse("雁塔仓库 " + Fixtures.suffix(), "雁塔区");
        String donor = "chamber-" + Fixtures.suffix();
        String key = key();

        Response first = post(Fixtures.as(donor, "donor"), "/donations", key, donation(wh, item, 500));
        first.then().statusCode(201);
        assertNull(first.header("Idempotent-Replayed"));
        String id = first.path("donationId");
        assertEquals(500, onHand(item, wh));

        // the retry, also with the donor's own organisation spelled out (the token implies it), is the same POST
        Map<String, Object> spelledOut = new java.util.HashMap<>(donation(wh, item, 500));
        spelledOut.put("donorOrganisationId", donor);
        for (Object body : List.of(donation(wh, item, 500), spelledOut)) {
            post(Fixtures.as(donor, "donor"), "/donations", key, body)
                    .then()
                    .statusCode(201)
                    .header("Idempotent-Replayed", "true")
                    .header("Location", endsWith("/donations/" + id))
                    .body("donationId", equalTo(id))
                    .body("note", equalTo("商会捐赠的口罩"))
                    .body("lots[0].quantity", equalTo(500));
        }
        assertEquals(500, onHand(item, wh), "a retry adds nothing to on hand");

        post(Fixtures.as(donor, "donor"), "/donations", key, donation(wh, item, 600))
                .then()
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo(REUSED));
        Fixtures.as(donor, "donor")
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .header("Accept-Language", "zh")
                .body(donation(wh, item, 600))
                .post("/donations")
                .then()
                .statusCode(422)
                .body("title", equalTo("幂等键已用于另一个不同的请求"));
        assertEquals(500, onHand(item, wh));

        // another donor may use the same key; without a key every POST is a new donation, as before
        String other = post(
                        Fixtures.as("chamber-" + Fixtures.suffix(), "donor"),
                        "/donations",
                        key,
                        donation(wh, item, 500))
                .then()
                .statusCode(201)
                .extract()
                .path("donationId");
        assertNotEquals(id, other);
        Fixtures.as(donor, "donor")
                .contentType(ContentType.JSON)
                .body(donation(wh, item, 500))
                .post("/donations")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", nullValue());
        assertEquals(1500, onHand(item, wh));
    }

    @Test
    void concurrentIdenticalDonationsCreateOneDonation() throws Exception {
        String item = "mask-" + Fixtures.suffix();
        Fixtures.item(item, "piece", false);
        String wh = Fixtures.warehouse("长安仓库 " + Fixtures.suffix(), "长安区");
        String donor = "chamber-" + Fixtures.suffix();
        String key = key();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            calls.add(pool.submit(() -> {
                go.await();
                return post(Fixtures.as(donor, "donor"), "/donations", key, donation(wh, item, 70));
            }));
        }
        go.countDown();
        List<String> ids = new ArrayList<>();
        int replayed = 0;
        for (Future<Response> call : calls) {
            Response r = call.get();
            assertEquals(201, r.statusCode(), r.asString());
            ids.add(r.path("donationId"));
            if ("true".equals(r.header("Idempotent-Replayed"))) {
                replayed++;
            }
        }
        pool.shutdown();
        assertEquals(1, ids.stream().distinct().count(), ids.toString());
        assertEquals(threads - 1, replayed);
        assertEquals(70, onHand(item, wh), "one donation's stock");
    }

    @Test
    void aRetriedWarehouseRegistrationReturnsTheFirstWarehouse() {
        String key = key();
        Map<String, Object> body = Map.of("name", "曲江仓库 " + Fixtures.suffix(), "district", "雁塔区");
        String id = post(Fixtures.ops(), "/warehouses", key, body)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        post(Fixtures.ops(), "/warehouses", key, body)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", endsWith("/warehouses/" + id))
                .body("id", equalTo(id))
                .body("district", equalTo("雁塔区"));
        post(Fixtures.ops(), "/warehouses", key, Map.of("name", "别的仓库", "district", "雁塔区"))
                .then()
                .statusCode(422)
                .body("type", equalTo(REUSED));
        // keys of ops acting for no organisation are each ops user's own
        RequestSpecification otherOps = given().auth()
                .oauth2(TestTokens.token(
                        null,
                        "ops",
                        "ops-" + Fixtures.suffix(),
                        java.time.Instant.now().plusSeconds(600)));
        String second = post(otherOps, "/warehouses", key, body)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertNotEquals(id, second);
    }

    @Test
    void aRetriedItemRegistrationIsReplayedInsteadOfA409() {
        String code = "gown-" + Fixtures.suffix();
        String key = key();
        Map<String, Object> body = Map.of(
                "code",
                code,
                "nameZh",
                "防护服",
                "nameEn",
                "protective gown",
                "category",
                "PPE",
                "unit",
                "piece",
                "unitWeightKg",
                0.5,
                "unitVolumeM3",
                0.002,
                "perishable",
                false);
        post(Fixtures.ops(), "/items", key, body).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        post(Fixtures.ops(), "/items", key, body)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", endsWith("/items/" + code))
                .body("code", equalTo(code))
                .body("nameZh", equalTo("防护服"));
        // without the key the code is taken, as before
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/items")
                .then()
                .statusCode(409);
        Map<String, Object> other = new java.util.HashMap<>(body);
        other.put("nameEn", "gown");
        post(Fixtures.ops(), "/items", key, other).then().statusCode(422).body("type", equalTo(REUSED));
    }

    @Test
    void aRetriedAdjustmentAndReversalChangeStockOnce() {
        String item = "glove-" + Fixtures.suffix();
        Fixtures.item(item, "pair", false);
        String wh = Fixtures.warehouse("新城仓库 " + Fixtures.suffix(), "新城区");
        String lotId =
                Fixtures.donate(wh, "donor", item, 30, null).at("/lots/0/lotId").asText();
        String key = key();
        Map<String, Object> damaged = Map.of(
                "warehouseId", wh, "item", item, "lotId", lotId, "delta", -5, "reason", "DAMAGED", "note", "运输途中受潮");
        String entryId = post(Fixtures.ops(), "/stock/adjustments", key, damaged)
                .then()
                .statusCode(201)
                .body("onHand", equalTo(25))
                .extract()
                .path("entryId");
        post(Fixtures.ops(), "/stock/adjustments", key, damaged)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("entryId", equalTo(entryId))
                .body("onHand", equalTo(25));
        assertEquals(25, onHand(item, wh));
        Map<String, Object> more = new java.util.HashMap<>(damaged);
        more.put("delta", -6);
        post(Fixtures.ops(), "/stock/adjustments", key, more)
                .then()
                .statusCode(422)
                .body("type", equalTo(REUSED));

        // a reversal has its own operation: the same key is free there
        Map<String, Object> reversal = Map.of("entryId", entryId, "reason", "录入错误");
        String reversing = post(Fixtures.ops(), "/stock/reversals", key, reversal)
                .then()
                .statusCode(201)
                .body("onHand", equalTo(30))
                .extract()
                .path("entryId");
        post(Fixtures.ops(), "/stock/reversals", key, reversal)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("entryId", equalTo(reversing))
                .body("onHand", equalTo(30));
        assertEquals(30, onHand(item, wh));
        post(Fixtures.ops(), "/stock/reversals", key, Map.of("entryId", entryId, "reason", "别的原因"))
                .then()
                .statusCode(422)
                .body("type", equalTo(REUSED));
        // without the key the entry is already reversed, as before
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(reversal)
                .post("/stock/reversals")
                .then()
                .statusCode(409);
    }

    @Test
    void aKeyLongerThan100CharactersIsRefused() {
        post(Fixtures.ops(), "/warehouses", "k".repeat(101), Map.of("name", "仓库", "district", "雁塔区"))
                .then()
                .statusCode(400)
                .body("detail", containsString("Idempotency-Key"));
    }
}
