package org.relief.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relief.systemtests.SystemApi.post;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relief.contracts.Topics;
import org.relief.kernel.personaldata.PersonalDataKeyIssued;
import org.relief.kernel.testing.TestInfrastructure;
import org.relief.kernel.testing.TestTokens;

/**
 * The whole saga across the four packaged services as separate processes on one real broker, driven through the
 * REST APIs only: supplies (reserve → trip → volunteers → pickup → proof of delivery → receipt → stock issued),
 * a load split across trucks, a failed delivery re-planned, a trip waiting for a vehicle, cancellation at a late
 * stage, a reservation expiring before pickup, a wheelchair ride and a care visit with a declining volunteer, and the
 * invariants: no vehicle on two overlapping trips, no volunteer double-booked, stock adding up.
 * <p>
 * The services start once for the class; each story brings its own world (issue 9: no order between the stories):
 * its own partner, desks and coordinator, district, items and stock, trucks and volunteers, and it asserts on those
 * only. So each runs alone ({@code -Dit.test=SagaSystemTest#method}) and in any order.
 */
class SagaSystemTest {
    static ServiceProcess requests;
    static ServiceProcess inventory;
    static ServiceProcess dispatch;
    static ServiceProcess volunteer;

    static final List<String> DATABASES =
            List.of("requests_system", "inventory_system", "dispatch_system", "volunteer_system");
    static final String OPS = TestTokens.token(null, "ops");
    static final String DONOR = TestTokens.token("xian-chamber-of-commerce", "donor");

    // ------------------------------------------------------------------ the story's own world

    final String tag = UUID.randomUUID().toString().substring(0, 8);
    /** volunteers answer calls of their own district only: other stories' volunteers live elsewhere */
    final String district = "雁塔区-" + tag;

    final String rice = "rice-10kg-" + tag;
    final String suit = "protective-suit-" + tag;
    /** its own partner: its webhook hears of its requests only */
    final String organisation = "yanta-community-" + tag;

    final String partner = TestTokens.token(organisation, "partner");
    final String freightDesk = TestTokens.token("xian-road-freight-association-" + tag, "dispatcher");
    final String taxiDesk = TestTokens.token("xian-taxi-association-" + tag, "dispatcher");
    final String coordinator = TestTokens.token("xian-social-work-association-" + tag, "volunteer-coordinator");
    String warehouse;
    String truckCarrier;
    String taxiCarrier;
    final Map<String, String> trucks = new HashMap<>();
    final List<String> volunteers = new ArrayList<>();
    /** the story's requests, cancelled at its end if still open */
    final List<String> submitted = new ArrayList<>();

    static Map<String, String> config(String database) {
        return ServiceProcess.freshConfig(database);
    }

    @BeforeAll
    static void start() throws Exception {
        TestInfrastructure.ensureDatabases();
        ConsumerGroups.startAtTheEnd();
        Map<String, String> req = config(DATABASES.get(0));
        // the partner's webhook receiver runs on this machine's loopback, over plain http: allowed here only
        req.put("relief.webhooks.allow-private-targets", "true");
        req.put("relief.webhooks.allow-http", "true");
        req.put("relief.webhooks.retry-backoff", "500ms");
        req.put("relief.webhooks.every", "200ms");
        requests = new ServiceProcess("requests-service", req).start();
        Map<String, String> inv = config(DATABASES.get(1));
        // short enough to watch a reservation expire before pickup; every other path picks up within seconds
        inv.put("relief.reservation.ttl", "PT40S");
        inv.put("relief.reservation.expiry-check", "2s");
        inventory = new ServiceProcess("inventory-service", inv).start();
        dispatch = new ServiceProcess("dispatch-service", config(DATABASES.get(2))).start();
        volunteer = new ServiceProcess("volunteer-service", config(DATABASES.get(3))).start();
        for (ServiceProcess p : new ServiceProcess[] {requests, inventory, dispatch, volunteer}) {
            p.awaitReady(Duration.ofSeconds(120));
        }
    }

