package org.relief.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relief.systemtests.SystemApi.post;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.TestInfrastructure;
import org.relief.kernel.testing.TestTokens;

/**
 * The supplies half of the saga across processes: requests-service and TWO inventory-service replicas (one database,
 * one consumer group, so allocations really run concurrently on different partitions), real broker, REST only.
 * The scenario of issue 3: a shortage ends partially reserved, donations complete it and then serve the waiting
 * requests in priority order, cancelling releases stock, and 200 requests racing for 100 units never oversell. Each
 * story has catalogue items of its own (and a story that continues another's plays that one first on them), so the
 * stories hold in any order and alone.
 */
class SupplyShortageSystemTest {
    static ServiceProcess requests;
    static ServiceProcess inventory;
    static ServiceProcess inventoryReplica;
    static String yanta;
    static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    /** This story's items: 200 protective suits and 500 N95 masks on hand in 雁塔区, thermometers not yet donated. */
    String suit;

    String mask;
    String thermometer;

    static Map<String, String> config(String database, boolean clean) {
        return clean ? ServiceProcess.freshConfig(database) : ServiceProcess.config(database);
    }

    @BeforeAll
    static void start() throws Exception {
        TestInfrastructure.ensureDatabases();
        ConsumerGroups.startAtTheEnd();
        requests = new ServiceProcess("requests-service", config("requests_system", true)).start();
        inventory = new ServiceProcess("inventory-service", config("inventory_system", true)).start();
        requests.awaitReady(Duration.ofSeconds(120));
        inventory.awaitReady(Duration.ofSeconds(120));
        // the replica joins after the first instance has migrated (and cleaned) the shared database
        inventoryReplica = new ServiceProcess("inventory-service", config("inventory_system", false)).start();
        inventoryReplica.awaitReady(Duration.ofSeconds(120));

        yanta = post(
                        inventory,
                        OPS,
                        "/warehouses",
                        """
                {"name":"雁塔区物资仓库","district":"雁塔区","address":"雁塔区锦业路1号"}""")
                .path("id");
        post(
                inventory,
                OPS,
                "/warehouses",
                """
                {"name":"碑林区物资仓库","district":"碑林区","address":"碑林区东大街2号"}""");
    }

    @BeforeEach
    void itemsOfThisStory() {
        String story = UUID.randomUUID().toString().substring(0, 6);
        suit = "protective-suit-" + RUN + "-" + story;
        mask = "n95-mask-" + RUN + "-" + story;
        thermometer = "thermometer-" + RUN + "-" + story;
        for (String[] item : new String[][] {
            {suit, "防护服", "protective suit", "1.2", "0.004"},
            {mask, "N95口罩", "N95 mask", "0.01", "0.0002"},
            {thermometer, "体温计", "thermometer", "0.05", "0.0001"}
        }) {
            post(
                    inventory,
                    OPS,
                    "/items",
                    """
                    {"code":"%s","nameZh":"%s","nameEn":"%s","category":"PPE","unit":"piece",
                     "unitWeightKg":%s,"unitVolumeM3":%s,"perishable":false}"""
                            .formatted((Object[]) item));
        }
        donate(suit, 200);
        donate(mask, 500);
    }

    @AfterAll
    static void stop() throws Exception {
        ServiceProcess.closeAll(requests, inventory, inventoryReplica);
    }

    static final String OPS = TestTokens.token(null, "ops");
    static final String PARTNER = TestTokens.token("yanta-community", "partner");
    static final String DONOR = TestTokens.token("xian-chamber-of-commerce", "donor");

    static void donate(String item, int quantity) {
        post(
                inventory,
                DONOR,
                "/donations",
                """
                {"donorOrganisationId":"xian-chamber-of-commerce","warehouseId":"%s","valueYuan":1000,
                 "lines":[{"item":"%s","quantity":%d,"lotCode":"LOT-%s"}]}"""
                        .formatted(yanta, item, quantity, UUID.randomUUID()));
    }

    static String submit(String priority, String vulnerabilities, String linesJson) {
        return post(
                        requests,
                        PARTNER,
                        "/help-requests",
                        """
                {"organisationId":"yanta-community","kind":"SUPPLIES","priority":"%s","vulnerabilities":%s,
                 "community":"锦业路小区-%s","district":"雁塔区","lines":%s,"note":"我们社区缺少防护服"}"""
                                .formatted(priority, vulnerabilities, UUID.randomUUID(), linesJson))
                .path("id");
    }

    static Response request(String id) {
        return given().baseUri(requests.baseUri()).auth().oauth2(PARTNER).get("/help-requests/" + id);
    }

