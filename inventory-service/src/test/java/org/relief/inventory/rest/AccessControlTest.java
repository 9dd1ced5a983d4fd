package org.relief.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.contracts.RequestedLine;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.inventory.Fixtures;
import org.relief.inventory.messaging.RequestsEventsConsumer;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTokens;
import org.relief.kernel.tx.Transactions;

/**
 * Who may call what (issue 5): every endpoint refuses a missing, expired or forged token with 401; each role gets
 * exactly the cells of the role matrix (403 otherwise); another organisation's donation or reservation answers 404
 * like an unknown id; a donor cannot donate in another organisation's name; ops can act for any organisation.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class AccessControlTest {
    static final String PROBLEM = "application/problem+json";
    static final List<String> ROLES = List.of("partner", "donor", "dispatcher", "volunteer-coordinator", "ops");
    static final Set<String> ANYONE = Set.copyOf(ROLES);

    @Inject
    Transactions transactions;

    /** One endpoint, with a body that succeeds for an allowed caller of {@code org}, and who is allowed. */
    record Call(String method, String path, Object body, Set<String> allowed) {
        Response send(RequestSpecification spec) {
            if (body != null) {
                spec = spec.contentType(ContentType.JSON).body(body);
            }
            return spec.request(method, path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Existing data of organisation {@code org}: a warehouse, an item, a lot, an adjustment, a donation, a reservation. */
    record World(
            String org,
            String warehouseId,
            String item,
            String lotId,
            String adjustmentEntryId,
            String donationId,
            String requestId) {}

    World world() {
        String sfx = Fixtures.suffix();
        String org = "acl-org-" + sfx;
        String item = "acl-mask-" + sfx;
        Fixtures.item(item, "piece", false);
        String wh = Fixtures.warehouse("鄠邑仓库 " + sfx, "鄠邑区");
        Response donation = Fixtures.as(org, "donor")
                .contentType(ContentType.JSON)
                .body(Map.of("warehouseId", wh, "lines", List.of(Map.of("item", item, "quantity", 10))))
                .post("/donations");
        donation.then().statusCode(201).body("donorOrganisationId", equalTo(org));
        String lotId = donation.path("lots[0].lotId");
        String entry = Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("warehouseId", wh, "item", item, "lotId", lotId, "delta", 2, "reason", "FOUND"))
                .post("/stock/adjustments")
                .then()
                .statusCode(201)
                .extract()
                .path("entryId");
        String requestId = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(new HelpRequestSubmitted(
                requestId,
                org,
                "SUPPLIES",
                "HIGH",
                List.of(),
                "锦业路小区",
                "鄠邑区",
                null,
                List.of(new RequestedLine(item, new BigDecimal("3"), "piece")),
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
        return new World(org, wh, item, lotId, entry, donation.path("donationId"), requestId);
    }

    static List<Call> calls(World w) {
        String sfx = Fixtures.suffix();
        return List.of(
                new Call("POST", "/warehouses", Map.of("name", "周至仓库 " + sfx, "district", "周至县"), Set.of("ops")),
                new Call("GET", "/warehouses", null, ANYONE),
                new Call("GET", "/warehouses/" + w.warehouseId(), null, ANYONE),
                new Call(
                        "POST",
                        "/items",
                        Map.of(
                                "code",
                                "acl-item-" + sfx,
                                "nameZh",
                                "手套",
                                "nameEn",
                                "gloves",
                                "category",
                                "PPE",
                                "unit",
                                "box",
                                "unitWeightKg",
                                1,
                                "unitVolumeM3",
                                0.01,
                                "perishable",
                                false),
                        Set.of("ops")),
                new Call("GET", "/items", null, ANYONE),
                new Call("GET", "/items/" + w.item(), null, ANYONE),
                new Call("GET", "/stock?item=" + w.item(), null, ANYONE),
                new Call(
                        "POST",
                        "/stock/adjustments",
                        Map.of(
                                "warehouseId",
                                w.warehouseId(),
                                "item",
                                w.item(),
                                "lotId",
                                w.lotId(),
                                "delta",
                                1,
                                "reason",
                                "FOUND"),
                        Set.of("ops")),
                new Call(
                        "POST",
                        "/stock/reversals",
                        Map.of("entryId", w.adjustmentEntryId(), "reason", "重复录入"),
                        Set.of("ops")),
                new Call(
                        "POST",
                        "/donations",
                        Map.of(
                                "donorOrganisationId",
                                w.org(),
                                "warehouseId",
                                w.warehouseId(),
                                "lines",
                                List.of(Map.of("item", w.item(), "quantity", 1))),
                        Set.of("donor", "ops")),
                new Call("GET", "/donations/" + w.donationId(), null, Set.of("donor", "ops")),
                new Call("GET", "/reservations/" + w.requestId(), null, Set.of("partner", "ops")),
                new Call("GET", "/reservations?status=WAITING", null, Set.of("partner", "ops")),
                new Call("GET", "/ops/parked-events", null, Set.of("ops")),
                new Call(
                        "POST",
                        "/ops/parked-events/replay",
                        Map.of(
                                "consumer",
                                RequestsEventsConsumer.NAME,
                                "key",
                                UUID.randomUUID().toString()),
                        Set.of("ops")));
    }

    @Test
    void everyEndpointRefusesAMissingExpiredOrForgedTokenWith401ProblemJson() {
        World w = world();
        String expired =
                TestTokens.token(w.org(), "ops", "late-user", Instant.now().minusSeconds(3600));
        String valid = TestTokens.token(w.org(), "donor");
        // the payload of a valid token swapped for one claiming ops: the signature no longer matches
        String[] parts = valid.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                        .replace("\"donor\"", "\"ops\"")
                        .getBytes());
        String forged = parts[0] + "." + forgedPayload + "." + parts[2];
        for (Call call : calls(w)) {
            for (RequestSpecification spec : List.of(
                    given(),
                    given().auth().oauth2(expired),
                    given().auth().oauth2(forged),
                    given().header("Authorization", "Bearer not-a-jwt"))) {
                Response r = call.send(spec);
                assertEquals(401, r.statusCode(), call + ": " + head(r));
                assertTrue(r.contentType().startsWith(PROBLEM), call + " answers " + r.contentType());
                assertEquals("Bearer", r.header("WWW-Authenticate"), call.toString());
                assertEquals(401, r.jsonPath().getInt("status"), call.toString());
            }
        }
        // nothing was written by any of them
        Fixtures.ops().get("/stock?item=" + w.item()).then().statusCode(200).body("[0].onHand", equalTo(12));
    }

    @Test
    void eachRoleGetsExactlyItsCellsOfTheMatrixAndIsRefusedWith403Elsewhere() {
        World w = world();
        List<String> failures = new ArrayList<>();
        for (Call call : calls(w)) {
            for (String role : ROLES) {
                Response r =
                        call.send(given().auth().oauth2(TestTokens.token("ops".equals(role) ? null : w.org(), role)));
                boolean allowed = call.allowed().contains(role);
                if (allowed && (r.statusCode() < 200 || r.statusCode() > 299)) {
                    failures.add(call + " as " + role + " → " + r.statusCode() + " " + head(r));
                } else if (!allowed
                        && (r.statusCode() != 403
                                || !r.contentType().startsWith(PROBLEM)
                                || !"https://relief-logistics.org/problems/forbidden"
                                        .equals(r.jsonPath().getString("type")))) {
                    failures.add(call + " as " + role + " → expected 403 problem+json, got " + r.statusCode() + " "
                            + head(r));
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        // only the allowed writes happened: 12 + 1 (ops adjustment) − 2 (ops reversal) + 1 (donor) + 1 (ops donation)
        Fixtures.ops().get("/stock?item=" + w.item()).then().statusCode(200).body("[0].onHand", equalTo(13));
    }

    @Test
    void anotherOrganisationsDonationIs404LikeAnUnknownOneAndADonorCannotDonateInAnotherName() throws Exception {
        World w = world();
        String other = "acl-other-" + Fixtures.suffix();

        // own donation: the donor organisation comes from the token, the actor is the token's user
        Fixtures.as(w.org(), "donor")
                .get("/donations/" + w.donationId())
                .then()
                .statusCode(200)
                .body("donorOrganisationId", equalTo(w.org()));
        assertEquals(w.org() + "/" + w.org() + "-donor", actorOf("donation-" + w.donationId()));
        // another donor organisation: 404 exactly as for an id that does not exist
        Response hidden = Fixtures.as(other, "donor").get("/donations/" + w.donationId());
        Response unknown = Fixtures.as(other, "donor").get("/donations/" + UUID.randomUUID());
        assertEquals(404, hidden.statusCode());
        assertTrue(hidden.contentType().startsWith(PROBLEM));
        assertEquals(unknown.jsonPath().getString("type"), hidden.jsonPath().getString("type"));
        assertEquals(unknown.jsonPath().getString("title"), hidden.jsonPath().getString("title"));
        Fixtures.ops().get("/donations/" + w.donationId()).then().statusCode(200);

        // a donor naming another organisation as donor: 403, and nothing is received
        Map<String, Object> inOthersName = Map.of(
                "donorOrganisationId",
                other,
                "warehouseId",
                w.warehouseId(),
                "lines",
                List.of(Map.of("item", w.item(), "quantity", 500)));
        Fixtures.as(w.org(), "donor")
                .contentType(ContentType.JSON)
                .header("Accept-Language", "zh")
                .body(inOthersName)
                .post("/donations")
                .then()
                .statusCode(403)
                .contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://relief-logistics.org/problems/forbidden"))
                .body("detail", equalTo("您无权代表组织 " + other + " 操作"));
        Fixtures.ops()
                .get("/stock?item=" + w.item())
                .then()
                .statusCode(200)
                .body("[0].onHand", equalTo(12))
                .body("[0].reserved", equalTo(3));
        // naming its own organisation is fine
        Fixtures.as(w.org(), "donor")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "donorOrganisationId",
                        w.org(),
                        "warehouseId",
                        w.warehouseId(),
                        "lines",
                        List.of(Map.of("item", w.item(), "quantity", 1))))
                .post("/donations")
                .then()
                .statusCode(201)
                .body("donorOrganisationId", equalTo(w.org()));

        // ops must say for whom, and may record a donation for any organisation
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("warehouseId", w.warehouseId(), "lines", List.of(Map.of("item", w.item(), "quantity", 1))))
                .post("/donations")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM));
        String byOps = Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(inOthersName)
                .post("/donations")
                .then()
                .statusCode(201)
                .body("donorOrganisationId", equalTo(other))
                .extract()
                .path("donationId");
        assertTrue(actorOf("donation-" + byOps).startsWith("ops:"));
        Fixtures.as(other, "donor").get("/donations/" + byOps).then().statusCode(200);
        Fixtures.ops().get("/stock?item=" + w.item()).then().statusCode(200).body("[0].onHand", equalTo(513));
    }

    @Test
    void aReservationIsSeenOnlyByItsOrganisationsPartnersAndOps() {
        World w = world();
        String other = "acl-other-" + Fixtures.suffix();
        Fixtures.as(w.org(), "partner")
                .get("/reservations/" + w.requestId())
                .then()
                .statusCode(200)
                .body("organisationId", equalTo(w.org()))
                .body("status", equalTo("RESERVED"));
        Response hidden = Fixtures.as(other, "partner").get("/reservations/" + w.requestId());
        Response unknown = Fixtures.as(other, "partner").get("/reservations/" + UUID.randomUUID());
        assertEquals(404, hidden.statusCode());
        assertTrue(hidden.contentType().startsWith(PROBLEM));
        assertEquals(unknown.jsonPath().getString("type"), hidden.jsonPath().getString("type"));
        Fixtures.ops().get("/reservations/" + w.requestId()).then().statusCode(200);
        // the list: a partner its own organisation's reservations only, ops every organisation's
        Fixtures.as(w.org(), "partner")
                .get("/reservations?status=RESERVED")
                .then()
                .statusCode(200)
                .body("requestId", org.hamcrest.Matchers.contains(w.requestId()))
                .body("[0].lines[0].allocations[0].origin", equalTo("WITHHELD"));
        Fixtures.as(other, "partner")
                .get("/reservations?status=RESERVED")
                .then()
                .statusCode(200)
                .body("requestId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(w.requestId())));
        Fixtures.as(other, "partner")
                .queryParam("organisationId", w.org())
                .get("/reservations?status=RESERVED")
                .then()
                .statusCode(403);
        Fixtures.ops()
                .get("/reservations?status=RESERVED")
                .then()
                .statusCode(200)
                .body("requestId", org.hamcrest.Matchers.hasItem(w.requestId()));
    }

    private static String head(Response r) {
        String body = r.asString();
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    private String actorOf(String streamId) throws Exception {
        return transactions.inNewTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("select actor from event_store where stream_id = ? order by version limit 1")) {
                ps.setString(1, streamId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}
