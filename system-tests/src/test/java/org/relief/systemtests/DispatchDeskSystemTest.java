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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
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
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DispatchDeskSystemTest {
    static final Path OUT = TestInfrastructure.projectRoot().resolve("system-tests/target/desk");
    static final List<String> DATABASES = List.of("requests_desk", "inventory_desk", "dispatch_desk");

    static ServiceProcess requests;
    static ServiceProcess inventory;
    static ServiceProcess dispatch;
    static DeskBrowser first;
    static DeskBrowser second;

    static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static final String RICE = "rice-10kg-" + RUN;
    static final String FREIGHT = "xian-road-freight-association";
    static final String TAXIS = "xian-taxi-association";

    static final String OPS = TestTokens.token(null, "ops");
    static final String PARTNER = TestTokens.token("yanta-community", "partner");
    static final String DONOR = TestTokens.token("xian-chamber-of-commerce", "donor");
    static final Instant TOKENS_END = Instant.now().plus(2, ChronoUnit.HOURS);
    static final String FREIGHT_DESK = TestTokens.token(FREIGHT, "dispatcher", "dispatcher-wang", TOKENS_END);
    static final String FREIGHT_DESK_2 = TestTokens.token(FREIGHT, "dispatcher", "dispatcher-zhao", TOKENS_END);
    static final String TAXI_DESK = TestTokens.token(TAXIS, "dispatcher", "dispatcher-li", TOKENS_END);

    static String warehouse;
    static String truckA;
    static String truckB;
    static String plateA;
    static String plateB;
    static String taxiCarrier;
    static String request;
    static String trip;

    /** On a failure: each browser's screen, DOM and console, in system-tests/target/desk/. */
    @RegisterExtension
    static final TestWatcher KEEP_PAGES = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
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
        TestInfrastructure.ensureDatabases();
        createDatabases();
        ConsumerGroups.startAtTheEnd();
        requests = new ServiceProcess("requests-service", ServiceProcess.freshConfig("requests_desk")).start();
        inventory = new ServiceProcess("inventory-service", ServiceProcess.freshConfig("inventory_desk")).start();
        dispatch = new ServiceProcess("dispatch-service", ServiceProcess.freshConfig("dispatch_desk")).start();
        for (ServiceProcess p : new ServiceProcess[] {requests, inventory, dispatch}) {
            p.awaitReady(Duration.ofSeconds(120));
        }

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
                        .formatted(RICE));
        post(
                inventory,
                DONOR,
                "/donations",
                """
                {"donorOrganisationId":"xian-chamber-of-commerce","warehouseId":"%s","valueYuan":1000,
                 "lines":[{"item":"%s","quantity":2000,"lotCode":"LOT-%s"}]}"""
                        .formatted(warehouse, RICE, RUN));

        String truckCarrier = post(
                        dispatch,
                        FREIGHT_DESK,
                        "/carriers",
                        """
                {"name":"西安顺达货运有限公司","kind":"TRUCKING_COMPANY","association":"西安市道路货物运输协会","contactPhone":"029-88880000"}""")
                .path("id");
        // A: 5 t in the warehouse's district, the planner's choice for 2 t; B: 8 t across town, the desk's choice
        JsonPath a = post(dispatch, FREIGHT_DESK, "/vehicles", truck(truckCarrier, "陕A·D1001", 5000, 30, "雁塔区"))
                .jsonPath();
        JsonPath b = post(dispatch, FREIGHT_DESK, "/vehicles", truck(truckCarrier, "陕A·D1002", 8000, 45, "碑林区"))
                .jsonPath();
        truckA = a.getString("id");
        plateA = a.getString("plate");
        truckB = b.getString("id");
        plateB = b.getString("plate");
        taxiCarrier = post(
                        dispatch,
                        TAXI_DESK,
                        "/carriers",
                        """
                {"name":"西安出租汽车公司","kind":"TAXI_COMPANY","association":"西安市出租汽车协会","contactPhone":"029-86660000"}""")
                .path("id");
        // the taxi association's only taxi has no wheelchair place
        post(
                dispatch,
                TAXI_DESK,
                "/vehicles",
                """
                {"carrierId":"%s","kind":"TAXI","plate":"陕A·T2001","payloadKg":300,"volumeM3":1,"seats":4,
                 "wheelchairAccessible":false,"homeDistrict":"雁塔区","driverName":"的哥","driverPhone":"13600000000"}"""
                        .formatted(taxiCarrier));

        String desk = dispatch.baseUri() + "/desk/";
        first = DeskBrowser.open("first", desk);
        second = DeskBrowser.open("second", desk);
    }

    @AfterAll
    static void stop() throws Exception {
        for (DeskBrowser b : new DeskBrowser[] {first, second}) {
            if (b != null) {
                b.close();
            }
        }
        for (ServiceProcess p : new ServiceProcess[] {requests, inventory, dispatch}) {
            if (p != null) {
                p.close();
            }
        }
    }

    // ------------------------------------------------------------------ the desk

    @Test
    @Order(1)
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
        second.signIn(PARTNER);
        second.await("a partner is told whom the desk is for", d -> "This desk is for dispatchers and ops."
                .equals(second.text(test("signin-message"))));
        assertFalse(second.visible(test("board")));
        second.signIn(FREIGHT_DESK_2);
        second.awaitBoard();

        first.signIn(FREIGHT_DESK);
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
        // the page is never reloaded from here on: this mark would be gone
        first.js("window.deskNeverReloaded = true;");
    }

    @Test
    @Order(2)
    void aPartnersRequestAppearsOnTheBoardLiveWithoutAReload() {
        request = submitSupplies(200, "韦曲街道小区");
        trip = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> trips(request, FREIGHT_DESK),
                        t -> !t.isEmpty() && "SCHEDULED".equals(t.get(0).get("status")))
                .get(0)
                .get("id")
                .toString();
        // the planner takes the 5 t truck of the warehouse's district for 2 t
        assertEquals(truckA, tripJson(trip).getString("trip.vehicleId"));
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
    @Order(3)
    void theDeskReassignsTheTripToTheOtherTruckFromItsCandidates() {
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
    @Order(4)
    void aSecondDeskActingOnWhatItSawBeforeIsToldSomeoneElseChangedTheTrip() {
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
    @Order(5)
    void theDeliveryWithItsProofEndsTheTripAndTheRequestIsFulfilled() {
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
                .oauth2(PARTNER)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + request + "/receipt")
                .then()
                .statusCode(200);
        awaitStatus(request, "FULFILLED");
    }

    @Test
    @Order(6)
    void aVehicleGoesOffDutyAndBackFromTheDesk() {
        By duty = By.cssSelector("[data-test='vehicles'] tr[data-vehicle-id='" + truckA + "'] [data-action='duty']");
        By onDuty = By.cssSelector("[data-test='vehicles'] tr[data-vehicle-id='" + truckA + "'] [data-test='on-duty']");
        first.click(duty);
        first.awaitDialog("duty");
        first.type(By.id("duty-reason"), "例行保养");
        first.submitDialog();
        first.await("A is off duty", d -> first.text(onDuty).startsWith("No"));
        first.await("one vehicle on duty", d -> "1"
                .equals(first.text(By.cssSelector("[data-test='figure-vehiclesOnDuty'] dd"))));
        assertEquals(false, vehicle(truckA, FREIGHT_DESK).getBoolean("available"));
        first.click(duty);
        first.awaitDialog("duty");
        first.submitDialog();
        first.await("A is on duty again", d -> "Yes".equals(first.text(onDuty)));
        assertEquals(true, vehicle(truckA, FREIGHT_DESK).getBoolean("available"));
    }

    @Test
    @Order(7)
    void aWheelchairRideWaitsUntilTheTaxiDeskRegistersAnAccessibleTaxi() {
        second.click(test("sign-out"));
        second.awaitVisible(test("token-input"));
        second.signIn(TAXI_DESK);
        second.awaitBoard();

        Instant start = Instant.now().plus(10, ChronoUnit.MINUTES);
        String ride = post(
                        requests,
                        PARTNER,
                        "/help-requests",
                        """
                {"organisationId":"yanta-community","kind":"RIDE","priority":"HIGH","community":"锦业路小区","district":"雁塔区",
                 "ride":{"passengerName":"李同学","passengerPhone":"13800000001","pickupAddress":"锦业路小区3号楼",
                         "pickupDistrict":"雁塔区","dropoffAddress":"西安中学考点","dropoffDistrict":"碑林区",
                         "windowStart":"%s","windowEnd":"%s","accessibility":["WHEELCHAIR"]}}"""
                                .formatted(start, start.plus(1, ChronoUnit.HOURS)))
                .path("id");
        String rideTrip = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> trips(ride, TAXI_DESK),
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
        second.type(By.id("v-plate"), "陕A·T2002");
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
                "陕AT2002",
                second.text(By.cssSelector(
                        "[data-test='scheduled'] tr[data-trip-id='" + rideTrip + "'] [data-test='plate']")));
        assertFalse(second.present(row("rides-waiting", rideTrip)));
        JsonPath scheduled = given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(TAXI_DESK)
                .get("/trips/" + rideTrip)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("SCHEDULED", scheduled.getString("trip.status"));
        assertEquals("陕AT2002", scheduled.getString("trip.plate"));
        // the taxi desk carrying the ride sees its passenger now
        second.await("the passenger is shown to the carrying desk", d -> second.text(
                        By.cssSelector("[data-test='scheduled'] tr[data-trip-id='" + rideTrip + "'] td.load"))
                .contains("李同学"));
    }

    @Test
    @Order(8)
    void theDeskSpeaksChineseAndEnglishAndFitsANarrowScreen() throws Exception {
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
    @Order(9)
    void theDeskReconnectsWhenItsStreamEndsAndCatchesUpOnWhatChanged() throws Exception {
        By live = test("live");
        dispatch.kill();
        first.await("the desk says it is reconnecting", Duration.ofSeconds(15), d -> "reconnecting"
                .equals(first.driver.findElement(live).getAttribute("data-state")));
        dispatch.start();
        dispatch.awaitReady(Duration.ofSeconds(120));
        // retried with backoff (1, 2, 4, 8, 16 s): connected again within a retry or two of the restart
        first.await("the desk is live again", Duration.ofSeconds(40), d -> "live"
                .equals(first.driver.findElement(live).getAttribute("data-state")));
        // a change made after the restart reaches the board through the new stream
        given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(FREIGHT_DESK)
                .contentType(ContentType.JSON)
                .body("{\"available\":false,\"reason\":\"更换轮胎\"}")
                .post("/vehicles/" + truckB + "/availability")
                .then()
                .statusCode(200);
        first.await("B is off duty on the board", d -> first.text(By.cssSelector(
                        "[data-test='vehicles'] tr[data-vehicle-id='" + truckB + "'] [data-test='on-duty']"))
                .startsWith("No"));
        assertEquals(Boolean.TRUE, first.js("return window.deskNeverReloaded === true;"));
        assertEquals(List.of(), first.consoleErrors(), "the console shows no error");
    }

    // ------------------------------------------------------------------ helpers

    /** The test's own databases, made once (the role may create databases; the services clean them at start). */
    static void createDatabases() throws Exception {
        try (Connection c = DriverManager.getConnection(
                TestInfrastructure.jdbcUrl("requests_system"),
                TestInfrastructure.DB_USER,
                TestInfrastructure.DB_PASSWORD)) {
            for (String db : DATABASES) {
                try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                    ps.setString(1, db);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                c.createStatement().execute("create database " + db + " encoding 'UTF8' template template0");
            }
        }
    }

    static String truck(String carrier, String plate, int payloadKg, int volumeM3, String district) {
        return """
                {"carrierId":"%s","kind":"TRUCK","plate":"%s","payloadKg":%d,"volumeM3":%d,"seats":2,
                 "wheelchairAccessible":false,"homeDistrict":"%s","driverName":"王师傅","driverPhone":"13700000000"}"""
                .formatted(carrier, plate, payloadKg, volumeM3, district);
    }

    static String submitSupplies(int bags, String community) {
        return post(
                        requests,
                        PARTNER,
                        "/help-requests",
                        """
                {"organisationId":"yanta-community","kind":"SUPPLIES","priority":"HIGH","community":"%s-%s",
                 "district":"雁塔区","address":"%s 东门","lines":[{"item":"%s","quantity":%d,"unit":"bag"}],
                 "note":"小区居民家中断粮"}"""
                                .formatted(community, RUN, community, RICE, bags))
                .path("id");
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

    static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Response r =
                    given().baseUri(requests.baseUri()).auth().oauth2(PARTNER).get("/help-requests/" + id);
            assertEquals(status, r.jsonPath().getString("request.status"), r.asString());
        });
    }
}