    static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> request(id).then().statusCode(200).body("request.status", equalTo(status)));
    }

    static Map<String, Object> stockOf(String item) {
        List<Map<String, Object>> rows = given().baseUri(inventory.baseUri())
                .auth()
                .oauth2(OPS)
                .queryParam("item", item)
                .get("/stock")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        Map<String, Object> total = new HashMap<>(Map.of("onHand", 0, "reserved", 0, "available", 0));
        for (Map<String, Object> row : rows) {
            for (String k : List.of("onHand", "reserved", "available")) {
                total.put(k, ((Number) total.get(k)).intValue() + ((Number) row.get(k)).intValue());
            }
        }
        return total;
    }

    /** A CRITICAL request for 200 suits and 1,000 masks, of which 500 are on hand: partially reserved. */
    String shortage() {
        String a = submit(
                "CRITICAL",
                "[]",
                "[{\"item\":\"%s\",\"quantity\":200,\"unit\":\"piece\"},{\"item\":\"%s\",\"quantity\":1000,\"unit\":\"piece\"}]"
                        .formatted(suit, mask));
        awaitStatus(a, "PARTIALLY_RESERVED");
        return a;
    }

    @Test
    void aShortageEndsPartiallyReservedWithTheReasonOnTheTimeline() {
        String a = shortage();
        String timeline = request(a).asString();
        assertTrue(timeline.contains("500"), "the timeline shows what was reserved: " + timeline);
        assertTrue(timeline.contains("explanation"), "the timeline shows why: " + timeline);
    }

    @Test
    void donationsCompleteItThenServeWaitingRequestsInPriorityOrder() {
        donationsServeInPriorityOrder(shortage());
    }

    /**
     * After {@link #shortage()} ({@code a}): a NORMAL and a HIGH request of 1,000 masks wait; donations complete
     * {@code a}, then the HIGH one, then the NORMAL one. Returns the NORMAL one.
     */
    String donationsServeInPriorityOrder(String a) {
        String b = submit("NORMAL", "[]", "[{\"item\":\"%s\",\"quantity\":1000,\"unit\":\"piece\"}]".formatted(mask));
        String c = submit(
                "HIGH",
                "[\"ELDERLY_LIVING_ALONE\"]",
                "[{\"item\":\"%s\",\"quantity\":1000,\"unit\":\"piece\"}]".formatted(mask));
        awaitStatus(b, "WAITING_FOR_STOCK");
        awaitStatus(c, "WAITING_FOR_STOCK");

        // enough for the rest of the first request and one more: the HIGH, vulnerable one comes before the NORMAL one
        donate(mask, 1500);
        awaitStatus(a, "RESERVED");
        awaitStatus(c, "RESERVED");
        given().baseUri(requests.baseUri())
                .auth()
                .oauth2(PARTNER)
                .get("/help-requests/" + b)
                .then()
                .body("request.status", equalTo("WAITING_FOR_STOCK"));

        // the chamber of commerce's 52,000 N95 masks
        donate(mask, 52_000);
        awaitStatus(b, "RESERVED");
        Map<String, Object> masks = stockOf(mask);
        assertEquals(54_000, masks.get("onHand"));
        assertEquals(3_000, masks.get("reserved"));
        assertEquals(51_000, masks.get("available"));
        return b;
    }

    @Test
    void cancellingReleasesTheStock() {
        String b = donationsServeInPriorityOrder(shortage());
        given().baseUri(requests.baseUri())
                .auth()
                .oauth2(PARTNER)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"社区已从其他渠道获得口罩\"}")
                .post("/help-requests/" + b + "/cancellation")
                .then()
                .statusCode(200);
        awaitStatus(b, "CANCELLED");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().baseUri(inventory.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .get("/reservations/" + b)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("RELEASED"));
            assertEquals(2_000, stockOf(mask).get("reserved"));
            assertEquals(52_000, stockOf(mask).get("available"));
        });
    }

    @Test
    void twoHundredRequestsRacingForOneHundredUnitsNeverOversell() throws Exception {
        donate(thermometer, 100);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(pool.submit(() -> submit(
                    "NORMAL", "[]", "[{\"item\":\"%s\",\"quantity\":1,\"unit\":\"piece\"}]".formatted(thermometer))));
        }
        List<String> requestIds = new ArrayList<>();
        for (Future<String> f : ids) {
            requestIds.add(f.get());
        }
        pool.shutdown();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> requestIds.stream()
                        .map(id -> request(id).jsonPath().getString("request.status"))
                        .allMatch(s -> "RESERVED".equals(s) || "WAITING_FOR_STOCK".equals(s)));
        long reserved = requestIds.stream()
                .filter(id -> "RESERVED".equals(request(id).jsonPath().getString("request.status")))
                .count();
        assertEquals(100, reserved, "exactly the 100 units on hand are reserved, to 100 different requests");
        Map<String, Object> stock = stockOf(thermometer);
        assertEquals(100, stock.get("onHand"));
        assertEquals(100, stock.get("reserved"));
        assertEquals(0, stock.get("available"));
        assertFalse(requestIds.stream().distinct().count() < 200);
    }
}