    /**
     * What the class's set-up once made for all stories, made for this one: a warehouse with rice and suits, a 5 t
     * truck of the warehouse's district and an 8 t one across town (the only vehicles on duty), a taxi company, four
     * loaders and two carers.
     */
    @BeforeEach
    void ownWorld() {
        warehouse = post(
                        inventory,
                        OPS,
                        "/warehouses",
                        """
                {"name":"雁塔区物资仓库","district":"%s","address":"雁塔区丈八东路1号"}"""
                                .formatted(district))
                .path("id");
        post(
                inventory,
                OPS,
                "/items",
                """
                {"code":"%s","nameZh":"大米 10kg","nameEn":"rice, 10 kg bag","category":"FOOD","unit":"bag",
                 "unitWeightKg":10,"unitVolumeM3":0.015,"perishable":false}"""
                        .formatted(rice));
        post(
                inventory,
                OPS,
                "/items",
                """
                {"code":"%s","nameZh":"防护服","nameEn":"protective suit","category":"PPE","unit":"piece",
                 "unitWeightKg":1.2,"unitVolumeM3":0.004,"perishable":false}"""
                        .formatted(suit));
        donate(rice, 3000);
        donate(suit, 500);

        truckCarrier = post(
                        dispatch,
                        freightDesk,
                        "/carriers",
                        """
                {"name":"西安顺达货运有限公司","kind":"TRUCKING_COMPANY","association":"西安市道路货物运输协会","contactPhone":"029-88880000"}""")
                .path("id");
        taxiCarrier = post(
                        dispatch,
                        taxiDesk,
                        "/carriers",
                        """
                {"name":"西安出租汽车公司","kind":"TAXI_COMPANY","association":"西安市出租汽车协会","contactPhone":"029-86660000"}""")
                .path("id");
        trucks.put("yanta", truck(Isolation.plate('1'), 5000, 30, district));
        trucks.put("beilin", truck(Isolation.plate('2'), 8000, 45, "碑林区-" + tag));
        Isolation.onlyOnDuty(dispatch, OPS, trucks.values());

        Instant now = Instant.now();
        for (String[] v : new String[][] {
            {"王强", "loading"},
            {"刘洋", "loading"},
            {"陈静", "loading"},
            {"赵磊", "loading"},
            {"孙丽", "elderly-care"},
            {"周敏", "elderly-care"}
        }) {
            String id = post(
                            volunteer,
                            coordinator,
                            "/volunteers",
                            """
                    {"name":"%s","phone":"1390000%04d","district":"%s","skills":["%s"]}"""
                                    .formatted(v[0], volunteers.size(), district, v[1]))
                    .path("id");
            // loaders are free for days; the two carers only around the care visit's window (from 10 min ago to 3 h
            // from now; the visit began a minute before it is asked for, so that it can be completed at once)
            boolean carer = "elderly-care".equals(v[1]);
            Instant from = carer ? now.minus(10, ChronoUnit.MINUTES) : now.minus(1, ChronoUnit.HOURS);
            Instant to = carer ? now.plus(3, ChronoUnit.HOURS) : now.plus(3, ChronoUnit.DAYS);
            put(
                    volunteer,
                    coordinator,
                    "/volunteers/" + id + "/availability",
                    "{\"windows\":[{\"from\":\"%s\",\"to\":\"%s\"}]}".formatted(from, to));
            volunteers.add(id);
        }
    }

    /** A request still open (a split load's trips, a story stopped half-way) would hold the queue for the next. */
    @AfterEach
    void settle() {
        Isolation.settle(requests, dispatch, partner, OPS, submitted);
    }

    @AfterAll
    static void stop() throws Exception {
        ServiceProcess.closeAll(requests, inventory, dispatch, volunteer);
    }

    // ------------------------------------------------------------------ paths

    @Test
    void suppliesTravelFromReservationThroughTruckAndVolunteersToAConfirmedReceipt() throws Exception {
        try (WebhookReceiver hooks = new WebhookReceiver()) {
            suppliesTravelToAConfirmedReceipt(hooks);
        }
    }

