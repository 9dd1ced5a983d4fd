package org.relief.volunteer.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTokens;
import org.relief.volunteer.Fixtures;

/**
 * Coordinators see and change only their own organisation's volunteers (another organisation's id answers 404 like
 * an unknown one, naming another organisation is a 403); ops see and change all; other roles get 403; no or an
 * expired token gets 401.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class AccessControlTest {
    static final String PROBLEM = "application/problem+json";
    static final String C = Fixtures.COORDINATOR;

    record Call(String method, String path, Object body) {
        Response send(RequestSpecification spec) {
            if (body != null) {
                spec = spec.contentType(ContentType.JSON).body(body);
            }
            return spec.request(method, path);
        }
    }

    static final Map<String, Object> WINDOWS =
            Map.of("windows", List.of(Map.of("from", "2026-12-01T08:00:00Z", "to", "2026-12-01T09:00:00Z")));

    List<Call> calls(String volunteer) {
        return List.of(
                new Call("POST", "/volunteers", Fixtures.volunteer("张三", "莲湖区", "loading")),
                new Call("GET", "/volunteers", null),
                new Call("GET", "/volunteers/" + volunteer, null),
                new Call("PUT", "/volunteers/" + volunteer + "/availability", WINDOWS),
                new Call("POST", "/volunteers/" + volunteer + "/deactivation", Map.of("reason", "测试")));
    }

    @Test
    void noOrAnExpiredTokenIs401AndOtherRolesAre403() {
        String org = "acl-org-" + Fixtures.suffix();
        String volunteer = Fixtures.register(org, Fixtures.volunteer("张三", "莲湖区", "loading"));
        String expired = TestTokens.token(org, C, "late-user", Instant.now().minusSeconds(3600));
        for (Call call : calls(volunteer)) {
            for (RequestSpecification spec : List.of(given(), given().auth().oauth2(expired))) {
                Response r = call.send(spec);
                assertEquals(401, r.statusCode(), call + ": " + r.asString());
            }
            for (String role : List.of("partner", "donor", "dispatcher")) {
                Response r = call.send(Fixtures.as(org, role));
                assertEquals(403, r.statusCode(), role + " " + call + ": " + r.asString());
                assertTrue(String.valueOf(r.contentType()).startsWith(PROBLEM), call.toString());
            }
        }
        given().get("/skills").then().statusCode(401);
        // nothing the refused calls did changed the volunteer
        Fixtures.as(org, C)
                .get("/volunteers/" + volunteer)
                .then()
                .body("active", equalTo(true))
                .body("windows.size()", equalTo(0));
        Fixtures.as(org, C).get("/volunteers").then().body("id", contains(volunteer));
    }

    @Test
    void aCoordinatorSeesOnlyTheirOwnOrganisationAndOpsSeeAll() {
        String mine = "acl-org-" + Fixtures.suffix();
        String theirs = "acl-org-" + Fixtures.suffix();
        String myVolunteer = Fixtures.register(mine, Fixtures.volunteer("我的志愿者", "雁塔区", "translation"));
        String theirVolunteer = Fixtures.register(theirs, Fixtures.volunteer("别人的志愿者", "雁塔区", "translation"));

        Fixtures.as(mine, C).get("/volunteers").then().body("id", contains(myVolunteer));
        Fixtures.as(mine, C)
                .queryParam("skill", "translation")
                .get("/volunteers")
                .then()
                .body("id", contains(myVolunteer));
        for (Call call : List.of(
                new Call("GET", "/volunteers/" + theirVolunteer, null),
                new Call("PUT", "/volunteers/" + theirVolunteer + "/availability", WINDOWS),
                new Call("POST", "/volunteers/" + theirVolunteer + "/deactivation", Map.of("reason", "越权")))) {
            Response r = call.send(Fixtures.as(mine, C));
            assertEquals(404, r.statusCode(), call + ": " + r.asString());
            assertTrue(String.valueOf(r.contentType()).startsWith(PROBLEM), call.toString());
        }
        Fixtures.as(theirs, C)
                .get("/volunteers/" + theirVolunteer)
                .then()
                .body("active", equalTo(true))
                .body("windows.size()", equalTo(0));

        // naming another organisation is refused outright
        var impostor = Fixtures.volunteer("冒名", "雁塔区", "loading");
        impostor.put("organisationId", theirs);
        Fixtures.as(mine, C)
                .contentType(ContentType.JSON)
                .body(impostor)
                .post("/volunteers")
                .then()
                .statusCode(403)
                .contentType(startsWith(PROBLEM));
        Fixtures.as(theirs, C).get("/volunteers").then().body("id", contains(theirVolunteer));

        // ops: everything, and registering for a named organisation (which they must name)
        Fixtures.ops().get("/volunteers").then().statusCode(200).body("id", hasItems(myVolunteer, theirVolunteer));
        Fixtures.ops().get("/volunteers/" + theirVolunteer).then().statusCode(200);
        var forTheirs = Fixtures.volunteer("运维登记", "雁塔区", "loading");
        forTheirs.put("organisationId", theirs);
        String opsVolunteer = Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(forTheirs)
                .post("/volunteers")
                .then()
                .statusCode(201)
                .body("organisationId", equalTo(theirs))
                .extract()
                .path("id");
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "运维停用"))
                .post("/volunteers/" + theirVolunteer + "/deactivation")
                .then()
                .statusCode(200);
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Fixtures.volunteer("无组织", "雁塔区", "loading"))
                .post("/volunteers")
                .then()
                .statusCode(400);
        Fixtures.as(theirs, C).get("/volunteers/" + opsVolunteer).then().statusCode(200);
        Fixtures.as(theirs, C).get("/volunteers/" + theirVolunteer).then().body("active", equalTo(false));
    }

    static Map<String, Object> callBody(String district, int needed, Instant start) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("community", "锦业路小区");
        body.put("district", district);
        body.put("needed", needed);
        body.put("windowStart", start.toString());
        body.put("windowEnd", start.plusSeconds(7200).toString());
        return body;
    }

    /**
     * The call, assignment and hours endpoints: 401 without a valid token, 403 for roles that have no business there,
     * and scoping: a partner sees its organisation's calls, a coordinator answers and completes only for its own
     * volunteers, another organisation's call answers 404 like an unknown one.
     */
    @Test
    void callsAssignmentsAndHoursAreScoped() {
        String district = Fixtures.district();
        String org = "acl-org-" + Fixtures.suffix();
        String other = "acl-org-" + Fixtures.suffix();
        String partner = "acl-community-" + Fixtures.suffix();
        Instant start = Instant.now().plusSeconds(4 * 86400).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        String mine = Fixtures.available(org, "我的志愿者", district, start, start.plusSeconds(3 * 3600), "loading");
        String theirs = Fixtures.available(other, "别人的志愿者", district, start, start.plusSeconds(3 * 3600), "loading");
        var opened = Fixtures.as(partner, "partner")
                .contentType(ContentType.JSON)
                .body(callBody(district, 2, start))
                .post("/calls")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String callId = opened.getString("id");
        String myAssignment = opened.getString("assignments.find { it.volunteerId == '" + mine + "' }.id");
        String theirAssignment = opened.getString("assignments.find { it.volunteerId == '" + theirs + "' }.id");

        List<Call> all = List.of(
                new Call("POST", "/calls", callBody(district, 1, start)),
                new Call("GET", "/calls", null),
                new Call("GET", "/calls/" + callId, null),
                new Call("POST", "/calls/" + callId + "/cancellation", Map.of("reason", "测试")),
                new Call("POST", "/calls/" + callId + "/completion", Map.of()),
                new Call("POST", "/assignments/" + myAssignment + "/acceptance", null),
                new Call("POST", "/assignments/" + myAssignment + "/decline", Map.of("reason", "测试")),
                new Call("GET", "/volunteer-hours", null),
                new Call("GET", "/volunteers/" + mine + "/hours", null),
                new Call("GET", "/volunteers/" + mine + "/bookings", null));
        String expired = TestTokens.token(org, C, "late-user", Instant.now().minusSeconds(3600));
        for (Call call : all) {
            for (RequestSpecification spec : List.of(given(), given().auth().oauth2(expired))) {
                Response r = call.send(spec);
                assertEquals(401, r.statusCode(), call + ": " + r.asString());
            }
            for (String role : List.of("donor", "dispatcher")) {
                Response r = call.send(Fixtures.as(org, role));
                assertEquals(403, r.statusCode(), role + " " + call + ": " + r.asString());
                assertTrue(String.valueOf(r.contentType()).startsWith(PROBLEM), call.toString());
            }
        }
        // partners neither answer for volunteers nor complete nor see hours; coordinators open and cancel no calls
        for (Call call : all.subList(4, 10)) {
            Response r = call.send(Fixtures.as(partner, "partner"));
            assertEquals(403, r.statusCode(), "partner " + call + ": " + r.asString());
        }
        for (Call call : List.of(all.get(0), all.get(3))) {
            Response r = call.send(Fixtures.as(org, C));
            assertEquals(403, r.statusCode(), "coordinator " + call + ": " + r.asString());
        }

        // a stranger organisation sees nothing of it: 404 like an unknown id
        String stranger = "acl-org-" + Fixtures.suffix();
        for (Call call : List.of(all.get(2), all.get(4), all.get(5), all.get(6))) {
            Response r = call.send(Fixtures.as(stranger, C));
            assertEquals(404, r.statusCode(), "stranger " + call + ": " + r.asString());
            assertTrue(String.valueOf(r.contentType()).startsWith(PROBLEM), call.toString());
        }
        for (Call call : List.of(all.get(2), all.get(3))) {
            Response r = call.send(Fixtures.as(stranger, "partner"));
            assertEquals(404, r.statusCode(), "other partner " + call + ": " + r.asString());
        }
        Fixtures.as(stranger, C).get("/calls").then().statusCode(200).body("id", not(hasItem(callId)));
        Fixtures.as(stranger, C).get("/volunteers/" + mine + "/hours").then().statusCode(404);
        Fixtures.as(stranger, C).get("/volunteers/" + mine + "/bookings").then().statusCode(404);
        Fixtures.as(org, C)
                .get("/volunteers/" + mine + "/bookings")
                .then()
                .statusCode(200)
                .body("callId", contains(callId))
                .body("from", contains(start.toString()));

        // the coordinators whose volunteers are on it see it, and answer only for their own
        Fixtures.as(other, C).get("/calls/" + callId).then().statusCode(200);
        Fixtures.as(other, C)
                .queryParam("district", district)
                .get("/calls")
                .then()
                .body("id", hasItem(callId));
        Fixtures.as(other, C)
                .post("/assignments/" + myAssignment + "/acceptance")
                .then()
                .statusCode(403)
                .contentType(startsWith(PROBLEM));
        Fixtures.as(other, C)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "越权"))
                .post("/assignments/" + myAssignment + "/decline")
                .then()
                .statusCode(403);
        // the call holds both organisations' volunteers: neither coordinator completes it alone
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/calls/" + callId + "/completion")
                .then()
                .statusCode(403);
        Fixtures.as(org, C)
                .post("/assignments/" + myAssignment + "/acceptance")
                .then()
                .statusCode(200);
        Fixtures.as(other, C)
                .post("/assignments/" + theirAssignment + "/acceptance")
                .then()
                .statusCode(200);
        // nothing the refused calls did changed the call
        Fixtures.as(partner, "partner")
                .get("/calls/" + callId)
                .then()
                .statusCode(200)
                .body("status", equalTo("FILLED"))
                .body("assignments.status", contains("ACCEPTED", "ACCEPTED"));
        Fixtures.as(partner, "partner").get("/calls").then().body("id", contains(callId));

        // ops may do everything; a partner cancels its own community call
        Fixtures.ops().get("/calls/" + callId).then().statusCode(200);
        Fixtures.ops()
                .queryParam("organisationId", org)
                .get("/volunteer-hours")
                .then()
                .statusCode(200);
        Fixtures.as(partner, "partner")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "活动取消"))
                .post("/calls/" + callId + "/cancellation")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));
    }
}
