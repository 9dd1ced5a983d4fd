package org.relief.requests.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.relief.kernel.security.Roles;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTokens;
import org.relief.requests.support.Requests;

/**
 * Who may do what on /help-requests, cell by cell: no or a bad token (401), a wrong role (403), another organisation's
 * request (404, exactly like an unknown one, and nothing changes), a partner naming another organisation (403), and
 * ops, who may act for any organisation.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class AccessControlTest {
    static final String OWNER = Requests.fresh("acl-owner");
    static final String OTHER = Requests.fresh("acl-other");
    static final String RECEIPT = "{\"lines\":[{\"item\":\"n95-mask\",\"accepted\":1,\"rejected\":0}]}";
    static final String CANCEL = "{\"reason\":\"不需要了\"}";

    /** Every operation, applied to an existing request of OWNER (for those that take an id). */
    private static List<Function<RequestSpecification, io.restassured.response.Response>> operations(String id) {
        return List.of(
                s -> s.contentType(ContentType.JSON)
                        .body(Requests.supplies(OWNER, Requests.fresh("小区"), "HIGH"))
                        .post("/help-requests"),
                s -> s.get("/help-requests"),
                s -> s.get("/help-requests/" + id),
                s -> s.contentType(ContentType.JSON).body(CANCEL).post("/help-requests/" + id + "/cancellation"),
                s -> s.contentType(ContentType.JSON).body(RECEIPT).post("/help-requests/" + id + "/receipt"),
                // a receipt without lines confirms the proofs of delivery: the same rules
                s -> s.contentType(ContentType.JSON).body("{}").post("/help-requests/" + id + "/receipt"));
    }

    private static String reservedRequestOfOwner() {
        String id = Requests.submit(Requests.supplies(OWNER, Requests.fresh("小区"), "HIGH"));
        Requests.opened(id);
        Requests.allocation(id, "StockReserved", 200, 1000, "全部预留");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Requests.partner(OWNER)
                .get("/help-requests/" + id)
                .then()
                .body("request.status", equalTo("RESERVED")));
        return id;
    }

    private static ValidatableResponse timelineOf(String id) {
        return Requests.ops().get("/help-requests/" + id).then().statusCode(200);
    }

    @Test
    void withoutATokenEveryOperationIs401ProblemJsonWithWwwAuthenticateBearer() {
        String id = Requests.submit(Requests.supplies(OWNER, Requests.fresh("小区"), "HIGH"));
        for (var op : operations(id)) {
            op.apply(given())
                    .then()
                    .statusCode(401)
                    .contentType(startsWith("application/problem+json"))
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", equalTo(401));
        }
        given().header("Accept-Language", "zh")
                .get("/help-requests/" + id)
                .then()
                .statusCode(401)
                .body("detail", equalTo("缺少或无效的 Bearer 令牌"));
        timelineOf(id)
                .body("request.status", equalTo("SUBMITTED"))
                .body("timeline.event", equalTo(List.of("Submitted")));
    }

    @Test
    void anExpiredOrForgedTokenIs401() {
        String id = Requests.submit(Requests.supplies(OWNER, Requests.fresh("小区"), "HIGH"));
        String expired = TestTokens.token(
                OWNER, Roles.PARTNER, OWNER + "-partner", Instant.now().minusSeconds(60));
        String valid = TestTokens.token(OWNER, Roles.PARTNER);
        // a valid token whose payload was changed (another organisation): the signature no longer matches
        String[] parts = valid.split("\\.");
        String forged = parts[0] + "."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(new String(
                                        java.util.Base64.getUrlDecoder().decode(parts[1]),
                                        java.nio.charset.StandardCharsets.UTF_8)
                                .replace(OWNER, OTHER)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + parts[2];
        for (String bad : List.of(expired, forged, "not-a-jwt")) {
            for (var op : operations(id)) {
                op.apply(given().auth().oauth2(bad))
                        .then()
                        .statusCode(401)
                        .contentType(startsWith("application/problem+json"))
                        .header("WWW-Authenticate", startsWith("Bearer"));
            }
        }
        timelineOf(id)
                .body("request.status", equalTo("SUBMITTED"))
                .body("timeline.event", equalTo(List.of("Submitted")));
    }

    /**
     * Issue 11: a token must be meant for us (aud), live at most a week, not come from the future (a minute of clock
     * skew allowed), and carry its organisation as text. Each of these is 401 problem+json, never 200 or 500.
     */
    @Test
    void tokensOfTheWrongAudienceLifetimeTimeOrShapeAre401() {
        String id = Requests.submit(Requests.supplies(OWNER, Requests.fresh("小区"), "HIGH"));
        long now = Instant.now().getEpochSecond();
        Map<String, java.util.function.Consumer<Map<String, Object>>> bad = new java.util.LinkedHashMap<>();
        bad.put("a foreign audience", c -> c.put("aud", "another-platform"));
        bad.put("no audience", c -> c.remove("aud"));
        bad.put("exp a century away", c -> c.put("exp", now + 100L * 365 * 86400));
        bad.put("iat an hour in the future", c -> {
            c.put("iat", now + 3600);
            c.put("exp", now + 7200);
        });
        bad.put("org a number", c -> c.put("org", 42));
        bad.put("org a list", c -> c.put("org", List.of(OWNER, OTHER)));
        bad.put("org an object", c -> c.put("org", Map.of("id", OWNER)));
        List<String> accepted = new java.util.ArrayList<>();
        for (var b : bad.entrySet()) {
            Map<String, Object> claims = TestTokens.validClaims(OWNER, Roles.PARTNER);
            b.getValue().accept(claims);
            String token = TestTokens.signed(claims);
            var read = given().auth().oauth2(token).get("/help-requests/" + id);
            var write = given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body("{\"reason\":\"x\"}")
                    .post("/help-requests/" + id + "/cancellation");
            if (read.statusCode() != 401
                    || write.statusCode() != 401
                    || !String.valueOf(read.contentType()).startsWith("application/problem+json")) {
                accepted.add(b.getKey() + ": read " + read.statusCode() + ", cancel " + write.statusCode());
            }
        }
        assertTrue(accepted.isEmpty(), "tokens not refused with 401: " + accepted);
        // a clock a few seconds ahead of ours is fine
        Map<String, Object> skewed = TestTokens.validClaims(OWNER, Roles.PARTNER);
        skewed.put("iat", now + 20);
        given().auth()
                .oauth2(TestTokens.signed(skewed))
                .get("/help-requests/" + id)
                .then()
                .statusCode(200);
        timelineOf(id).body("request.status", equalTo("SUBMITTED"));
    }

    @Test
    void aHostHeaderCannotPointTheLocationOfANewRequestElsewhere() {
        String location = given().auth()
                .oauth2(TestTokens.token(OWNER, Roles.PARTNER))
                .header("Host", "evil.example")
                .contentType(ContentType.JSON)
                .body(Requests.supplies(OWNER, Requests.fresh("小区"), "HIGH"))
                .post("/help-requests")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        assertTrue(location.startsWith("/help-requests/") && !location.contains("evil"), location);
    }

    @Test
    void rolesOtherThanPartnerOrOpsAre403() {
        String id = Requests.submit(Requests.supplies(OWNER, Requests.fresh("小区"), "HIGH"));
        for (String role : List.of(Roles.DONOR, Roles.DISPATCHER, Roles.VOLUNTEER_COORDINATOR)) {
            for (var op : operations(id)) {
                op.apply(given().auth().oauth2(TestTokens.token(OWNER, role)))
                        .then()
                        .statusCode(403)
                        .contentType(startsWith("application/problem+json"))
                        .body("type", equalTo("https://relief-logistics.org/problems/forbidden"));
            }
        }
        timelineOf(id)
                .body("request.status", equalTo("SUBMITTED"))
                .body("timeline.event", equalTo(List.of("Submitted")));
    }

    @Test
    void anotherOrganisationsRequestIs404LikeAnUnknownOneAndNothingChanges() {
        String id = reservedRequestOfOwner();
        String unknown = java.util.UUID.randomUUID().toString();
        RequestSpecification other = Requests.partner(OTHER);
        String notFoundType = "https://relief-logistics.org/problems/not-found";

        other.get("/help-requests/" + id)
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo(notFoundType));
        Requests.partner(OTHER)
                .contentType(ContentType.JSON)
                .body(CANCEL)
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(404)
                .body("type", equalTo(notFoundType));
        Requests.partner(OTHER)
                .contentType(ContentType.JSON)
                .body(RECEIPT)
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(404)
                .body("type", equalTo(notFoundType));
        // the same answer as for an id that does not exist at all (only the id in the text differs)
        String knownDetail = Requests.partner(OTHER)
                .get("/help-requests/" + id)
                .then()
                .extract()
                .path("detail");
        String unknownDetail = Requests.partner(OTHER)
                .get("/help-requests/" + unknown)
                .then()
                .statusCode(404)
                .extract()
                .path("detail");
        org.junit.jupiter.api.Assertions.assertEquals(
                unknownDetail.replace(unknown, "ID"), knownDetail.replace(id, "ID"));

        // nothing changed: still reserved, nothing received, no new event, nothing published
        timelineOf(id)
                .body("request.status", equalTo("RESERVED"))
                .body("request.lines[1].delivered", equalTo(0))
                .body("timeline.event", equalTo(List.of("Submitted", "ReservationOpened", "StockAllocated")));
        org.junit.jupiter.api.Assertions.assertEquals(List.of("HelpRequestSubmitted"), Requests.publishedTypes(id, 1));
        // and the other organisation's list does not show it
        Requests.partner(OTHER).get("/help-requests").then().statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void thePartnerOfTheOrganisationActsOnItsRequestAndIsTheActorOnTheTimeline() {
        String id = reservedRequestOfOwner();
        Requests.partner(OWNER)
                .contentType(ContentType.JSON)
                .body(RECEIPT)
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(200)
                .body("status", equalTo("PARTIALLY_DELIVERED"));
        Requests.partner(OWNER)
                .contentType(ContentType.JSON)
                .body(CANCEL)
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));
        String actor = OWNER + "/" + OWNER + "-partner";
        Requests.partner(OWNER)
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body(
                        "timeline.event",
                        equalTo(List.of(
                                "Submitted", "ReservationOpened", "StockAllocated", "ReceiptConfirmed", "Cancelled")))
                .body("timeline[0].actor", equalTo(actor))
                .body("timeline[0].organisationId", equalTo(OWNER))
                .body("timeline[3].actor", equalTo(actor))
                .body("timeline[3].details.confirmedBy", equalTo(actor))
                .body("timeline[4].actor", equalTo(actor))
                .body("timeline[4].details.cancelledBy", equalTo(actor));
    }

    @Test
    void aPartnerNamingAnotherOrganisationIs403AndMayLeaveItsOwnOut() {
        String community = Requests.fresh("小区");
        Requests.partner(OTHER)
                .contentType(ContentType.JSON)
                .body(Requests.supplies(OWNER, community, "HIGH"))
                .post("/help-requests")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://relief-logistics.org/problems/forbidden"));
        Requests.partner(OTHER)
                .queryParam("organisationId", OWNER)
                .get("/help-requests")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
        Requests.ops()
                .queryParam("organisationId", OWNER)
                .queryParam("size", 200)
                .get("/help-requests")
                .then()
                .body("items.community", not(hasItem(community)));

        // without organisationId the partner's own organisation is used
        String body = Requests.supplies(OTHER, community, "HIGH").replace("\"organisationId\":\"" + OTHER + "\",", "");
        String id = Requests.partner(OTHER)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/help-requests")
                .then()
                .statusCode(201)
                .body("organisationId", equalTo(OTHER))
                .extract()
                .path("id");
        Requests.partner(OTHER)
                .queryParam("organisationId", OTHER)
                .get("/help-requests")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        // the list without a filter shows the partner's own organisation only
        Requests.partner(OTHER)
                .queryParam("size", 200)
                .get("/help-requests")
                .then()
                .statusCode(200)
                .body("items.organisationId", everyItem(equalTo(OTHER)));
    }

    @Test
    void opsActForANamedOrganisationAndSeeAndChangeEveryRequest() {
        String community = Requests.fresh("小区");
        String id = Requests.ops()
                .contentType(ContentType.JSON)
                .body(Requests.supplies(OTHER, community, "HIGH"))
                .post("/help-requests")
                .then()
                .statusCode(201)
                .body("organisationId", equalTo(OTHER))
                .extract()
                .path("id");
        // ops must say for whom
        Requests.ops()
                .contentType(ContentType.JSON)
                .body(Requests.supplies(OTHER, community, "HIGH").replace("\"organisationId\":\"" + OTHER + "\",", ""))
                .post("/help-requests")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));

        String owners = reservedRequestOfOwner();
        Requests.ops()
                .queryParam("size", 200)
                .get("/help-requests")
                .then()
                .statusCode(200)
                .body("items.id", hasItems(id, owners));
        Requests.ops()
                .queryParam("organisationId", OWNER)
                .queryParam("size", 200)
                .get("/help-requests")
                .then()
                .body("items.id", hasItem(owners))
                .body("items.organisationId", everyItem(equalTo(OWNER)));
        Requests.ops()
                .contentType(ContentType.JSON)
                .body(RECEIPT)
                .post("/help-requests/" + owners + "/receipt")
                .then()
                .statusCode(200);
        Requests.ops()
                .contentType(ContentType.JSON)
                .body(CANCEL)
                .post("/help-requests/" + owners + "/cancellation")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));
        // the owner's partner sees who acted: ops, on behalf of the owner organisation
        Requests.partner(OWNER)
                .get("/help-requests/" + owners)
                .then()
                .statusCode(200)
                .body("timeline[-1].actor", equalTo("ops:ops-ops"))
                .body("timeline[-1].organisationId", equalTo(OWNER))
                .body("timeline[-2].actor", equalTo("ops:ops-ops"));
        Requests.partner(OTHER)
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("timeline[0].actor", equalTo("ops:ops-ops"))
                .body("timeline[0].organisationId", equalTo(OTHER));
    }

    /** A receipt without lines (confirming dispatch's proof of delivery) is for the owner's partner and ops only. */
    @Test
    void anEmptyReceiptOfADeliveredRequestIsTheOwnersAlone() {
        String id = reservedRequestOfOwner();
        org.relief.requests.support.Saga.scheduled(
                id, OWNER, "trip-acl", "FREIGHT", "陕A·ACL01", null, org.relief.requests.support.Saga.load(200, 1000));
        org.relief.requests.support.Saga.pickedUp(
                id, OWNER, "trip-acl", "FREIGHT", org.relief.requests.support.Saga.load(200, 1000));
        org.relief.requests.support.Saga.delivered(
                id,
                OWNER,
                "trip-acl",
                "FREIGHT",
                "王主任",
                List.of(
                        new org.relief.contracts.dispatch.DeliveredLine(
                                "protective-suit",
                                "piece",
                                new java.math.BigDecimal("200"),
                                java.math.BigDecimal.ZERO,
                                null),
                        new org.relief.contracts.dispatch.DeliveredLine(
                                "n95-mask", "piece", new java.math.BigDecimal("990"), java.math.BigDecimal.TEN, "受潮")));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> timelineOf(id).body("request.status", equalTo("DELIVERED")));

        Requests.partner(OTHER)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(404)
                .body("type", equalTo("https://relief-logistics.org/problems/not-found"));
        given().auth()
                .oauth2(TestTokens.token(OWNER, Roles.DISPATCHER))
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(401);
        timelineOf(id)
                .body("request.status", equalTo("DELIVERED"))
                .body("timeline[-1].event", equalTo("DeliveryReported"));

        String actor = OWNER + "/" + OWNER + "-partner";
        Requests.partner(OWNER)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(200)
                .body("status", equalTo("PARTIALLY_DELIVERED"))
                .body("lines[1].delivered", equalTo(990))
                .body("lines[1].rejected", equalTo(10));
        timelineOf(id)
                .body("timeline[-1].event", equalTo("ReceiptConfirmed"))
                .body("timeline[-1].actor", equalTo(actor))
                .body("timeline[-1].details.lines[1].rejectionReason", equalTo("受潮"))
                .body("timeline[-1].details.trips", equalTo(List.of("trip-acl")));
    }
}