    private void suppliesTravelToAConfirmedReceipt(WebhookReceiver hooks) {
        // the partner follows its request by webhook; its system fails the first notification
        var registered = given().baseUri(requests.baseUri())
                .auth()
                .oauth2(partner)
                .contentType(ContentType.JSON)
                .body(Map.of("url", hooks.url(), "description", "雁塔社区工单系统"))
                .post("/webhooks")
                .then()
                .statusCode(201)
                .extract();
        String webhook = registered.path("webhook.id");
        hooks.trust(registered.path("secret"));
        hooks.answerNext(500);

        String id = submitSupplies(
                "[{\"item\":\"%s\",\"quantity\":300,\"unit\":\"bag\"},{\"item\":\"%s\",\"quantity\":100,\"unit\":\"piece\"}]"
                        .formatted(rice, suit),
                "锦业路小区");
        awaitStatus(id, "TRANSPORT_SCHEDULED");
        JsonPath trip = onlyTrip(id, freightDesk);
        // 3,120 kg fits the 5 t truck of the warehouse's own district
        assertEquals(trucks.get("yanta"), trip.getString("trip.vehicleId"), trip.prettify());

        // loading at the warehouse and hand-out in the compound get volunteers
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Map<String, Object>> calls = calls(id);
            assertTrue(calls.stream().anyMatch(c -> "LOADING".equals(c.get("purpose"))), calls.toString());
            assertTrue(calls.stream().anyMatch(c -> "HAND_OUT".equals(c.get("purpose"))), calls.toString());
        });
        awaitTimeline(id, "VolunteerAssigned");

        pickup(trip.getString("trip.id"));
        awaitStatus(id, "IN_TRANSIT");
        deliver(
                trip.getString("trip.id"),
                """
                {"receivedBy":"锦业路小区 张主任","note":"已签收",
                 "lines":[{"item":"%s","accepted":300,"rejected":0},{"item":"%s","accepted":100,"rejected":0}]}"""
                        .formatted(rice, suit));
        awaitStatus(id, "DELIVERED");

        // the partner confirms exactly what the proof of delivery says
        given().baseUri(requests.baseUri())
                .auth()
                .oauth2(partner)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(200);
        awaitStatus(id, "FULFILLED");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertEquals(2700, stockOf(rice).get("onHand"), "300 bags issued");
            assertEquals(400, stockOf(suit).get("onHand"), "100 suits issued");
        });
        String timeline = request(id).asString();
        for (String step : List.of(
                "Submitted",
                "StockAllocated",
                "TransportScheduled",
                "VolunteerAssigned",
                "LoadPickedUp",
                "DeliveryReported",
                "ReceiptConfirmed")) {
            assertTrue(timeline.contains(step), "the timeline tells " + step + ": " + timeline);
        }
        partnerWasToldEveryChangeByWebhook(hooks, id, webhook);
        assertInvariants();
    }

    /**
     * Every status change of the saga reached the partner's webhook, signed: following previousStatus → status from
     * the first (none → SUBMITTED) reaches FULFILLED, whatever order retries brought them in; the failed first attempt
     * came again under the same webhook-id; the delivery log says so, and a replay sends the first one once more.
     */
    private void partnerWasToldEveryChangeByWebhook(WebhookReceiver hooks, String id, String webhook) {
        List<String> changes = await().atMost(Duration.ofSeconds(30))
                .until(() -> statusChain(hooks.about(id)), chain -> chain.contains("FULFILLED"));
        assertEquals("SUBMITTED", changes.get(0), changes.toString());
        for (String status : List.of("TRANSPORT_SCHEDULED", "IN_TRANSIT", "DELIVERED", "FULFILLED")) {
            assertTrue(changes.contains(status), status + " was notified: " + changes);
        }
        List<WebhookReceiver.Notification> received = hooks.about(id);
        assertTrue(received.stream().allMatch(WebhookReceiver.Notification::signedWell), "all signed: " + received);
        // the first to arrive got the 500; its retry comes after the backoff, which later changes may overtake
        WebhookReceiver.Notification first = received.get(0);
        await("the failed first attempt retried under its webhook-id")
                .atMost(Duration.ofSeconds(30))
                .until(() -> hooks.about(id).stream()
                                .filter(n -> n.webhookId().equals(first.webhookId()))
                                .count()
                        == 2);
        // the sender records the delivery once the partner's answer is in: the log may lag the receiver by a moment
        Map<String, Object> firstDelivery = await("the first notification DELIVERED in the log")
                .atMost(Duration.ofSeconds(10))
                .until(() -> deliveryInLog(webhook, first.webhookId()), d -> "DELIVERED".equals(d.get("status")));
        assertEquals(2, firstDelivery.get("attempts"), firstDelivery.toString());
        given().baseUri(requests.baseUri())
                .auth()
                .oauth2(partner)
                .post("/webhooks/" + webhook + "/deliveries/" + first.webhookId() + "/replay")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> hooks.about(id).stream()
                                .filter(n -> n.webhookId().equals(first.webhookId()))
                                .count()
                        == 3);
        given().baseUri(requests.baseUri())
                .auth()
                .oauth2(partner)
                .delete("/webhooks/" + webhook)
                .then()
                .statusCode(200);
    }

    /** One notification as the partner's delivery log shows it. */
    private Map<String, Object> deliveryInLog(String webhook, String webhookId) {
        List<Map<String, Object>> deliveries = given().baseUri(requests.baseUri())
                .auth()
                .oauth2(partner)
                .queryParam("size", 100)
                .get("/webhooks/" + webhook + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        return deliveries.stream()
                .filter(d -> webhookId.equals(d.get("id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the notification is in the log: " + deliveries));
    }

    /** The statuses reached by following previousStatus → status from the first; stops where a change is missing. */
    static List<String> statusChain(List<WebhookReceiver.Notification> notifications) {
        Map<String, String> next = new HashMap<>();
        notifications.forEach(n -> next.put(String.valueOf(n.previousStatus()), n.status()));
        List<String> chain = new ArrayList<>();
        String at = "null";
        while (next.containsKey(at) && chain.size() <= notifications.size()) {
            at = next.get(at);
            chain.add(at);
        }
        return chain;
    }

    @Test
    void aLoadNoTruckCarriesIsSplitAndAFailedDeliveryIsReplanned() {
        // 1,200 bags = 12 t: more than either truck (5 t, 8 t) carries
        String splitRequest = splitOverBothTrucks();

        List<Map<String, Object>> trips = trips(splitRequest, OPS);
        Map<String, Object> failing = trips.get(0);
        pickup((String) failing.get("id"));
        given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(OPS)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"小区封控升级，道路临时封闭\"}")
                .post("/trips/" + failing.get("id") + "/failure")
                .then()
                .statusCode(200);
        // the same load is planned again as a new trip (the failed truck is free again)
        List<Map<String, Object>> after = await().atMost(Duration.ofSeconds(60))
                .until(() -> trips(splitRequest, OPS), t -> t.stream()
                        .anyMatch(x -> failing.get("id").equals(x.get("replanOf"))));
        assertTrue(
                after.stream().anyMatch(x -> failing.get("id").equals(x.get("id")) && "FAILED".equals(x.get("status"))),
                after.toString());
        awaitTimeline(splitRequest, "TransportFailed");
        assertInvariants();
    }

    /** 1,200 bags = 12 t, more than either truck (5 t, 8 t) carries: split into two trips, one on each. */
    private String splitOverBothTrucks() {
        String id = submitSupplies("[{\"item\":\"%s\",\"quantity\":1200,\"unit\":\"bag\"}]".formatted(rice), "丈八街道小区");
        awaitStatus(id, "TRANSPORT_SCHEDULED");
        List<Map<String, Object>> trips =
                await().atMost(Duration.ofSeconds(60)).until(() -> trips(id, OPS), t -> t.size() == 2);
        assertNotEquals(trips.get(0).get("vehicleId"), trips.get(1).get("vehicleId"));
        return id;
    }

    @Test
    void aTripWaitsForAVehicleAndIsPlannedWhenATruckRegisters() {
        // both trucks are booked by a split load's trips (the story's own: no other vehicle is on duty)
        splitOverBothTrucks();
        String id = submitSupplies("[{\"item\":\"%s\",\"quantity\":50,\"unit\":\"bag\"}]".formatted(rice), "电子城小区");
        awaitStatus(id, "WAITING_FOR_VEHICLE");
        String third = truck(Isolation.plate('3'), 2000, 12, "长安区-" + tag);
        awaitStatus(id, "TRANSPORT_SCHEDULED");
        JsonPath trip = onlyTrip(id, freightDesk);
        assertEquals(third, trip.getString("trip.vehicleId"));
        trucks.put("changan", third);
        pickup(trip.getString("trip.id"));
        deliver(
                trip.getString("trip.id"),
                """
                {"receivedBy":"电子城小区 物业","lines":[{"item":"%s","accepted":50,"rejected":0}]}"""
                        .formatted(rice));
        awaitStatus(id, "DELIVERED");
        given().baseUri(requests.baseUri())
                .auth()
                .oauth2(partner)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(200);
        awaitStatus(id, "FULFILLED");
        assertInvariants();
    }

    @Test
    void cancellingAfterTheTripIsScheduledReleasesStockCancelsTheTripAndTheVolunteerCalls() {
        String id = submitSupplies("[{\"item\":\"%s\",\"quantity\":40,\"unit\":\"piece\"}]".formatted(suit), "曲江小区");
        awaitStatus(id, "TRANSPORT_SCHEDULED");
        String tripId = onlyTrip(id, OPS).getString("trip.id");
        await().atMost(Duration.ofSeconds(60)).until(() -> !calls(id).isEmpty());

        given().baseUri(requests.baseUri())
                .auth()
                .oauth2(partner)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"居民已转移安置\"}")
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(200);
        awaitStatus(id, "CANCELLED");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().baseUri(inventory.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .get("/reservations/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("RELEASED"));
            assertEquals("CANCELLED", trip(tripId).getString("trip.status"));
            assertTrue(
                    calls(id).stream().allMatch(c -> "CANCELLED".equals(c.get("status"))),
                    calls(id).toString());
        });
        assertInvariants();
    }

    @Test
    void aRideIsMatchedToAWheelchairTaxiPickedUpAndCompleted() {
        String plain = taxi(Isolation.plate('T'), false);
        String accessible = taxi(Isolation.plate('T'), true);
        Instant start = Instant.now().plus(10, ChronoUnit.MINUTES);
        String id = submit(
                """
                {"organisationId":"%s","kind":"RIDE","priority":"HIGH","community":"锦业路小区","district":"%s",
                 "ride":{"passengerName":"李同学","passengerPhone":"13800000001","pickupAddress":"锦业路小区3号楼",
                         "pickupDistrict":"%s","dropoffAddress":"西安中学考点","dropoffDistrict":"碑林区",
                         "windowStart":"%s","windowEnd":"%s","accessibility":["WHEELCHAIR"]}}"""
                        .formatted(organisation, district, district, start, start.plus(1, ChronoUnit.HOURS)));
        awaitStatus(id, "TRANSPORT_SCHEDULED");
        JsonPath trip = onlyTrip(id, taxiDesk);
        assertEquals(accessible, trip.getString("trip.vehicleId"), "the passenger needs a wheelchair-accessible taxi");
        assertNotEquals(plain, trip.getString("trip.vehicleId"));
        pickup(trip.getString("trip.id"), taxiDesk);
        awaitStatus(id, "IN_TRANSIT");
        given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(taxiDesk)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/trips/" + trip.getString("trip.id") + "/delivery")
                .then()
                .statusCode(200);
        awaitStatus(id, "FULFILLED");
        assertInvariants();
    }

    @Test
    void aCareVisitFindsAnotherVolunteerAfterADeclineAndLogsTheHours() {
        // the visit's window began a minute ago: a call is not completed before its window starts
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES);
        String id = submit(
                """
                {"organisationId":"%s","kind":"CARE","priority":"HIGH","vulnerabilities":["ELDERLY_LIVING_ALONE"],
                 "community":"锦业路小区","district":"%s","address":"锦业路小区5号楼2单元",
                 "care":{"need":"ELDERLY_CARE","skill":"elderly-care","personName":"张奶奶",
                         "windowStart":"%s","windowEnd":"%s"},"note":"独居老人需要上门照护"}"""
                        .formatted(organisation, district, start, start.plus(2, ChronoUnit.HOURS)));
        awaitStatus(id, "VOLUNTEER_ASSIGNED");
        Map<String, Object> call = await().atMost(Duration.ofSeconds(60))
                .until(() -> calls(id), c -> c.size() == 1)
                .get(0);
        JsonPath detail = callDetail((String) call.get("id"));
        String first = detail.getString("assignments[0].id");
        String firstVolunteer = detail.getString("assignments[0].volunteerId");

        given().baseUri(volunteer.baseUri())
                .auth()
                .oauth2(coordinator)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"家中有事\"}")
                .post("/assignments/" + first + "/decline")
                .then()
                .statusCode(200);
        JsonPath replaced = await().atMost(Duration.ofSeconds(60))
                .until(() -> callDetail((String) call.get("id")), d -> d.getList("assignments").stream()
                        .anyMatch(notDeclinedBy(firstVolunteer)));
        String second = replaced.getList("assignments", Map.class).stream()
                .filter(notDeclinedBy(firstVolunteer))
                .map(a -> (String) a.get("id"))
                .findFirst()
                .orElseThrow();
        given().baseUri(volunteer.baseUri())
                .auth()
                .oauth2(coordinator)
                .post("/assignments/" + second + "/acceptance")
                .then()
                .statusCode(200);
        JsonPath completed = given().baseUri(volunteer.baseUri())
                .auth()
                .oauth2(coordinator)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/calls/" + call.get("id") + "/completion")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        awaitStatus(id, "FULFILLED");
        // hours are what was served: from the acceptance, seconds ago, not the whole two-hour window
        assertEquals(1, completed.getInt("personTimes"), completed.prettify());
        assertTrue(completed.getDouble("hours") < 0.1, completed.prettify());

        JsonPath hours = given().baseUri(volunteer.baseUri())
                .auth()
                .oauth2(OPS)
                .get("/volunteer-hours")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(hours.getInt("personTimes") >= 1, hours.prettify());
        assertInvariants();
    }

    @Test
    void aReservationNotPickedUpInTimeExpiresAndItsTripIsCancelled() {
        String id = submitSupplies("[{\"item\":\"%s\",\"quantity\":20,\"unit\":\"piece\"}]".formatted(suit), "小寨小区");
        awaitStatus(id, "TRANSPORT_SCHEDULED");
        String tripId = onlyTrip(id, OPS).getString("trip.id");
        // nobody picks it up: after the 40 s time-to-live the stock goes back and the trip is called off
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> given().baseUri(requests.baseUri())
                .auth()
                .oauth2(partner)
                .get("/help-requests/" + id)
                .then()
                .body("request.status", org.hamcrest.Matchers.equalTo("EXPIRED")));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertEquals("CANCELLED", trip(tripId).getString("trip.status")));
        given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(OPS)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/trips/" + tripId + "/pickup")
                .then()
                .statusCode(409);
        assertInvariants();
    }

    @Test
    void noVehicleIsOnTwoOverlappingTripsNoVolunteerIsDoubleBookedAndStockAddsUp() {
        // the story's own rush: three loads at once for its two trucks and four loaders, so that trips ask for the
        // same truck and the same loaders at the same moment (one of them waits for a truck)
        List<String> ids = List.of(
                submitSupplies("[{\"item\":\"%s\",\"quantity\":300,\"unit\":\"bag\"}]".formatted(rice), "锦业路小区"),
                submitSupplies("[{\"item\":\"%s\",\"quantity\":600,\"unit\":\"bag\"}]".formatted(rice), "丈八街道小区"),
                submitSupplies("[{\"item\":\"%s\",\"quantity\":40,\"unit\":\"piece\"}]".formatted(suit), "曲江小区"));
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertTrue(
                            Set.of("TRANSPORT_SCHEDULED", "WAITING_FOR_VEHICLE")
                                    .contains(request(id).jsonPath().getString("request.status")),
                            request(id).asString()));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                .anyMatch(id -> request(id).jsonPath().getList("timeline.event").contains("VolunteerAssigned")));
        assertInvariants();
    }

    /** No vehicle of the story on two overlapping trips, none of its volunteers double-booked, its stock adding up. */
    void assertInvariants() {
        for (String vehicleId : trucks.values()) {
            List<Map<String, Object>> bookings = given().baseUri(dispatch.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .get("/vehicles/" + vehicleId + "/bookings")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("$");
            assertNoOverlap("vehicle " + vehicleId, bookings);
        }
        for (String volunteerId : volunteers) {
            List<Map<String, Object>> bookings = given().baseUri(volunteer.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .get("/volunteers/" + volunteerId + "/bookings")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("$");
            assertNoOverlap("volunteer " + volunteerId, bookings);
        }
        for (String item : List.of(rice, suit)) {
            Map<String, Integer> s = stockOf(item);
            assertEquals(s.get("onHand"), s.get("reserved") + s.get("available"), item + ": " + s);
            assertTrue(s.get("available") >= 0 && s.get("reserved") >= 0, item + ": " + s);
        }
    }

    @Test
    void peoplesDataIsSealedEverywhereAndAfterErasureNoApiStoreOrTopicYieldsIt() throws Exception {
        // names, phones and addresses no other record of this run (or of any other) contains
        String passenger = "乘客" + tag;
        String phone = "1377" + String.format("%07d", Math.abs(tag.hashCode()) % 10_000_000);
        String pickup = "锦业路小区7号楼" + tag;
        String person = "老人" + tag;
        String home = "锦业路小区9号楼" + tag;
        String helper = "译员" + tag;
        String helperPhone = "1366" + phone.substring(4);
        String driver = "司机" + tag;
        String driverPhone = "1355" + phone.substring(4);
        List<String> personal =
                List.of(passenger, phone, pickup, person, home, helper, helperPhone, driver, driverPhone);

        // the only volunteer who can take the visit (the only translator), a data subject of volunteer-service
        Instant now = Instant.now();
        String translator = post(
                        volunteer,
                        coordinator,
                        "/volunteers",
                        """
                {"name":"%s","phone":"%s","district":"%s","skills":["translation"]}"""
                                .formatted(helper, helperPhone, district))
                .path("id");
        put(
                volunteer,
                coordinator,
                "/volunteers/" + translator + "/availability",
                "{\"windows\":[{\"from\":\"%s\",\"to\":\"%s\"}]}"
                        .formatted(now.minus(10, ChronoUnit.MINUTES), now.plus(3, ChronoUnit.HOURS)));

        // the only taxi on duty for the ride (every other vehicle goes off duty), driven by a data subject of
        // dispatch-service
        String taxiId = post(
                        dispatch,
                        taxiDesk,
                        "/vehicles",
                        """
                {"carrierId":"%s","kind":"TAXI","plate":"%s","payloadKg":300,"volumeM3":1,"seats":4,
                 "wheelchairAccessible":true,"homeDistrict":"%s","driverName":"%s","driverPhone":"%s"}"""
                                .formatted(taxiCarrier, Isolation.plate('T'), district, driver, driverPhone))
                .path("id");
        Isolation.onlyOnDuty(dispatch, OPS, List.of(taxiId));
        Instant start = Instant.now().plus(20, ChronoUnit.MINUTES);
        String ride = submit(
                """
                {"organisationId":"%s","kind":"RIDE","priority":"HIGH","community":"锦业路小区","district":"%s",
                 "contactPhone":"%s",
                 "ride":{"passengerName":"%s","passengerPhone":"%s","pickupAddress":"%s","pickupDistrict":"%s",
                         "dropoffAddress":"西安中学考点","dropoffDistrict":"碑林区","windowStart":"%s","windowEnd":"%s"}}"""
                        .formatted(
                                organisation,
                                district,
                                phone,
                                passenger,
                                phone,
                                pickup,
                                district,
                                start,
                                start.plus(1, ChronoUnit.HOURS)));
        Instant visit = Instant.now().minus(1, ChronoUnit.MINUTES);
        String care = submit(
                """
                {"organisationId":"%s","kind":"CARE","priority":"NORMAL","community":"锦业路小区","district":"%s",
                 "address":"%s","care":{"need":"OTHER","skill":"translation","personName":"%s",
                 "windowStart":"%s","windowEnd":"%s"},"note":"%s 独居"}"""
                        .formatted(
                                organisation, district, home, person, visit, visit.plus(2, ChronoUnit.HOURS), person));

        // the services that must show the data open it with the key they received over Kafka
        awaitStatus(ride, "TRANSPORT_SCHEDULED");
        String tripId = onlyTrip(ride, taxiDesk).getString("trip.id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath t = trip(tripId);
            assertEquals(passenger, t.getString("trip.ride.passengerName"), t.prettify());
            assertEquals(phone, t.getString("trip.ride.passengerPhone"), t.prettify());
        });
        // the driver reaches the ride's timeline (TransportScheduled), opened by requests-service
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertTrue(
                        request(ride).asString().contains(driver), request(ride).asString()));
        Map<String, Object> call = await().atMost(Duration.ofSeconds(60))
                .until(() -> calls(care), c -> c.size() == 1)
                .get(0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String shown = callDetail((String) call.get("id")).prettify();
            assertTrue(shown.contains(person) && shown.contains(home), shown);
        });
        assertTrue(request(care).asString().contains(person));
        // the translator's name reaches the request's timeline (VolunteerAssigned), opened by requests-service
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertTrue(
                        request(care).asString().contains(helper), request(care).asString()));
        // and nothing is stored or published in plain text even before the erasure
        assertNoneContains(storedRows(), personal, "stored");
        assertNoneContains(publishedRecords(), personal, "published");

        for (String id : List.of(ride, care)) {
            given().baseUri(requests.baseUri())
                    .auth()
                    .oauth2(partner)
                    .contentType(ContentType.JSON)
                    .body("{\"reason\":\"已不需要\"}")
                    .post("/help-requests/" + id + "/cancellation")
                    .then()
                    .statusCode(200);
            given().baseUri(requests.baseUri())
                    .auth()
                    .oauth2(partner)
                    .contentType(ContentType.JSON)
                    .body("{\"reason\":\"本人要求删除个人信息\"}")
                    .post("/help-requests/" + id + "/personal-data-erasure")
                    .then()
                    .statusCode(200);
        }

        given().baseUri(volunteer.baseUri())
                .auth()
                .oauth2(coordinator)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"返乡\"}")
                .post("/volunteers/" + translator + "/deactivation")
                .then()
                .statusCode(200);
        given().baseUri(volunteer.baseUri())
                .auth()
                .oauth2(coordinator)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"本人要求删除个人信息\"}")
                .post("/volunteers/" + translator + "/personal-data-erasure")
                .then()
                .statusCode(200);

        SystemApi.offDuty(dispatch, taxiDesk, taxiId, "司机离职");
        given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(taxiDesk)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"司机本人要求删除个人信息\"}")
                .post("/vehicles/" + taxiId + "/driver-data-erasure")
                .then()
                .statusCode(200);

        // every API of every service: the erasures reached the other services through the keys topic
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath t = trip(tripId);
            assertEquals("[erased]", t.getString("trip.ride.passengerName"), t.prettify());
            assertNoneContains(List.of(t.prettify()), personal, "dispatch's trip");
            String shown = callDetail((String) call.get("id")).prettify();
            assertTrue(shown.contains("[erased]"), shown);
            assertNoneContains(List.of(shown), personal, "volunteer-service's call");
            assertNoneContains(
                    List.of(request(care).asString(), request(ride).asString()),
                    personal,
                    "requests-service's timelines");
        });
        List<String> answers = new ArrayList<>();
        for (String id : List.of(ride, care)) {
            answers.add(request(id).asString());
            answers.add(given().baseUri(requests.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .get("/help-requests/" + id)
                    .asString());
            answers.add(given().baseUri(dispatch.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .queryParam("requestId", id)
                    .get("/trips")
                    .asString());
            answers.add(given().baseUri(volunteer.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .queryParam("requestId", id)
                    .get("/calls")
                    .asString());
            answers.add(given().baseUri(inventory.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .get("/reservations/" + id)
                    .asString());
        }
        answers.add(given().baseUri(requests.baseUri())
                .auth()
                .oauth2(partner)
                .get("/help-requests?size=200")
                .asString());
        answers.add(given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(OPS)
                .get("/trips?size=200")
                .asString());
        answers.add(given().baseUri(volunteer.baseUri())
                .auth()
                .oauth2(OPS)
                .get("/calls")
                .asString());
        answers.add(given().baseUri(volunteer.baseUri())
                .auth()
                .oauth2(OPS)
                .get("/volunteers")
                .asString());
        answers.add(given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(OPS)
                .get("/vehicles")
                .asString());
        answers.add(given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(taxiDesk)
                .get("/vehicles/" + taxiId)
                .asString());
        answers.add(given().baseUri(volunteer.baseUri())
                .auth()
                .oauth2(coordinator)
                .get("/volunteers/" + translator)
                .asString());
        answers.add(given().baseUri(volunteer.baseUri())
                .auth()
                .oauth2(OPS)
                .get("/volunteers/" + translator + "/bookings")
                .asString());
        assertNoneContains(answers, personal, "answered");
        assertTrue(answers.get(0).contains("[erased]"), answers.get(0));
        // every store and every topic: only sealed copies were ever kept, and their key is gone everywhere
        assertNoneContains(storedRows(), personal, "stored");
        assertNoneContains(publishedRecords(), personal, "published");
        for (String db : DATABASES) {
            try (Connection c = TestInfrastructure.connect(db);
                    PreparedStatement ps = c.prepareStatement(
                            "select count(*) from personal_data_key where subject_id = any(?) and wrapped_key is not null")) {
                ps.setArray(1, c.createArrayOf("text", new String[] {ride, care, translator, taxiId}));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), db + " still holds a key of an erased request, volunteer or driver");
                }
            }
        }
    }

    static void assertNoneContains(List<String> texts, List<String> personal, String where) {
        for (String text : texts) {
            for (String p : personal) {
                assertFalse(
                        text.contains(p),
                        where + " in plain text (" + p + "): "
                                + text.substring(
                                        Math.max(0, text.indexOf(p) - 300),
                                        Math.min(text.length(), text.indexOf(p) + 300)));
            }
        }
    }

    /** Every row of every table of the four services' databases, as text. */
    static List<String> storedRows() throws Exception {
        List<String> rows = new ArrayList<>();
        for (String db : DATABASES) {
            try (Connection c = TestInfrastructure.connect(db)) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = c.createStatement()
                        .executeQuery("select table_name from information_schema.tables "
                                + "where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                assertTrue(tables.contains("event_store"), db + ": " + tables);
                for (String table : tables) {
                    try (ResultSet rs = c.createStatement().executeQuery("select t::text from \"" + table + "\" t")) {
                        while (rs.next()) {
                            rows.add(db + "." + table + ": " + rs.getString(1));
                        }
                    }
                }
            }
        }
        return rows;
    }

    /** Every record on the five topics, from the beginning: key, headers and value. */
    static List<String> publishedRecords() {
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(
                    Topics.REQUESTS,
                    Topics.INVENTORY,
                    Topics.DISPATCH,
                    Topics.VOLUNTEER,
                    PersonalDataKeyIssued.TOPIC)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertTrue(System.nanoTime() < deadline, "could not read the topics to their end within a minute");
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder text =
                            new StringBuilder(r.topic()).append(' ').append(r.key());
                    r.headers().forEach(h -> text.append(' ')
                            .append(h.key())
                            .append('=')
                            .append(new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
                    records.add(text.append(' ').append(r.value()).toString());
                }
            }
        }
        assertFalse(records.isEmpty());
        return records;
    }

    // ------------------------------------------------------------------ helpers

    static void assertNoOverlap(String what, List<Map<String, Object>> bookings) {
        for (int i = 0; i < bookings.size(); i++) {
            for (int j = i + 1; j < bookings.size(); j++) {
                Instant aFrom = instant(bookings.get(i).get("from"), Instant.MIN);
                Instant aTo = instant(bookings.get(i).get("to"), Instant.MAX);
                Instant bFrom = instant(bookings.get(j).get("from"), Instant.MIN);
                Instant bTo = instant(bookings.get(j).get("to"), Instant.MAX);
                assertFalse(aFrom.isBefore(bTo) && bFrom.isBefore(aTo), what + " has overlapping bookings " + bookings);
            }
        }
    }

    /** A booking without an end holds its vehicle until the trip ends. */
    static Instant instant(Object value, Instant open) {
        return value == null ? open : Instant.parse((String) value);
    }

    static Predicate<Object> notDeclinedBy(String volunteerId) {
        return a -> !volunteerId.equals(((Map<?, ?>) a).get("volunteerId"))
                && !"DECLINED".equals(((Map<?, ?>) a).get("status"));
    }

    String truck(String plate, int payloadKg, int volumeM3, String district) {
        return post(
                        dispatch,
                        freightDesk,
                        "/vehicles",
                        """
                {"carrierId":"%s","kind":"TRUCK","plate":"%s","payloadKg":%d,"volumeM3":%d,"seats":2,
                 "wheelchairAccessible":false,"homeDistrict":"%s","driverName":"师傅","driverPhone":"13700000000"}"""
                                .formatted(truckCarrier, plate, payloadKg, volumeM3, district))
                .path("id");
    }

    String taxi(String plate, boolean wheelchair) {
        return post(
                        dispatch,
                        taxiDesk,
                        "/vehicles",
                        """
                {"carrierId":"%s","kind":"TAXI","plate":"%s","payloadKg":300,"volumeM3":1,"seats":4,
                 "wheelchairAccessible":%s,"homeDistrict":"%s","driverName":"的哥","driverPhone":"13600000000"}"""
                                .formatted(taxiCarrier, plate, wheelchair, district))
                .path("id");
    }

    static void put(ServiceProcess service, String token, String path, String json) {
        Response r = given().baseUri(service.baseUri())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(json)
                .put(path);
        assertEquals(200, r.statusCode(), path + " → " + r.asString());
    }

    void donate(String item, int quantity) {
        post(
                inventory,
                DONOR,
                "/donations",
                """
                {"donorOrganisationId":"xian-chamber-of-commerce","warehouseId":"%s","valueYuan":1000,
                 "lines":[{"item":"%s","quantity":%d,"lotCode":"LOT-%s"}]}"""
                        .formatted(warehouse, item, quantity, UUID.randomUUID()));
    }

    String submitSupplies(String linesJson, String community) {
        return submit(
                """
                {"organisationId":"%s","kind":"SUPPLIES","priority":"HIGH","community":"%s-%s",
                 "district":"%s","address":"%s 东门","lines":%s,"note":"社区居民生活物资告急"}"""
                        .formatted(
                                organisation,
                                community,
                                UUID.randomUUID().toString().substring(0, 4),
                                district,
                                community,
                                linesJson));
    }

    /** Submits a help request of the story's partner; its end cancels it if it is still open. */
    String submit(String json) {
        String id = post(requests, partner, "/help-requests", json).path("id");
        submitted.add(id);
        return id;
    }

    Response request(String id) {
        return given().baseUri(requests.baseUri()).auth().oauth2(partner).get("/help-requests/" + id);
    }

    void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertEquals(
                        status,
                        request(id).jsonPath().getString("request.status"),
                        request(id).asString()));
    }

    void awaitTimeline(String id, String event) {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertTrue(
                        request(id).jsonPath().getList("timeline.event").contains(event),
                        request(id).asString()));
    }

    static List<Map<String, Object>> trips(String requestId, String token) {
        return given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(token)
                .queryParam("requestId", requestId)
                .get("/trips")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }

    static JsonPath onlyTrip(String requestId, String token) {
        List<Map<String, Object>> found =
                await().atMost(Duration.ofSeconds(60)).until(() -> trips(requestId, token), t -> !t.isEmpty());
        assertEquals(1, found.size(), found.toString());
        return trip((String) found.get(0).get("id"));
    }

    static JsonPath trip(String tripId) {
        return given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(OPS)
                .get("/trips/" + tripId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    void pickup(String tripId) {
        pickup(tripId, freightDesk);
    }

    static void pickup(String tripId, String token) {
        SystemApi.pickup(dispatch, token, tripId);
    }

    void deliver(String tripId, String proof) {
        given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(freightDesk)
                .contentType(ContentType.JSON)
                .body(proof)
                .post("/trips/" + tripId + "/delivery")
                .then()
                .statusCode(200);
    }

    static List<Map<String, Object>> calls(String requestId) {
        return given().baseUri(volunteer.baseUri())
                .auth()
                .oauth2(OPS)
                .queryParam("requestId", requestId)
                .get("/calls")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    static JsonPath callDetail(String callId) {
        return given().baseUri(volunteer.baseUri())
                .auth()
                .oauth2(OPS)
                .get("/calls/" + callId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static Map<String, Integer> stockOf(String item) {
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
        Map<String, Integer> total = new HashMap<>(Map.of("onHand", 0, "reserved", 0, "available", 0));
        for (Map<String, Object> row : rows) {
            for (String k : List.of("onHand", "reserved", "available")) {
                total.merge(k, ((Number) row.get(k)).intValue(), Integer::sum);
            }
        }
        return total;
    }
}
