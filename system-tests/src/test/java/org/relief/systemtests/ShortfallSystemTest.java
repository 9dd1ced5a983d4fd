package org.relief.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relief.systemtests.SystemApi.post;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.TestInfrastructure;
import org.relief.kernel.testing.TestTokens;

/**
 * Issue 10, path 4, across the four packaged services as processes, through REST only: 1,000 masks delivered with 5
 * rejected as damaged → the receipt takes the 5 into quarantine, inventory reserves 5 more and dispatch schedules a
 * follow-up trip for exactly 5, whose delivery and receipt fulfil the request; on a second request the partner
 * accepts the shortfall instead → the request ends FULFILLED, nothing stays reserved for it and its follow-up trip is
 * cancelled; the 10 rejected masks are quarantined (on hand, not available) until ops writes them off or releases
 * them.
 * <p>
 * The services start once for the class; each story brings its own world (issue 9: no order between the stories):
 * its own partner, masks and stock, road-freight association and truck (the only vehicle on duty). The quarantine
 * story delivers both requests itself.
 */
class ShortfallSystemTest {
    static ServiceProcess requests;
    static ServiceProcess inventory;
    static ServiceProcess dispatch;
    static ServiceProcess volunteer;

    static final String OPS = TestTokens.token(null, "ops");
    static final String DONOR = TestTokens.token("xian-chamber-of-commerce", "donor");

    // ------------------------------------------------------------------ the story's own world

    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final String mask = "n95-mask-" + tag;
    final String organisation = "yanta-community-" + tag;
    final String partner = TestTokens.token(organisation, "partner");
    final String freightDesk = TestTokens.token("xian-road-freight-association-" + tag, "dispatcher");
    String warehouse;
    /** the story's requests, cancelled at its end if still open */
    final List<String> submitted = new ArrayList<>();

    static Map<String, String> config(String database) {
        return ServiceProcess.freshConfig(database);
    }

    @BeforeAll
    static void start() throws Exception {
        TestInfrastructure.ensureDatabases();
        ConsumerGroups.startAtTheEnd();
        requests = new ServiceProcess("requests-service", config("requests_system")).start();
        inventory = new ServiceProcess("inventory-service", config("inventory_system")).start();
        dispatch = new ServiceProcess("dispatch-service", config("dispatch_system")).start();
        volunteer = new ServiceProcess("volunteer-service", config("volunteer_system")).start();
        for (ServiceProcess p : new ServiceProcess[] {requests, inventory, dispatch, volunteer}) {
            p.awaitReady(Duration.ofSeconds(120));
        }
    }

    /** 2,020 masks in a warehouse and a 5 t truck, the only vehicle on duty. */
    @BeforeEach
    void ownWorld() {
        warehouse = post(
                        inventory,
                        OPS,
                        "/warehouses",
                        """
                {"name":"雁塔区物资仓库","district":"雁塔区","address":"雁塔区丈八东路1号"}""")
                .path("id");
        post(
                inventory,
                OPS,
                "/items",
                """
                {"code":"%s","nameZh":"N95 口罩","nameEn":"N95 mask","category":"PPE","unit":"piece",
                 "unitWeightKg":0.01,"unitVolumeM3":0.0002,"perishable":false}"""
                        .formatted(mask));
        post(
                inventory,
                DONOR,
                "/donations",
                """
                {"donorOrganisationId":"xian-chamber-of-commerce","warehouseId":"%s","valueYuan":5000,
                 "lines":[{"item":"%s","quantity":2020,"lotCode":"LOT-%s"}]}"""
                        .formatted(warehouse, mask, tag));
        String carrier = post(
                        dispatch,
                        freightDesk,
                        "/carriers",
                        """
                {"name":"西安顺达货运有限公司","kind":"TRUCKING_COMPANY","association":"西安市道路货物运输协会","contactPhone":"029-88880000"}""")
                .path("id");
        String truck = post(
                        dispatch,
                        freightDesk,
                        "/vehicles",
                        """
                {"carrierId":"%s","kind":"TRUCK","plate":"%s","payloadKg":5000,"volumeM3":30,"seats":2,
                 "wheelchairAccessible":false,"homeDistrict":"雁塔区","driverName":"王师傅","driverPhone":"13700000000"}"""
                                .formatted(carrier, Isolation.plate('9')))
                .path("id");
        Isolation.onlyOnDuty(dispatch, OPS, List.of(truck));
    }

    /** A request still open would hold the queue for the next story. */
    @AfterEach
    void settle() {
        Isolation.settle(requests, dispatch, partner, OPS, submitted);
    }

