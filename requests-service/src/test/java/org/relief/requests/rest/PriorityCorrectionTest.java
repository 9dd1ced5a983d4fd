package org.relief.requests.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.security.Roles;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTokens;
import org.relief.requests.support.Requests;

/**
 * Issue 11: ops correct a request's priority (POST /help-requests/{id}/priority-correction), the partner sees it, and
 * ops see each organisation's share of critical and flagged intake (GET /ops/intake-shares).
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class PriorityCorrectionTest {
    static final String ALL_FLAGS =
            "[\"ELDERLY_LIVING_ALONE\",\"DISABLED\",\"CHRONIC_ILLNESS\",\"PREGNANT\",\"CHILD\"]";
    static final String CORRECTION = "{\"priority\":\"NORMAL\",\"vulnerabilities\":[\"ELDERLY_LIVING_ALONE\"],"
            + "\"reason\":\"电话核实：只有一位独居老人\"}";

    private static String allFlagsCritical(String org) {
        return Requests.supplies(org, Requests.fresh("小区"), "CRITICAL")
                .replace("[\"ELDERLY_LIVING_ALONE\"]", ALL_FLAGS);
    }

    private static io.restassured.response.ValidatableResponse correct(
            io.restassured.specification.RequestSpecification as, String id, String body) {
        return as.contentType(ContentType.JSON)
                .body(body)
                .post("/help-requests/" + id + "/priority-correction")
                .then();
    }

    @Test
    void opsCorrectThePriorityAndThePartnerSeesItInEnglishAndChinese() {
        String org = Requests.fresh("org");
        String id = Requests.submit(allFlagsCritical(org));

        correct(Requests.partner(org), id, CORRECTION)
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
        correct(given().auth().oauth2(TestTokens.token(org, Roles.DISPATCHER)), id, CORRECTION)
                .statusCode(403);
        correct(given(), id, CORRECTION).statusCode(401);

        correct(Requests.ops(), id, CORRECTION)
                .statusCode(200)
                .body("id", equalTo(id))
                .body("priority", equalTo("NORMAL"))
                .body("vulnerabilities", equalTo(List.of("ELDERLY_LIVING_ALONE")))
                .body("submittedPriority", equalTo("CRITICAL"))
                .body("submittedVulnerabilities.size()", equalTo(5))
                .body("priorityCorrections", equalTo(1));

        JsonPath d = Requests.partner(org)
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("request.priority", equalTo("NORMAL"))
                .body("timeline.event", hasItem("PriorityCorrected"))
                .extract()
                .jsonPath();
        Map<String, Object> entry = d.getMap("timeline.find { it.event == 'PriorityCorrected' }");
        assertTrue(
                ((String) entry.get("explanation")).startsWith("Ops corrected the priority CRITICAL → NORMAL"),
                entry.toString());
        assertTrue(((String) entry.get("explanation")).endsWith(": 电话核实：只有一位独居老人"), entry.toString());
        assertTrue(((String) entry.get("explanationZh")).startsWith("运营人员更正了优先级 CRITICAL → NORMAL"), entry.toString());
        assertTrue(((String) entry.get("actor")).startsWith("ops:"), entry.toString());
        // the list shows the corrected priority too
        Requests.partner(org)
                .get("/help-requests?priority=NORMAL")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));

        // published for inventory, with before and after
        List<ConsumerRecord<String, String>> published = Requests.published(id, 2);
        assertEquals(
                "HelpRequestPriorityCorrected",
                CloudEvents.last(published.get(1).headers(), CloudEvents.TYPE));
        JsonPath event = JsonPath.from(published.get(1).value());
        assertEquals("CRITICAL", event.getString("priorityBefore"));
        assertEquals("NORMAL", event.getString("priority"));
        assertEquals(List.of("ELDERLY_LIVING_ALONE"), event.getList("vulnerabilities"));
        assertEquals(5, event.getList("vulnerabilitiesBefore").size());
        assertEquals(org, event.getString("organisationId"));
    }

    @Test
    void nothingToCorrectUnknownEndedAndInvalidAreProblems() {
        String org = Requests.fresh("org");
        String id = Requests.submit(allFlagsCritical(org));
        correct(Requests.ops(), id, "{\"priority\":\"CRITICAL\",\"reason\":\"核实无误\"}")
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        correct(Requests.ops().header("Accept-Language", "zh"), id, "{\"priority\":\"CRITICAL\",\"reason\":\"核实无误\"}")
                .statusCode(409)
                .body("detail", containsString("无需更正"));
        correct(Requests.ops(), "no-such-request", CORRECTION)
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        correct(Requests.ops(), id, "{\"priority\":\"NORMAL\"}")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        correct(Requests.ops(), id, "{\"priority\":\"NORMAL\",\"reason\":\"" + "x".repeat(501) + "\"}")
                .statusCode(400);
        correct(Requests.ops(), id, "{\"priority\":\"URGENT\",\"reason\":\"x\"}")
                .statusCode(400);
        correct(Requests.ops(), id, "{\"reason\":\"x\"}").statusCode(400);

        Requests.partner(org)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"不需要了\"}")
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(200);
        correct(Requests.ops(), id, CORRECTION).statusCode(409).contentType(startsWith("application/problem+json"));
    }

    @Test
    void anIdempotencyKeyReplaysTheCorrection() {
        String id = Requests.submit(allFlagsCritical(Requests.fresh("org")));
        String key = Requests.fresh("key");
        correct(Requests.ops().header("Idempotency-Key", key), id, CORRECTION)
                .statusCode(200)
                .body("priority", equalTo("NORMAL"));
        correct(Requests.ops().header("Idempotency-Key", key), id, CORRECTION)
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("priorityCorrections", equalTo(1));
        correct(Requests.ops().header("Idempotency-Key", key), id, CORRECTION.replace("NORMAL", "HIGH"))
                .statusCode(422);
        // without the key the same correction is a conflict: nothing changes
        correct(Requests.ops(), id, CORRECTION).statusCode(409);
    }

    @Test
    void opsSeeEachOrganisationsShareOfCriticalAndFlaggedIntake() {
        Instant since = Instant.now().minusSeconds(5);
        String loud = Requests.fresh("org-loud");
        String quiet = Requests.fresh("org-quiet");
        String first = Requests.submit(allFlagsCritical(loud));
        Requests.submit(allFlagsCritical(loud));
        Requests.submit(Requests.supplies(loud, Requests.fresh("小区"), "HIGH"));
        Requests.submit(
                Requests.supplies(quiet, Requests.fresh("小区"), "NORMAL").replace("[\"ELDERLY_LIVING_ALONE\"]", "[]"));
        Requests.submit(Requests.supplies(quiet, Requests.fresh("小区"), "NORMAL"));
        correct(Requests.ops(), first, CORRECTION).statusCode(200);

        Requests.partner(loud).get("/ops/intake-shares").then().statusCode(403);
        given().auth()
                .oauth2(TestTokens.token(loud, Roles.DISPATCHER))
                .get("/ops/intake-shares")
                .then()
                .statusCode(403);
        Requests.ops()
                .get("/ops/intake-shares?since=yesterday")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));

        JsonPath shares = Requests.ops()
                .get("/ops/intake-shares?since=" + since)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> l = shares.getMap("organisations.find { it.organisationId == '" + loud + "' }");
        assertEquals(3, l.get("submitted"));
        assertEquals(2, l.get("critical"), "counted as submitted, not as corrected");
        assertEquals(3, l.get("flagged"));
        assertEquals(2, l.get("allFlags"));
        assertEquals(1, l.get("corrected"));
        assertEquals(0.6667f, ((Number) l.get("criticalShare")).floatValue(), 0.0001);
        Map<String, Object> q = shares.getMap("organisations.find { it.organisationId == '" + quiet + "' }");
        assertEquals(2, q.get("submitted"));
        assertEquals(0, q.get("critical"));
        assertEquals(1, q.get("flagged"));
        assertEquals(0.5f, ((Number) q.get("flaggedShare")).floatValue(), 0.0001);
        List<String> order = shares.getList("organisations.organisationId");
        assertTrue(order.indexOf(loud) < order.indexOf(quiet), "sorted by critical share: " + order);
        assertTrue(shares.getInt("total.submitted") >= 5);
    }
}
