package org.relief.volunteer.flow;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.volunteer.Fixtures;

/**
 * A call that finds too few volunteers stays OPEN on the waitlist and says so once (VolunteerCallShort); a volunteer
 * who registers and sets availability tops it up; a decline finds someone else at once, never the one who declined.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class WaitlistTest {
    static final String C = Fixtures.COORDINATOR;
    static final Instant START = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    static Map<String, Object> call(String district, String skill, int needed) {
        Map<String, Object> body = new HashMap<>();
        body.put("community", "锦业路小区");
        body.put("place", "3 号楼门口");
        body.put("district", district);
        if (skill != null) {
            body.put("skill", skill);
        }
        body.put("needed", needed);
        body.put("windowStart", START.toString());
        body.put("windowEnd", START.plus(2, ChronoUnit.HOURS).toString());
        body.put("description", "核酸采样秩序维护");
        return body;
    }

    static JsonPath open(String partnerOrg, Map<String, Object> body) {
        return Fixtures.as(partnerOrg, "partner")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/calls")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    @Test
    void aShortCallWaitsSaysSoOnceAndIsToppedUpWhenAVolunteerRegisters() {
        String district = Fixtures.district();
        String org = "wl-org-" + Fixtures.suffix();
        String partner = "wl-community-" + Fixtures.suffix();
        // a nurse counts as medical; the translator does not
        String nurse = Fixtures.available(
                org,
                "护士甲",
                district,
                START.minus(1, ChronoUnit.HOURS),
                START.plus(4, ChronoUnit.HOURS),
                "medical.nursing");
        Fixtures.available(
                org, "翻译乙", district, START.minus(1, ChronoUnit.HOURS), START.plus(4, ChronoUnit.HOURS), "translation");
        JsonPath opened = open(partner, call(district, "medical", 2));
        String callId = opened.getString("id");
        assertEquals("OPEN", opened.getString("status"));
        assertEquals(true, opened.getBoolean("understaffed"));
        assertEquals(List.of(nurse), opened.getList("assignments.volunteerId"));
        assertEquals("COMMUNITY", opened.getString("purpose"));
        assertEquals(partner, opened.getString("organisationId"));
        assertEquals("锦业路小区, 3 号楼门口", opened.getString("place"));

        // the waitlist job runs every 2 s in tests: its rounds in between raise no second VolunteerCallShort
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        String medic = Fixtures.register(org, Fixtures.volunteer("医生丙", district, "medical"));
        Fixtures.as(org, C).get("/calls/" + callId).then().body("assignments.size()", equalTo(1));
        // availability makes the medic fit: topped up
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "windows",
                        List.of(Map.of(
                                "from",
                                START.toString(),
                                "to",
                                START.plus(2, ChronoUnit.HOURS).toString()))))
                .put("/volunteers/" + medic + "/availability")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Fixtures.as(partner, "partner")
                .get("/calls/" + callId)
                .then()
                .body("status", equalTo("FILLED"))
                .body("understaffed", equalTo(false))
                .body("assignments.volunteerId", equalTo(List.of(nurse, medic))));

        List<Fixtures.Published> out = Fixtures.published(callId, 4);
        assertEquals(
                List.of("VolunteerCallOpened", "VolunteerAssigned", "VolunteerCallShort", "VolunteerAssigned"),
                out.stream().map(Fixtures.Published::type).toList());
        assertEquals(1, out.get(2).payload().get("assigned").asInt());
        assertEquals(2, out.get(2).payload().get("needed").asInt());
        assertEquals(2, out.get(3).payload().get("assigned").asInt());
        assertTrue(out.get(0).payload().get("requestId").isNull());
    }

    @Test
    void aDeclineFindsSomeoneElseAtOnceButNotTheOneWhoDeclined() {
        String district = Fixtures.district();
        String org = "wl-org-" + Fixtures.suffix();
        String partner = "wl-community-" + Fixtures.suffix();
        String first = Fixtures.available(org, "志愿者甲", district, START, START.plus(2, ChronoUnit.HOURS), "loading");
        String second = Fixtures.available(org, "志愿者乙", district, START, START.plus(2, ChronoUnit.HOURS), "loading");
        JsonPath opened = open(partner, call(district, null, 1));
        String callId = opened.getString("id");
        assertEquals("FILLED", opened.getString("status"));
        String offered = opened.getString("assignments[0].id");
        String offeredTo = opened.getString("assignments[0].volunteerId");
        assertEquals(first, offeredTo, "the earlier registered of two equals");

        Fixtures.as(org, C)
                .header("Accept-Language", "zh")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "家里有事"))
                .post("/assignments/" + offered + "/decline")
                .then()
                .statusCode(200)
                .body("status", equalTo("DECLINED"))
                .body("reason", equalTo("家里有事"));
        // in the same transaction as the decline: no waiting
        JsonPath after = Fixtures.as(org, C)
                .get("/calls/" + callId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("FILLED", after.getString("status"), after.prettify());
        assertEquals(List.of("DECLINED", "OFFERED"), after.getList("assignments.status"));
        assertEquals(second, after.getString("assignments[1].volunteerId"));

        // the second declines too: nobody else (the first is not asked again), so the call is short
        String again = after.getString("assignments[1].id");
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "生病"))
                .post("/assignments/" + again + "/decline")
                .then()
                .statusCode(200);
        Fixtures.as(org, C)
                .get("/calls/" + callId)
                .then()
                .body("status", equalTo("OPEN"))
                .body("understaffed", equalTo(true))
                .body("assigned", equalTo(0));
        // declining twice is a conflict
        Fixtures.as(org, C)
                .header("Accept-Language", "zh")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "x"))
                .post("/assignments/" + again + "/decline")
                .then()
                .statusCode(409)
                .body("detail", containsString("无法拒绝"));
        List<Fixtures.Published> out = Fixtures.published(callId, 6);
        assertEquals(
                List.of(
                        "VolunteerCallOpened",
                        "VolunteerAssigned",
                        "VolunteerAssignmentDeclined",
                        "VolunteerAssigned",
                        "VolunteerAssignmentDeclined",
                        "VolunteerCallShort"),
                out.stream().map(Fixtures.Published::type).toList());
        assertNotEquals(
                out.get(1).payload().get("volunteerId"), out.get(3).payload().get("volunteerId"));
    }

    @Test
    void aDeactivatedVolunteerIsReplacedOnTheCallsStillToCome() {
        String district = Fixtures.district();
        String org = "wl-org-" + Fixtures.suffix();
        String leaving = Fixtures.available(org, "返乡者", district, START, START.plus(2, ChronoUnit.HOURS), "loading");
        String staying = Fixtures.available(org, "留守者", district, START, START.plus(2, ChronoUnit.HOURS), "loading");
        JsonPath opened = open("wl-community-" + Fixtures.suffix(), call(district, null, 1));
        assertEquals(List.of(leaving), opened.getList("assignments.volunteerId"));
        Fixtures.as(org, C)
                .post("/assignments/" + opened.getString("assignments[0].id") + "/acceptance")
                .then()
                .statusCode(200);

        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "返乡"))
                .post("/volunteers/" + leaving + "/deactivation")
                .then()
                .statusCode(200);
        Fixtures.as(org, C)
                .get("/calls/" + opened.getString("id"))
                .then()
                .body("status", equalTo("FILLED"))
                .body("assignments.volunteerId", equalTo(List.of(leaving, staying)))
                .body("assignments.status", equalTo(List.of("DECLINED", "OFFERED")))
                .body("assignments[0].reason", equalTo("volunteer deactivated"));
    }
}