    @AfterAll
    static void stop() throws Exception {
        ServiceProcess.closeAll(requests, inventory, dispatch, volunteer);
    }

    /** 1,000 masks delivered on one trip with 5 rejected, the receipt confirmed as the proof says. */
    String deliveredWithFiveRejected(String community) {
        String id = post(
                        requests,
                        partner,
                        "/help-requests",
                        """
                {"organisationId":"%s","kind":"SUPPLIES","priority":"HIGH","community":"%s-%s",
                 "district":"雁塔区","address":"%s 东门","lines":[{"item":"%s","quantity":1000,"unit":"piece"}]}"""
                                .formatted(organisation, community, tag, community, mask))
                .path("id");
        submitted.add(id);
        awaitStatus(id, "TRANSPORT_SCHEDULED");
        String trip = (String) await().atMost(Duration.ofSeconds(60))
                .until(() -> trips(id), t -> t.size() == 1)
                .get(0)
                .get("id");
        SystemApi.pickup(dispatch, freightDesk, trip);
        awaitStatus(id, "IN_TRANSIT");
        deliver(trip, 995, 5);
        awaitStatus(id, "DELIVERED");
        receipt(id).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("PARTIALLY_DELIVERED"));
        return id;
    }

    @Test
    void fiveRejectedMasksAreReplacedOnAFollowUpTripAndTheRequestIsFulfilled() {
        fiveRejectedReplaced();
    }

    /** 1,000 masks, 5 rejected, replaced on a follow-up trip: the request is fulfilled. Its id. */
    String fiveRejectedReplaced() {
        String replaced = deliveredWithFiveRejected("锦业路小区");
        List<Map<String, Object>> trips =
                await().atMost(Duration.ofSeconds(60)).until(() -> trips(replaced), t -> t.size() == 2);
        Map<String, Object> followUp = trips.stream()
                .filter(t -> !"DELIVERED".equals(t.get("status")))
                .findFirst()
                .orElseThrow();
        JsonPath detail = given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(OPS)
                .get("/trips/" + followUp.get("id"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, detail.getList("trip.lines").size(), detail.prettify());
        assertEquals(5, detail.getInt("trip.lines[0].quantity"), "a follow-up trip for exactly the 5 rejected masks");
        awaitStatus(replaced, "TRANSPORT_SCHEDULED");

        SystemApi.pickup(dispatch, freightDesk, (String) followUp.get("id"));
        awaitStatus(replaced, "IN_TRANSIT");
        deliver((String) followUp.get("id"), 5, 0);
        awaitStatus(replaced, "DELIVERED");
        receipt(replaced).then().statusCode(200);
        awaitStatus(replaced, "FULFILLED");
        JsonPath request = request(replaced).jsonPath();
        assertEquals(1000, request.getInt("request.lines[0].delivered"));
        List<String> timeline = request.getList("timeline.explanation");
        assertTrue(timeline.stream().anyMatch(t -> t.contains("quarantine")), timeline.toString());
        List<String> zh = request.getList("timeline.explanationZh");
        assertTrue(zh.stream().anyMatch(t -> t.contains("隔离")), zh.toString());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(inventory.baseUri())
                .auth()
                .oauth2(OPS)
                .get("/reservations/" + replaced)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ISSUED"))
                .body("lines[0].issued", org.hamcrest.Matchers.equalTo(1000)));
        return replaced;
    }

    @Test
    void thePartnerAcceptsTheShortfallInsteadAndNothingStaysReservedForIt() {
        shortfallAccepted();
    }

    /** 1,000 masks, 5 rejected, and the partner accepts the shortfall: nothing stays reserved for it. Its id. */
    String shortfallAccepted() {
        String accepted = deliveredWithFiveRejected("丈八街道小区");
        // the replacement is reserved and a follow-up trip booked; the partner would rather not wait for it
        List<Map<String, Object>> trips =
                await().atMost(Duration.ofSeconds(60)).until(() -> trips(accepted), t -> t.size() == 2);
        String followUp = (String) trips.stream()
                .filter(t -> !"DELIVERED".equals(t.get("status")))
                .findFirst()
                .orElseThrow()
                .get("id");
        given().baseUri(requests.baseUri())
                .auth()
                .oauth2(partner)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "accept-" + tag)
                .body("{\"note\":\"5 只破损口罩不必补发\"}")
                .post("/help-requests/" + accepted + "/shortfall-acceptance")
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("FULFILLED"));
        awaitStatus(accepted, "FULFILLED");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().baseUri(inventory.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .get("/reservations/" + accepted)
                    .then()
                    .statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("ISSUED"))
                    .body("lines[0].reserved", org.hamcrest.Matchers.equalTo(0));
            given().baseUri(dispatch.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .get("/trips/" + followUp)
                    .then()
                    .statusCode(200)
                    .body("trip.status", org.hamcrest.Matchers.equalTo("CANCELLED"));
        });
        assertEquals(0, stock().get("reserved"), "nothing is left reserved");
        List<String> events = request(accepted).jsonPath().getList("timeline.event");
        assertTrue(events.contains("ShortfallAccepted"), events.toString());
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertTrue(
                        request(accepted).jsonPath().getList("timeline.event").contains("TransportCancelled")));
        return accepted;
    }

    @Test
    void theRejectedMasksAreQuarantinedNotAvailableUntilOpsWritesThemOffOrReleasesThem() {
        // the two paths above, on the story's own masks
        String replaced = fiveRejectedReplaced();
        String accepted = shortfallAccepted();
        // 2,020 donated; 1,000 + 995 issued; 10 rejected in quarantine; nothing reserved
        Map<String, Integer> s = stock();
        assertEquals(25, s.get("onHand"), s.toString());
        assertEquals(10, s.get("quarantined"), s.toString());
        assertEquals(15, s.get("available"), "the damaged masks are never available: " + s);
        List<Map<String, Object>> quarantined = given().baseUri(inventory.baseUri())
                .auth()
                .oauth2(OPS)
                .queryParam("item", mask)
                .queryParam("status", "QUARANTINED")
                .get("/quarantine")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        assertEquals(2, quarantined.size(), quarantined.toString());
        Map<String, String> byRequest = new HashMap<>();
        quarantined.forEach(q -> byRequest.put((String) q.get("requestId"), (String) q.get("id")));

        given().baseUri(inventory.baseUri())
                .auth()
                .oauth2(OPS)
                .contentType(ContentType.JSON)
                .body("{\"note\":\"破损，已销毁\"}")
                .post("/quarantine/" + byRequest.get(replaced) + "/write-off")
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("WRITTEN_OFF"));
        given().baseUri(inventory.baseUri())
                .auth()
                .oauth2(OPS)
                .contentType(ContentType.JSON)
                .body("{\"note\":\"复检合格\"}")
                .post("/quarantine/" + byRequest.get(accepted) + "/release")
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("RELEASED"));
        given().baseUri(inventory.baseUri())
                .auth()
                .oauth2(OPS)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/quarantine/" + byRequest.get(accepted) + "/write-off")
                .then()
                .statusCode(409);
        s = stock();
        assertEquals(20, s.get("onHand"), "5 written off: " + s);
        assertEquals(0, s.get("quarantined"), s.toString());
        assertEquals(20, s.get("available"), "5 released: " + s);
    }

    Response request(String id) {
        return given().baseUri(requests.baseUri()).auth().oauth2(partner).get("/help-requests/" + id);
    }

    Response receipt(String id) {
        return given().baseUri(requests.baseUri())
                .auth()
                .oauth2(partner)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + id + "/receipt");
    }

    void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertEquals(
                        status,
                        request(id).jsonPath().getString("request.status"),
                        request(id).asString()));
    }

    static List<Map<String, Object>> trips(String requestId) {
        return given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(OPS)
                .queryParam("requestId", requestId)
                .get("/trips")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }

    void deliver(String tripId, int accepted, int rejected) {
        given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(freightDesk)
                .contentType(ContentType.JSON)
                .body(
                        """
                {"receivedBy":"社区 张主任","lines":[{"item":"%s","accepted":%d,"rejected":%d%s}]}"""
                                .formatted(
                                        mask, accepted, rejected, rejected > 0 ? ",\"rejectionReason\":\"包装破损\"" : ""))
                .post("/trips/" + tripId + "/delivery")
                .then()
                .statusCode(200);
    }

    Map<String, Integer> stock() {
        List<Map<String, Object>> rows = given().baseUri(inventory.baseUri())
                .auth()
                .oauth2(OPS)
                .queryParam("item", mask)
                .get("/stock")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        Map<String, Integer> total =
                new HashMap<>(Map.of("onHand", 0, "reserved", 0, "available", 0, "quarantined", 0));
        for (Map<String, Object> row : rows) {
            for (String k : List.of("onHand", "reserved", "available", "quarantined")) {
                Object v = row.get(k);
                total.merge(k, v == null ? 0 : ((Number) v).intValue(), Integer::sum);
            }
        }
        return total;
    }
}
