package org.relief.inventory.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.contracts.RequestedLine;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.inventory.Fixtures;
import org.relief.kernel.testing.RealInfrastructure;

/**
 * Issue 11: stock by lot showed every lot's donor organisation and donation id to any caller, so a donor saw who else
 * donated. Now ops see every lot's origin, a donor only its own organisation's lots' origin (the others are listed
 * with their quantities, origin WITHHELD), and partners, dispatchers and volunteer coordinators no origin at all; the
 * lots a reservation holds follow the same rule.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class DonorOriginTest {

    record World(String item, String warehouseId, String donorA, String donationA, String donorB, String donationB) {}

    static World world() {
        String sfx = Fixtures.suffix();
        String item = "origin-mask-" + sfx;
        Fixtures.item(item, "piece", false);
        String wh = Fixtures.warehouse("灞桥仓库 " + sfx, "灞桥区");
        String a = "origin-donor-a-" + sfx;
        String b = "origin-donor-b-" + sfx;
        return new World(item, wh, a, donate(a, wh, item, 10), b, donate(b, wh, item, 20));
    }

    static String donate(String donor, String warehouseId, String item, int quantity) {
        return Fixtures.as(donor, "donor")
                .contentType(ContentType.JSON)
                .body(Map.of("warehouseId", warehouseId, "lines", List.of(Map.of("item", item, "quantity", quantity))))
                .post("/donations")
                .then()
                .statusCode(201)
                .extract()
                .path("donationId");
    }

    static String stockByLot(String org, String role, World w, String extra) {
        var spec = "ops".equals(role) ? Fixtures.ops() : Fixtures.as(org, role);
        return spec.get("/stock?byLot=true&item=" + w.item() + extra)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** The lot of {@code donationId} as the answer lists it, or of the lot with {@code onHand} when the origin is withheld. */
    static Map<String, Object> lotWithOnHand(String body, int onHand) {
        List<Map<String, Object>> lots = JsonPath.from(body).getList("[0].lots");
        return lots.stream()
                .filter(l -> ((Number) l.get("onHand")).intValue() == onHand)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aDonorSeesItsOwnLotsOriginAndNeverAnotherDonorsButStillEveryLotsQuantities() {
        World w = world();
        for (String asOf : new String[] {"", "&asOf=" + Instant.now().plusSeconds(1)}) {
            String seenByA = stockByLot(w.donorA(), "donor", w, asOf);
            assertTrue(seenByA.contains(w.donationA()), seenByA);
            assertTrue(seenByA.contains(w.donorA()), seenByA);
            assertFalse(seenByA.contains(w.donationB()), "donor A sees B's donation id: " + seenByA);
            assertFalse(seenByA.contains(w.donorB()), "donor A sees B's organisation: " + seenByA);
            assertEquals(30, JsonPath.from(seenByA).getInt("[0].onHand"));
            Map<String, Object> own = lotWithOnHand(seenByA, 10);
            assertEquals("SHOWN", own.get("origin"));
            assertEquals(w.donationA(), own.get("donationId"));
            assertEquals(w.donorA(), own.get("donorOrganisationId"));
            Map<String, Object> others = lotWithOnHand(seenByA, 20);
            assertEquals("WITHHELD", others.get("origin"));
            assertTrue(others.containsKey("donationId") && others.get("donationId") == null, others.toString());
            assertTrue(others.containsKey("donorOrganisationId") && others.get("donorOrganisationId") == null);
            assertEquals(20, ((Number) others.get("available")).intValue());

            String seenByB = stockByLot(w.donorB(), "donor", w, asOf);
            assertTrue(seenByB.contains(w.donationB()), seenByB);
            assertFalse(seenByB.contains(w.donationA()), "donor B sees A's donation id: " + seenByB);
            assertFalse(seenByB.contains(w.donorA()), "donor B sees A's organisation: " + seenByB);
        }
    }

    @Test
    void opsSeeEveryLotsOrigin() {
        World w = world();
        String seen = stockByLot(null, "ops", w, "");
        for (String s : List.of(w.donationA(), w.donorA(), w.donationB(), w.donorB())) {
            assertTrue(seen.contains(s), s + " missing: " + seen);
        }
        assertEquals(List.of("SHOWN", "SHOWN"), JsonPath.from(seen).getList("[0].lots.origin"));
    }

    @Test
    void partnersDispatchersAndCoordinatorsSeeNoDonorOriginEvenNamedLikeADonor() {
        World w = world();
        for (String role : List.of("partner", "dispatcher", "volunteer-coordinator")) {
            for (String org : List.of("origin-partner-" + Fixtures.suffix(), w.donorA())) {
                String seen = stockByLot(org, role, w, "");
                for (String s : List.of(w.donationA(), w.donationB(), w.donorB())) {
                    assertFalse(seen.contains(s), role + " of " + org + " sees " + s + ": " + seen);
                }
                JsonPath json = JsonPath.from(seen);
                assertEquals(List.of("WITHHELD", "WITHHELD"), json.getList("[0].lots.origin"), role);
                assertEquals(30, json.getInt("[0].onHand"));
            }
        }
    }

    @Test
    void aPartnerSeesTheLotsHeldForItsRequestButNotWhoDonatedThem() {
        World w = world();
        String partner = "origin-partner-" + Fixtures.suffix();
        String requestId = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(new HelpRequestSubmitted(
                requestId,
                partner,
                "SUPPLIES",
                "HIGH",
                List.of(),
                "纺织城小区",
                "灞桥区",
                null,
                List.of(new RequestedLine(w.item(), new BigDecimal("25"), "piece")),
                null,
                null,
                null,
                Instant.now(),
                null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Fixtures.ops()
                .get("/reservations/" + requestId)
                .then()
                .statusCode(200)
                .body("status", equalTo("RESERVED")));

        String byOps = Fixtures.ops()
                .get("/reservations/" + requestId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(byOps.contains(w.donationA()) && byOps.contains(w.donationB()), byOps);
        assertEquals(List.of("SHOWN", "SHOWN"), JsonPath.from(byOps).getList("lines[0].allocations.origin"));

        String byPartner = Fixtures.as(partner, "partner")
                .get("/reservations/" + requestId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String s : List.of(w.donationA(), w.donorA(), w.donationB(), w.donorB())) {
            assertFalse(byPartner.contains(s), "the partner sees " + s + ": " + byPartner);
        }
        JsonPath json = JsonPath.from(byPartner);
        assertEquals(List.of("WITHHELD", "WITHHELD"), json.getList("lines[0].allocations.origin"));
        assertEquals(25, json.getInt("lines[0].reserved"));
        assertEquals(
                25,
                json.getList("lines[0].allocations.quantity", Integer.class).stream()
                        .mapToInt(i -> i)
                        .sum());
        assertNull(json.get("lines[0].allocations[0].donationId"));
        assertEquals(w.warehouseId(), json.getString("lines[0].allocations[0].warehouseId"));
    }
}
