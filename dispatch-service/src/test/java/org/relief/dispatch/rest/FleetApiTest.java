package org.relief.dispatch.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.dispatch.Fixtures;

/**
 * Carriers and vehicles through the REST API against the real database: Chinese text round-trips, plates are
 * normalised and unique, the filters, availability and windows, and field-level 400s.
 */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class FleetApiTest {
    static final String PROBLEM = "application/problem+json";

    @Test
    void carrierAndVehiclesRoundTripChineseText() {
        String org = "fleet-org-" + Fixtures.suffix();
        String carrier = Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "西安顺达货运有限公司",
                        "kind",
                        "TRUCKING_COMPANY",
                        "association",
                        "西安市道路货物运输协会",
                        "contactPhone",
                        "029-88886666"))
                .post("/carriers")
                .then()
                .statusCode(201)
                .header("Location", containsString("/carriers/"))
                .body("organisationId", equalTo(org))
                .body("name", equalTo("西安顺达货运有限公司"))
                .body("association", equalTo("西安市道路货物运输协会"))
                .extract()
                .path("id");
        Fixtures.as(org, "dispatcher")
                .get("/carriers/" + carrier)
                .then()
                .statusCode(200)
                .body("name", equalTo("西安顺达货运有限公司"))
                .body("kind", equalTo("TRUCKING_COMPANY"));
        Fixtures.as(org, "dispatcher").get("/carriers").then().statusCode(200).body("id", contains(carrier));

        String raw = Fixtures.plate();
        String id = Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Fixtures.vehicle(carrier, "TRUCK", raw.toLowerCase().replace("·", " · "), "雁塔区"))
                .post("/vehicles")
                .then()
                .statusCode(201)
                .body("plate", equalTo(raw.replace("·", "")))
                .body("homeDistrict", equalTo("雁塔区"))
                .body("driverName", equalTo("王师傅"))
                .body("organisationId", equalTo(org))
                .body("available", equalTo(true))
                .body("windows", empty())
                .extract()
                .path("id");
        Fixtures.as(org, "dispatcher")
                .get("/vehicles/" + id)
                .then()
                .statusCode(200)
                .body("plate", equalTo(raw.replace("·", "")))
                .body("payloadKg", equalTo(8000))
                .body("carrierId", equalTo(carrier));
    }

    @Test
    void aPlateIsRegisteredOnceHoweverItIsWritten() {
        String org = "fleet-org-" + Fixtures.suffix();
        String carrier = Fixtures.carrier(org, "长安出租车公司");
        String plate = Fixtures.plate();
        Fixtures.registerVehicle(org, Fixtures.vehicle(carrier, "TAXI", plate, "长安区"));
        Fixtures.as(org, "dispatcher")
                .header("Accept-Language", "zh")
                .contentType(ContentType.JSON)
                .body(Fixtures.vehicle(carrier, "TAXI", plate.replace("·", ""), "长安区"))
                .post("/vehicles")
                .then()
                .statusCode(409)
                .contentType(startsWith(PROBLEM))
                .body("detail", containsString("已登记"));
        // another organisation cannot take it either
        String other = "fleet-org-" + Fixtures.suffix();
        String otherCarrier = Fixtures.carrier(other, "另一家公司");
        Fixtures.as(other, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Fixtures.vehicle(otherCarrier, "TRUCK", plate.replace("·", " "), "未央区"))
                .post("/vehicles")
                .then()
                .statusCode(409);
    }

    /**
     * Concurrent registrations of one plate can all pass the service's check before any commits: the unique index on
     * the read model, in the appending transaction, lets exactly one through and turns the others into 409s, not 500s.
     */
    @Test
    void concurrentRegistrationsOfOnePlateGiveOneVehicle() throws Exception {
        String org = "fleet-org-" + Fixtures.suffix();
        String carrier = Fixtures.carrier(org, "并发公司");
        String plate = Fixtures.plate();
        int n = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        var start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                var body = Fixtures.vehicle(carrier, "TRUCK", plate, "雁塔区");
                results.add(pool.submit(() -> {
                    start.await();
                    return Fixtures.as(org, "dispatcher")
                            .contentType(ContentType.JSON)
                            .body(body)
                            .post("/vehicles")
                            .statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : results) {
                statuses.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(n - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        Fixtures.as(org, "dispatcher").get("/vehicles").then().body("size()", equalTo(1));
    }

    @Test
    void vehiclesAreFilteredByKindDistrictAvailabilityAndCarrier() {
        String org = "fleet-org-" + Fixtures.suffix();
        String trucks = Fixtures.carrier(org, "货运公司");
        String taxis = Fixtures.carrier(org, "出租车公司");
        String truck = Fixtures.registerVehicle(org, Fixtures.vehicle(trucks, "TRUCK", Fixtures.plate(), "雁塔区"));
        String van = Fixtures.registerVehicle(org, Fixtures.vehicle(trucks, "VAN", Fixtures.plate(), "未央区"));
        String taxi = Fixtures.registerVehicle(org, Fixtures.vehicle(taxis, "TAXI", Fixtures.plate(), "雁塔区"));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("available", false, "reason", "司机休息"))
                .post("/vehicles/" + van + "/availability")
                .then()
                .statusCode(200)
                .body("available", equalTo(false))
                .body("availabilityReason", equalTo("司机休息"));

        Fixtures.as(org, "dispatcher")
                .get("/vehicles")
                .then()
                .statusCode(200)
                .body("id", containsInAnyOrder(truck, van, taxi));
        Fixtures.as(org, "dispatcher")
                .queryParam("kind", "TAXI")
                .get("/vehicles")
                .then()
                .body("id", contains(taxi));
        Fixtures.as(org, "dispatcher")
                .queryParam("district", "雁塔区")
                .get("/vehicles")
                .then()
                .body("id", containsInAnyOrder(truck, taxi));
        Fixtures.as(org, "dispatcher")
                .queryParam("available", "false")
                .get("/vehicles")
                .then()
                .body("id", contains(van));
        Fixtures.as(org, "dispatcher")
                .queryParam("available", "true")
                .queryParam("carrierId", trucks)
                .get("/vehicles")
                .then()
                .body("id", contains(truck));
        Fixtures.as(org, "dispatcher")
                .queryParam("kind", "BICYCLE")
                .get("/vehicles")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM));
        Fixtures.as(org, "dispatcher")
                .queryParam("available", "maybe")
                .get("/vehicles")
                .then()
                .statusCode(400);
    }

    @Test
    void availabilityTogglesAndTheSameStateTwiceIs409() {
        String org = "fleet-org-" + Fixtures.suffix();
        String v = Fixtures.registerVehicle(
                org, Fixtures.vehicle(Fixtures.carrier(org, "公司"), "VAN", Fixtures.plate(), "碑林区"));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("available", true))
                .post("/vehicles/" + v + "/availability")
                .then()
                .statusCode(409)
                .contentType(startsWith(PROBLEM));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("available", false, "reason", "发动机故障"))
                .post("/vehicles/" + v + "/availability")
                .then()
                .statusCode(200)
                .body("available", equalTo(false));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("available", false))
                .post("/vehicles/" + v + "/availability")
                .then()
                .statusCode(409);
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("available", true, "reason", "修好了"))
                .post("/vehicles/" + v + "/availability")
                .then()
                .statusCode(200)
                .body("available", equalTo(true));
        Fixtures.as(org, "dispatcher")
                .get("/vehicles/" + v)
                .then()
                .body("available", equalTo(true))
                .body("availabilityReason", equalTo("修好了"));
    }

    @Test
    void windowsAreSetSortedAndOverlapsRefused() {
        String org = "fleet-org-" + Fixtures.suffix();
        String v = Fixtures.registerVehicle(
                org, Fixtures.vehicle(Fixtures.carrier(org, "公司"), "TRUCK", Fixtures.plate(), "灞桥区"));
        var later = Map.of("from", "2026-12-01T12:00:00Z", "to", "2026-12-01T18:00:00Z");
        var first = Map.of("from", "2026-12-01T08:00:00+08:00", "to", "2026-12-01T12:00:00Z");
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("windows", List.of(later, first)))
                .put("/vehicles/" + v + "/windows")
                .then()
                .statusCode(200)
                .body("windows.from", contains("2026-12-01T00:00:00Z", "2026-12-01T12:00:00Z"));
        Fixtures.as(org, "dispatcher")
                .get("/vehicles/" + v)
                .then()
                .body("windows.to", contains("2026-12-01T12:00:00Z", "2026-12-01T18:00:00Z"));

        var overlapping = Map.of("from", "2026-12-01T11:00:00Z", "to", "2026-12-01T13:00:00Z");
        Fixtures.as(org, "dispatcher")
                .header("Accept-Language", "zh")
                .contentType(ContentType.JSON)
                .body(Map.of("windows", List.of(first, overlapping)))
                .put("/vehicles/" + v + "/windows")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("detail", containsString("重叠"));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("windows", List.of(Map.of("from", "2026-12-01T11:00:00Z", "to", "2026-12-01T10:00:00Z"))))
                .put("/vehicles/" + v + "/windows")
                .then()
                .statusCode(400);
        List<Map<String, String>> many = new java.util.ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(Map.of(
                    "from",
                    "2026-12-%02dT08:00:00Z".formatted(1 + i % 28),
                    "to",
                    "2026-12-%02dT09:00:00Z".formatted(1 + i % 28)));
        }
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("windows", many))
                .put("/vehicles/" + v + "/windows")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem(containsString("windows")));
        // the refused PUTs changed nothing; an empty list clears
        Fixtures.as(org, "dispatcher").get("/vehicles/" + v).then().body("windows.size()", equalTo(2));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("windows", List.of()))
                .put("/vehicles/" + v + "/windows")
                .then()
                .statusCode(200)
                .body("windows", empty());
    }

    @Test
    void badFieldsAreNamedInA400() {
        String org = "fleet-org-" + Fixtures.suffix();
        String carrier = Fixtures.carrier(org, "公司");
        Response r = Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("name", "长".repeat(201), "kind", "TRUCKING_COMPANY", "contactPhone", "not a phone"))
                .post("/carriers");
        r.then().statusCode(400).contentType(startsWith(PROBLEM));
        assertEquals(2, r.jsonPath().getList("errors").size(), r.asString());
        r.then()
                .body("errors.field", hasItem(containsString("name")))
                .body("errors.field", hasItem(containsString("contactPhone")));

        Map<String, Object> v = Fixtures.vehicle(carrier, "TRUCK", Fixtures.plate(), "雁塔区");
        v.put("payloadKg", 60001);
        v.put("volumeM3", 0);
        v.put("seats", 61);
        Fixtures.as(org, "dispatcher")
                .header("Accept-Language", "zh")
                .contentType(ContentType.JSON)
                .body(v)
                .post("/vehicles")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("errors.field", hasItem(containsString("payloadKg")))
                .body("errors.field", hasItem(containsString("volumeM3")))
                .body("errors.field", hasItem(containsString("seats")));
        Map<String, Object> badPlate = Fixtures.vehicle(carrier, "TRUCK", "ABC-123", "雁塔区");
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(badPlate)
                .post("/vehicles")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("detail", containsString("plate"));
        Map<String, Object> badKind = Fixtures.vehicle(carrier, "BICYCLE", Fixtures.plate(), "雁塔区");
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(badKind)
                .post("/vehicles")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM));
        Fixtures.as(org, "dispatcher").get("/vehicles").then().body("id", empty());
    }
}
