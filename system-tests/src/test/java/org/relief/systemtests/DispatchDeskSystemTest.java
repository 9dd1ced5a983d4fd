package org.relief.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relief.systemtests.DeskBrowser.action;
import static org.relief.systemtests.DeskBrowser.row;
import static org.relief.systemtests.DeskBrowser.test;
import static org.relief.systemtests.SystemApi.post;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.relief.kernel.testing.TestInfrastructure;
import org.relief.kernel.testing.TestTokens;

/**
 * The dispatch desk (issue 14) in real browsers against the packaged requests, inventory and dispatch services: two
 * dispatchers of the road-freight association sign in by pasting their tokens, a partner's request shows up on their
 * boards live, one re-assigns the trip to the other truck, a second desk acting on what it saw before is told of the
 * conflict (412), the delivery with its proof ends the saga, the taxi association's desk registers the accessible taxi
 * a waiting wheelchair ride needs, and the page speaks Chinese and English. The screenshots of docs/dispatch-desk.md
 * are taken here (system-tests/target/desk/desk-zh.png and desk-en.png).
 * <p>
 * The services start once for the class; each story brings its own world (issue 9: no order between the stories):
 * its own partner, associations (a desk shows its own association's vehicles and their trips), stock, trucks and taxi
 * (the only vehicles on duty), and two fresh browsers. So each runs alone and in any order.
 */
class DispatchDeskSystemTest {
    static final Path OUT = TestInfrastructure.projectRoot().resolve("system-tests/target/desk");

    static ServiceProcess requests;
    static ServiceProcess inventory;
    static ServiceProcess dispatch;
    // the story's two browsers, opened for it and closed after it (static: for the failure dump)
    static DeskBrowser first;
    static DeskBrowser second;

    static final String OPS = TestTokens.token(null, "ops");
    static final String DONOR = TestTokens.token("xian-chamber-of-commerce", "donor");
    static final Instant TOKENS_END = Instant.now().plus(2, ChronoUnit.HOURS);

    // ------------------------------------------------------------------ the story's own world

    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final String rice = "rice-10kg-" + tag;
    final String organisation = "yanta-community-" + tag;
    final String partner = TestTokens.token(organisation, "partner");
    final String freight = "xian-road-freight-association-" + tag;
    final String taxis = "xian-taxi-association-" + tag;
    final String freightDesk = TestTokens.token(freight, "dispatcher", "dispatcher-wang", TOKENS_END);
    final String freightDesk2 = TestTokens.token(freight, "dispatcher", "dispatcher-zhao", TOKENS_END);
    final String taxiDesk = TestTokens.token(taxis, "dispatcher", "dispatcher-li", TOKENS_END);

    String warehouse;
    String truckA;
    String truckB;
    String plateA;
    String plateB;
    String taxiCarrier;
    /** the story's requests, cancelled at its end if still open */
    final List<String> submitted = new ArrayList<>();

    /** On a failure: each browser's screen, DOM and console, in system-tests/target/desk/, before they close. */
    @RegisterExtension
    static final AfterTestExecutionCallback KEEP_PAGES = context -> {
        if (context.getExecutionException().isPresent()) {
            String label = "failed-" + context.getRequiredTestMethod().getName();
            for (DeskBrowser b : new DeskBrowser[] {first, second}) {
                if (b != null) {
                    b.dump(OUT, label);
                }
            }
        }
    };

    @BeforeAll
    static void start() throws Exception {
        // requests_desk, inventory_desk and dispatch_desk are among the test databases it makes (with the checkout's
        // suffix, as the services' URLs name them)
        TestInfrastructure.ensureDatabases();
        ConsumerGroups.startAtTheEnd();
        requests = new ServiceProcess("requests-service", ServiceProcess.freshConfig("requests_desk")).start();
        inventory = new ServiceProcess("inventory-service", ServiceProcess.freshConfig("inventory_desk")).start();
        dispatch = new ServiceProcess("dispatch-service", ServiceProcess.freshConfig("dispatch_desk")).start();
        for (ServiceProcess p : new ServiceProcess[] {requests, inventory, dispatch}) {
            p.awaitReady(Duration.ofSeconds(120));
        }
    }

