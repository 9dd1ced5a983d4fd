package org.relief.volunteer.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTokens;
import org.relief.volunteer.Fixtures;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Fixtures.as(org, C).get("/volunteers/" + volunteer).then().body("active", equalTo(true))
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
        Fixtures.as(mine, C).queryParam("skill", "translation").get("/volunteers").then().body("id", contains(myVolunteer));
        for (Call call : List.of(new Call("GET", "/volunteers/" + theirVolunteer, null),
                new Call("PUT", "/volunteers/" + theirVolunteer + "/availability", WINDOWS),
                new Call("POST", "/volunteers/" + theirVolunteer + "/deactivation", Map.of("reason", "越权")))) {
            Response r = call.send(Fixtures.as(mine, C));
            assertEquals(404, r.statusCode(), call + ": " + r.asString());
            assertTrue(String.valueOf(r.contentType()).startsWith(PROBLEM), call.toString());
        }
        Fixtures.as(theirs, C).get("/volunteers/" + theirVolunteer).then().body("active", equalTo(true))
                .body("windows.size()", equalTo(0));

        // naming another organisation is refused outright
        var impostor = Fixtures.volunteer("冒名", "雁塔区", "loading");
        impostor.put("organisationId", theirs);
        Fixtures.as(mine, C).contentType(ContentType.JSON).body(impostor).post("/volunteers").then().statusCode(403)
                .contentType(startsWith(PROBLEM));
        Fixtures.as(theirs, C).get("/volunteers").then().body("id", contains(theirVolunteer));

        // ops: everything, and registering for a named organisation (which they must name)
        Fixtures.ops().get("/volunteers").then().statusCode(200).body("id", hasItems(myVolunteer, theirVolunteer));
        Fixtures.ops().get("/volunteers/" + theirVolunteer).then().statusCode(200);
        var forTheirs = Fixtures.volunteer("运维登记", "雁塔区", "loading");
        forTheirs.put("organisationId", theirs);
        String opsVolunteer = Fixtures.ops().contentType(ContentType.JSON).body(forTheirs).post("/volunteers").then()
                .statusCode(201).body("organisationId", equalTo(theirs)).extract().path("id");
        Fixtures.ops().contentType(ContentType.JSON).body(Map.of("reason", "运维停用"))
                .post("/volunteers/" + theirVolunteer + "/deactivation").then().statusCode(200);
        Fixtures.ops().contentType(ContentType.JSON).body(Fixtures.volunteer("无组织", "雁塔区", "loading"))
                .post("/volunteers").then().statusCode(400);
        Fixtures.as(theirs, C).get("/volunteers/" + opsVolunteer).then().statusCode(200);
        Fixtures.as(theirs, C).get("/volunteers/" + theirVolunteer).then().body("active", equalTo(false));
    }
}