    /**
     * What the class's set-up once made for all stories, made for this one: rice in a warehouse, the road-freight
     * association's trucks A and B, the taxi association's one taxi (no wheelchair place), the only vehicles on duty,
     * and two browsers on the desk, signed out.
     */
    @BeforeEach
    void ownWorld() throws Exception {
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
                {"code":"%s","nameZh":"大米 10kg","nameEn":"rice, 10 kg bag","category":"FOOD","unit":"bag",
                 "unitWeightKg":10,"unitVolumeM3":0.015,"perishable":false}"""
                        .formatted(rice));
        post(
                inventory,
                DONOR,
                "/donations",
                """
                {"donorOrganisationId":"xian-chamber-of-commerce","warehouseId":"%s","valueYuan":1000,
                 "lines":[{"item":"%s","quantity":2000,"lotCode":"LOT-%s"}]}"""
                        .formatted(warehouse, rice, tag));

        String truckCarrier = post(
                        dispatch,
                        freightDesk,
                        "/carriers",
                        """
                {"name":"西安顺达货运有限公司","kind":"TRUCKING_COMPANY","association":"西安市道路货物运输协会","contactPhone":"029-88880000"}""")
                .path("id");
        // A: 5 t in the warehouse's district, the planner's choice for 2 t; B: 8 t across town, the desk's choice
        JsonPath a = post(
                        dispatch, freightDesk, "/vehicles", truck(truckCarrier, Isolation.plate('D'), 5000, 30, "雁塔区"))
                .jsonPath();
        JsonPath b = post(
                        dispatch, freightDesk, "/vehicles", truck(truckCarrier, Isolation.plate('D'), 8000, 45, "碑林区"))
                .jsonPath();
        truckA = a.getString("id");
        plateA = a.getString("plate");
        truckB = b.getString("id");
        plateB = b.getString("plate");
        taxiCarrier = post(
                        dispatch,
                        taxiDesk,
                        "/carriers",
                        """
                {"name":"西安出租汽车公司","kind":"TAXI_COMPANY","association":"西安市出租汽车协会","contactPhone":"029-86660000"}""")
                .path("id");
        // the taxi association's only taxi has no wheelchair place
        String taxi = post(
                        dispatch,
                        taxiDesk,
                        "/vehicles",
                        """
                {"carrierId":"%s","kind":"TAXI","plate":"%s","payloadKg":300,"volumeM3":1,"seats":4,
                 "wheelchairAccessible":false,"homeDistrict":"雁塔区","driverName":"的哥","driverPhone":"13600000000"}"""
                                .formatted(taxiCarrier, Isolation.plate('T')))
                .path("id");
        Isolation.onlyOnDuty(dispatch, OPS, List.of(truckA, truckB, taxi));

        // fresh browsers: signed out, English, an empty console and a page never reloaded
        String desk = dispatch.baseUri() + "/desk/";
        first = DeskBrowser.open("first", desk);
        second = DeskBrowser.open("second", desk);
    }

    /** A request still open would leave its queued trip on every desk's board and take the next story's vehicles. */
    @AfterEach
    void settle() throws Exception {
        try {
            for (DeskBrowser b : new DeskBrowser[] {first, second}) {
                if (b != null) {
                    b.close();
                }
            }
        } finally {
            first = null;
            second = null;
            Isolation.settle(requests, dispatch, partner, OPS, submitted);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        ServiceProcess.closeAll(requests, inventory, dispatch);
    }

    // ------------------------------------------------------------------ the desk

    @Test
    void dispatchersSignInByPastingTheirTokenAndOthersAreToldWhy() {
        Response page = given().baseUri(dispatch.baseUri()).get("/desk/");
        assertEquals(200, page.statusCode());
        assertTrue(
                page.header("Content-Security-Policy").contains("default-src 'self'"),
                page.header("Content-Security-Policy"));
        for (String file : List.of("/desk/desk.js", "/desk/desk.css")) {
            assertEquals(200, given().baseUri(dispatch.baseUri()).get(file).statusCode(), file);
        }

        second.signIn("not-a-token");
        second.await(
                "a refused token is sent back to the sign-in",
                d -> "The token was refused or has expired: sign in again."
                        .equals(second.text(test("signin-message"))));
        second.signIn(partner);
        second.await("a partner is told whom the desk is for", d -> "This desk is for dispatchers and ops."
                .equals(second.text(test("signin-message"))));
        assertFalse(second.visible(test("board")));
        second.signIn(freightDesk2);
        second.awaitBoard();

        first.signIn(freightDesk);
        first.awaitBoard();
        assertEquals("Waiting for a vehicle (0)", first.text(By.cssSelector("[data-test='waiting'] caption")));
        assertEquals("0", first.text(By.cssSelector("[data-test='figure-tripsToday'] dd")));
        assertEquals("2", first.text(By.cssSelector("[data-test='figure-vehiclesOnDuty'] dd")));
        assertTrue(first.text(test("zone")).contains("Asia/Shanghai"), first.text(test("zone")));
        // the desk's own vehicles, and no other association's
        first.awaitVisible(By.cssSelector("[data-test='vehicles'] tr[data-vehicle-id='" + truckA + "']"));
        first.awaitVisible(By.cssSelector("[data-test='vehicles'] tr[data-vehicle-id='" + truckB + "']"));
        assertEquals(
                2,
                first.driver
                        .findElements(By.cssSelector("[data-test='vehicles'] tbody tr[data-vehicle-id]"))
                        .size());
    }

    @Test
    void aPartnersRequestAppearsOnTheBoardLiveWithoutAReload() {
        signIn(second, freightDesk2);
        signIn(first, freightDesk);
        neverReloaded(first);
        assertEquals("0", first.text(By.cssSelector("[data-test='figure-tripsToday'] dd")));
        String trip = plannedOnA();
        first.await(
                "the trip appears on the board without a reload",
                Duration.ofSeconds(10),
                d -> first.visible(row("scheduled", trip)));
        assertEquals(
                plateA,
                first.text(
                        By.cssSelector("[data-test='scheduled'] tr[data-trip-id='" + trip + "'] [data-test='plate']")));
        first.await("the figures follow", d -> "1"
                .equals(first.text(By.cssSelector("[data-test='figure-tripsToday'] dd"))));
        second.await(
                "the second desk sees it too", Duration.ofSeconds(10), d -> second.visible(row("scheduled", trip)));
        assertEquals(Boolean.TRUE, first.js("return window.deskNeverReloaded === true;"));
    }

    @Test
    void theDeskReassignsTheTripToTheOtherTruckFromItsCandidates() {
        String trip = plannedOnA();
        signIn(first, freightDesk);
        first.awaitVisible(row("scheduled", trip));
        // the dialog is keyboard-usable: Esc closes it and gives the focus back to the button that opened it
        first.click(action("scheduled", trip, "assign"));
        first.awaitDialog("assign");
        first.pressEscape();
        first.await("Esc closes the dialog", d -> !first.dialogOpen());
        first.await("the focus is back on the assign button", d -> "assign"
                .equals(first.driver.switchTo().activeElement().getAttribute("data-action")));

        first.click(action("scheduled", trip, "assign"));
        first.awaitDialog("assign");
        By candidateB = By.cssSelector("[data-test='candidate'][data-vehicle-id='" + truckB + "']");
        first.awaitVisible(candidateB);
        assertEquals(
                plateB,
                first.text(By.cssSelector(
                        "[data-test='candidate'][data-vehicle-id='" + truckB + "'] [data-test='candidate-plate']")));
        List<String> why = first
                .driver
                .findElements(By.cssSelector(
                        "[data-test='candidate'][data-vehicle-id='" + truckB + "'] [data-test='explanation'] li"))
                .stream()
                .map(e -> e.getText().strip())
                .toList();
        assertFalse(why.isEmpty() || why.stream().anyMatch(String::isEmpty), "B is explained: " + why);
        // the suggestion is marked and chosen beforehand
        assertEquals(
                1,
                first.driver
                        .findElements(By.cssSelector("[data-test='candidate'] [data-test='suggested']"))
                        .size());
        assertTrue(first.driver
                .findElement(By.cssSelector("[data-test='candidate'].suggested input[name='vehicle']"))
                .isSelected());

        first.click(By.cssSelector("[data-test='candidate'][data-vehicle-id='" + truckB + "'] input[name='vehicle']"));
        first.type(By.id("assign-reason"), "改派大车，顺路碑林区");
        first.submitDialog();
        first.await(
                "the row shows B's plate",
                d -> plateB.equals(first.text(By.cssSelector(
                        "[data-test='scheduled'] tr[data-trip-id='" + trip + "'] [data-test='plate']"))));
        assertEquals(truckB, tripJson(trip).getString("trip.vehicleId"));
    }

    @Test
    void aSecondDeskActingOnWhatItSawBeforeIsToldSomeoneElseChangedTheTrip() {
        String trip = plannedOnA();
        signIn(first, freightDesk);
        signIn(second, freightDesk2);
        second.awaitVisible(row("scheduled", trip));
        // the desk moves the trip to B (as it does from its candidates)
        given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(freightDesk)
                .contentType(ContentType.JSON)
                .body("{\"vehicleId\":\"%s\",\"reason\":\"改派大车，顺路碑林区\"}".formatted(truckB))
                .post("/trips/" + trip + "/assignment")
                .then()
                .statusCode(200);
        // the second desk has the re-assigned trip on its board, and opens its pickup dialog
        second.await(
                "the second desk follows the re-assignment live",
                d -> plateB.equals(second.text(By.cssSelector(
                        "[data-test='scheduled'] tr[data-trip-id='" + trip + "'] [data-test='plate']"))));
        second.click(action("scheduled", trip, "pickup"));
        second.awaitDialog("pickup");

        // meanwhile the first desk records the pickup
        first.click(action("scheduled", trip, "pickup"));
        first.awaitDialog("pickup");
        first.submitDialog();
        first.awaitVisible(row("picked-up", trip));
        assertEquals("PICKED_UP", tripJson(trip).getString("trip.status"));

        // the second desk's form still holds the trip as it saw it: refused, said so, and its board reloaded
        second.click(test("dialog-submit"));
        second.await("the conflict is shown", d -> second.visible(test("conflict")));
        assertEquals("Someone else changed this trip; the board was reloaded.", second.text(test("conflict")));
        second.await("the second board was reloaded", d -> second.visible(row("picked-up", trip)));
        second.pressEscape();
        second.await("Esc closes the dialog", d -> !second.dialogOpen());
        // one pickup only
        long pickups = tripJson(trip).getList("timeline.event").stream()
                .filter("PickedUp"::equals)
                .count();
        assertEquals(1, pickups, tripJson(trip).prettify());
    }

    @Test
    void theDeliveryWithItsProofEndsTheTripAndTheRequestIsFulfilled() {
        String trip = plannedOnA();
        String request = tripJson(trip).getString("trip.requestId");
        SystemApi.pickup(dispatch, freightDesk, trip);
        signIn(first, freightDesk);
        first.awaitVisible(row("picked-up", trip));
        first.click(action("picked-up", trip, "deliver"));
        first.awaitDialog("deliver");
        first.type(By.id("received-by"), "韦曲街道 李主任");
        assertEquals("200", first.awaitVisible(test("accepted")).getAttribute("value"), "accepted = loaded");
        first.submitDialog();
        first.await("the trip moves to delivered today", d -> first.visible(row("ended", trip)));
        assertFalse(first.present(row("picked-up", trip)));
        first.await("two tonnes moved today", d -> "2"
                .equals(first.text(By.cssSelector("[data-test='figure-tonnesMovedToday'] dd"))));

        JsonPath delivered = tripJson(trip);
        assertEquals("DELIVERED", delivered.getString("trip.status"));
        assertTrue(delivered.prettify().contains("韦曲街道 李主任"), delivered.prettify());
        awaitStatus(request, "DELIVERED");
        // the partner confirms what the proof of delivery says
        given().baseUri(requests.baseUri())
                .auth()
                .oauth2(partner)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + request + "/receipt")
                .then()
                .statusCode(200);
        awaitStatus(request, "FULFILLED");
    }

    @Test
    void aVehicleGoesOffDutyAndBackFromTheDesk() {
        signIn(first, freightDesk);
        By duty = By.cssSelector("[data-test='vehicles'] tr[data-vehicle-id='" + truckA + "'] [data-action='duty']");
        By onDuty = By.cssSelector("[data-test='vehicles'] tr[data-vehicle-id='" + truckA + "'] [data-test='on-duty']");
        first.click(duty);
        first.awaitDialog("duty");
        first.type(By.id("duty-reason"), "例行保养");
        first.submitDialog();
        first.await("A is off duty", d -> first.text(onDuty).startsWith("No"));
        first.await("one vehicle on duty", d -> "1"
                .equals(first.text(By.cssSelector("[data-test='figure-vehiclesOnDuty'] dd"))));
        assertEquals(false, vehicle(truckA, freightDesk).getBoolean("available"));
        first.click(duty);
        first.awaitDialog("duty");
        first.submitDialog();
        first.await("A is on duty again", d -> "Yes".equals(first.text(onDuty)));
        assertEquals(true, vehicle(truckA, freightDesk).getBoolean("available"));
    }

    @Test
    void aWheelchairRideWaitsUntilTheTaxiDeskRegistersAnAccessibleTaxi() {
        signIn(second, freightDesk2);
        second.click(test("sign-out"));
        second.awaitVisible(test("token-input"));
        second.signIn(taxiDesk);
        second.awaitBoard();

        Instant start = Instant.now().plus(10, ChronoUnit.MINUTES);
        String ride = submit(
                """
                {"organisationId":"%s","kind":"RIDE","priority":"HIGH","community":"锦业路小区","district":"雁塔区",
                 "ride":{"passengerName":"李同学","passengerPhone":"13800000001","pickupAddress":"锦业路小区3号楼",
                         "pickupDistrict":"雁塔区","dropoffAddress":"西安中学考点","dropoffDistrict":"碑林区",
                         "windowStart":"%s","windowEnd":"%s","accessibility":["WHEELCHAIR"]}}"""
                        .formatted(organisation, start, start.plus(1, ChronoUnit.HOURS)));
        String rideTrip = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> trips(ride, taxiDesk),
                        t -> !t.isEmpty() && "QUEUED".equals(t.get(0).get("status")))
                .get(0)
                .get("id")
                .toString();
        second.await(
                "the ride waits for a taxi on the taxi desk",
                Duration.ofSeconds(10),
                d -> second.visible(row("rides-waiting", rideTrip)));
        String rideRow = "[data-test='rides-waiting'] tr[data-trip-id='" + rideTrip + "'] ";
        String wheelchair = second.text(By.cssSelector(rideRow + "[data-test='wheelchair']"));
        assertTrue(wheelchair.contains("♿") && wheelchair.contains("Wheelchair"), wheelchair);
        String reason = second.text(By.cssSelector(rideRow + "[data-test='queue-reason']"));
        assertFalse(reason.isBlank() || reason.equals("—"), "the queue's reason is shown: " + reason);

        second.click(test("register-vehicle"));
        second.awaitDialog("register");
        second.awaitVisible(By.id("v-plate"));
        assertEquals(taxiCarrier, second.driver.findElement(By.id("v-carrier")).getAttribute("value"));
        assertEquals("TAXI", second.driver.findElement(By.id("v-kind")).getAttribute("value"));
        String plate = Isolation.plate('T');
        second.type(By.id("v-plate"), plate);
        second.type(By.id("v-district"), "雁塔区");
        second.type(By.id("v-payload"), "300");
        second.type(By.id("v-volume"), "1.5");
        second.type(By.id("v-seats"), "4");
        second.click(By.id("v-wheelchair"));
        second.type(By.id("v-driver"), "张师傅");
        second.type(By.id("v-phone"), "13700000002");
        second.submitDialog();

        // the queue books the new taxi for the ride; the board follows on its own
        second.await(
                "the ride is scheduled on the new taxi",
                Duration.ofSeconds(30),
                d -> second.visible(row("scheduled", rideTrip)));
        assertEquals(
                Isolation.shown(plate),
                second.text(By.cssSelector(
                        "[data-test='scheduled'] tr[data-trip-id='" + rideTrip + "'] [data-test='plate']")));
        assertFalse(second.present(row("rides-waiting", rideTrip)));
        JsonPath scheduled = given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(taxiDesk)
                .get("/trips/" + rideTrip)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("SCHEDULED", scheduled.getString("trip.status"));
        assertEquals(Isolation.shown(plate), scheduled.getString("trip.plate"));
        // the taxi desk carrying the ride sees its passenger now
        second.await("the passenger is shown to the carrying desk", d -> second.text(
                        By.cssSelector("[data-test='scheduled'] tr[data-trip-id='" + rideTrip + "'] td.load"))
                .contains("李同学"));
    }

    @Test
    void theDeskSpeaksChineseAndEnglishAndFitsANarrowScreen() throws Exception {
        signIn(first, freightDesk);
        signIn(second, taxiDesk);
        neverReloaded(first);
        // more on the board for the pictures: 3 t and 9 t for the two trucks (5 t, 8 t): one part has to wait
        String small = submitSupplies(300, "电子城小区");
        String large = submitSupplies(900, "丈八街道小区");
        String queued = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> {
                            List<Map<String, Object>> all = new java.util.ArrayList<>(trips(small, OPS));
                            all.addAll(trips(large, OPS));
                            return all.stream()
                                    .filter(x -> "QUEUED".equals(x.get("status")))
                                    .map(x -> x.get("id").toString())
                                    .findFirst()
                                    .orElse(null);
                        },
                        java.util.Objects::nonNull);
        first.await("the waiting part shows", d -> first.visible(row("waiting", queued)));

        first.setLanguage("zh");
        first.await("the labels are Chinese", d -> first.text(By.cssSelector("[data-test='waiting'] caption"))
                .startsWith("等待派车"));
        assertEquals("今日行程", first.text(By.cssSelector("[data-test='figure-tripsToday'] dt")));
        assertEquals("退出", first.text(test("sign-out")));
        assertEquals("zh-CN", first.js("return document.documentElement.lang;"));
        first.picture(OUT.resolve("desk-zh.png"));
        // the choice is kept for the next visit
        assertEquals("zh", first.js("return localStorage.getItem('relief.desk.lang');"));
        // and the service answers in it (Accept-Language: zh-CN): a plate registered already is refused in Chinese
        first.click(test("register-vehicle"));
        first.awaitDialog("register");
        first.type(By.id("v-plate"), plateA);
        first.type(By.id("v-district"), "雁塔区");
        first.type(By.id("v-payload"), "5000");
        first.type(By.id("v-volume"), "30");
        first.type(By.id("v-seats"), "2");
        first.click(test("dialog-submit"));
        String refused = first.await(
                "the refusal is shown",
                d -> first.visible(test("dialog-error")) ? first.text(test("dialog-error")) : null);
        assertTrue(refused.matches("(?s).*\\p{IsHan}.*"), "a Chinese problem detail: " + refused);
        first.pressEscape();
        first.await("Esc closes the dialog", d -> !first.dialogOpen());

        first.setLanguage("en");
        first.await("the labels are English", d -> first.text(By.cssSelector("[data-test='waiting'] caption"))
                .startsWith("Waiting for a vehicle"));
        assertEquals("Trips today", first.text(By.cssSelector("[data-test='figure-tripsToday'] dt")));
        first.picture(OUT.resolve("desk-en.png"));

        // 768 px: one column, and nothing wider than the screen (tables scroll in their own box)
        first.resize(768, 900);
        first.await(
                "no sideways scrolling of the page",
                d -> ((Number) first.js("return document.documentElement.scrollWidth - window.innerWidth;")).intValue()
                        <= 0);
        assertTrue(
                (Boolean) first.js("const m = document.querySelector('.col-main').getBoundingClientRect();"
                        + " const s = document.querySelector('.col-side').getBoundingClientRect();"
                        + " return s.top >= m.bottom;"),
                "the side column goes below the main one");
        first.picture(OUT.resolve("desk-en-768.png"));
        first.resize(1280, 900);

        assertEquals(Boolean.TRUE, first.js("return window.deskNeverReloaded === true;"));
        for (DeskBrowser b : new DeskBrowser[] {first, second}) {
            assertEquals(List.of(), b.consoleErrors(), b.name + ": the console shows no error (CSP, script)");
        }
    }

    @Test
    void theDeskReconnectsWhenItsStreamEndsAndCatchesUpOnWhatChanged() throws Exception {
        signIn(first, freightDesk);
        neverReloaded(first);
        By live = test("live");
        dispatch.kill();
        try {
            first.await("the desk says it is reconnecting", Duration.ofSeconds(15), d -> "reconnecting"
                    .equals(first.driver.findElement(live).getAttribute("data-state")));
        } finally {
            // up again whatever happened: the other stories need dispatch
            dispatch.start();
            dispatch.awaitReady(Duration.ofSeconds(120));
        }
        // retried with backoff (1, 2, 4, 8, 16 s): connected again within a retry or two of the restart
        first.await("the desk is live again", Duration.ofSeconds(40), d -> "live"
                .equals(first.driver.findElement(live).getAttribute("data-state")));
        // a change made after the restart reaches the board through the new stream
        SystemApi.offDuty(dispatch, freightDesk, truckB, "更换轮胎");
        first.await("B is off duty on the board", d -> first.text(By.cssSelector(
                        "[data-test='vehicles'] tr[data-vehicle-id='" + truckB + "'] [data-test='on-duty']"))
                .startsWith("No"));
        assertEquals(Boolean.TRUE, first.js("return window.deskNeverReloaded === true;"));
        assertEquals(List.of(), first.consoleErrors(), "the console shows no error");
    }

    // ------------------------------------------------------------------ helpers

    static String truck(String carrier, String plate, int payloadKg, int volumeM3, String district) {
        return """
                {"carrierId":"%s","kind":"TRUCK","plate":"%s","payloadKg":%d,"volumeM3":%d,"seats":2,
                 "wheelchairAccessible":false,"homeDistrict":"%s","driverName":"王师傅","driverPhone":"13700000000"}"""
                .formatted(carrier, plate, payloadKg, volumeM3, district);
    }

    /** Signs the browser in to its board, live. */
    static void signIn(DeskBrowser browser, String token) {
        browser.signIn(token);
        browser.awaitBoard();
    }

    /** The page is never reloaded from here on: this mark would be gone. */
    static void neverReloaded(DeskBrowser browser) {
        browser.js("window.deskNeverReloaded = true;");
    }

    /** A partner's 200 bags (2 t): the planner takes the 5 t truck A of the warehouse's district. Its trip's id. */
    String plannedOnA() {
        String request = submitSupplies(200, "韦曲街道小区");
        String trip = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> trips(request, freightDesk),
                        t -> !t.isEmpty() && "SCHEDULED".equals(t.get(0).get("status")))
                .get(0)
                .get("id")
                .toString();
        assertEquals(truckA, tripJson(trip).getString("trip.vehicleId"));
        return trip;
    }

    String submitSupplies(int bags, String community) {
        return submit(
                """
                {"organisationId":"%s","kind":"SUPPLIES","priority":"HIGH","community":"%s-%s",
                 "district":"雁塔区","address":"%s 东门","lines":[{"item":"%s","quantity":%d,"unit":"bag"}],
                 "note":"小区居民家中断粮"}"""
                        .formatted(organisation, community, tag, community, rice, bags));
    }

    /** Submits a help request of the story's partner; its end cancels it if it is still open. */
    String submit(String json) {
        String id = post(requests, partner, "/help-requests", json).path("id");
        submitted.add(id);
        return id;
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

    static JsonPath tripJson(String id) {
        return given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(OPS)
                .get("/trips/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static JsonPath vehicle(String id, String token) {
        return given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(token)
                .get("/vehicles/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Response r =
                    given().baseUri(requests.baseUri()).auth().oauth2(partner).get("/help-requests/" + id);
            assertEquals(status, r.jsonPath().getString("request.status"), r.asString());
        });
    }
}
