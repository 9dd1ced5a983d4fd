package org.relief.volunteer.flow;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relief.contracts.Topics;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.volunteer.Fixtures;
import org.relief.volunteer.TestClock;

/**
 * Need-to-know for the person a care visit is for (issue 11): ops and the requesting partner always see the name,
 * need and address; a coordinator only while one of its volunteers is booked on the live call; every other
 * coordinator, and the booked one once the call has ended, get the call without them (personalData WITHHELD), in
 * every answer that shows the call or its assignments.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class CareVisitPrivacyTest {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String C = Fixtures.COORDINATOR;
    static final String NAME = "张桂兰";
    static final String ADDRESS = "东关正街 5 号楼 2 单元 301 室";
    static final String NEED_NOTE = "需要协助洗澡";

    @Inject
    TestClock clock;

    @AfterEach
    void wallClock() {
        clock.reset();
    }

    record Setting(
            String district, String partner, String orgA, String orgB, String requestId, Instant from, Instant to) {}

    static Setting setting() {
        String s = Fixtures.suffix();
        Instant from = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        return new Setting(
                Fixtures.district(),
                "partner-" + s,
                "care-a-" + s,
                "care-b-" + s,
                UUID.randomUUID().toString(),
                from,
                from.plus(2, ChronoUnit.HOURS));
    }

    /** A care request for 张桂兰 whose requested skill is free text (it lands in the call's skill note). */
    static void request(Setting s) {
        Fixtures.publish(
                Topics.REQUESTS,
                s.requestId(),
                HelpRequestSubmitted.TYPE,
                HelpRequestSubmitted.VERSION,
                new HelpRequestSubmitted(
                        s.requestId(),
                        s.partner(),
                        "CARE",
                        "HIGH",
                        List.of("ELDERLY_LIVING_ALONE"),
                        "东关小区",
                        s.district(),
                        ADDRESS,
                        List.of(),
                        null,
                        new HelpRequestSubmitted.CareDetails("ELDERLY_CARE", NEED_NOTE, NAME, s.from(), s.to()),
                        null,
                        Instant.now(),
                        null),
                s.partner());
    }

    static JsonPath visitOf(String requestId) {
        return Fixtures.ops()
                .queryParam("requestId", requestId)
                .get("/calls")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static String awaitStatus(String requestId, String status) {
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertEquals(List.of(status), visitOf(requestId).getList("status")));
        return visitOf(requestId).getString("[0].id");
    }

    static Response get(io.restassured.specification.RequestSpecification who, String path) {
        Response r = who.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.asString());
        return r;
    }

    /** The call by id and in the list: the whole answer names the person and the address. */
    static void seesPerson(
            io.restassured.specification.RequestSpecification by,
            io.restassured.specification.RequestSpecification listBy,
            Setting s,
            String callId,
            String who) {
        String one = get(by, "/calls/" + callId).asString();
        assertTrue(one.contains(NAME) && one.contains(ADDRESS), who + " sees the person: " + one);
        JsonPath j = JsonPath.from(one);
        assertNull(j.get("personalData"), who);
        assertEquals("东关小区, " + ADDRESS, j.getString("place"), who);
        assertTrue(j.getString("skillNote").contains(NEED_NOTE), who);
        String list =
                get(listBy.queryParam("requestId", s.requestId()), "/calls").asString();
        assertTrue(list.contains(NAME) && list.contains(ADDRESS), who + " sees the person in the list: " + list);
    }

    /** Neither the call by id nor the list names the person, the address or the free-text need. */
    static JsonPath seesNoPerson(
            io.restassured.specification.RequestSpecification by,
            io.restassured.specification.RequestSpecification listBy,
            Setting s,
            String callId,
            String who) {
        String one = get(by, "/calls/" + callId).asString();
        assertWithheld(one, who);
        JsonPath j = JsonPath.from(one);
        assertEquals("WITHHELD", j.getString("personalData"), who);
        assertNull(j.get("place"), who);
        assertNull(j.get("skillNote"), who);
        assertEquals("care visit in " + s.district() + " / " + s.district() + "上门探访", j.getString("description"), who);
        // what it needs to decide to staff the call stays
        assertEquals("CARE_VISIT", j.getString("purpose"), who);
        assertEquals(s.district(), j.getString("district"), who);
        assertEquals(s.from(), Instant.parse(j.getString("windowStart")), who);
        assertEquals(s.to(), Instant.parse(j.getString("windowEnd")), who);
        assertEquals("elderly-care", j.getString("skill"), who);
        assertEquals(1, j.getInt("needed"), who);
        String list =
                get(listBy.queryParam("requestId", s.requestId()), "/calls").asString();
        assertWithheld(list, who + " (list)");
        assertEquals(List.of("WITHHELD"), JsonPath.from(list).getList("personalData"), who);
        return j;
    }

    static void assertWithheld(String body, String who) {
        assertFalse(body.contains(NAME), who + " must not see the name: " + body);
        assertFalse(body.contains("东关正街"), who + " must not see the address: " + body);
        assertFalse(body.contains("东关小区"), who + " must not see the compound: " + body);
        assertFalse(body.contains(NEED_NOTE), who + " must not see the need as written: " + body);
        assertFalse(body.contains("ELDERLY_CARE"), who + " must not see the need: " + body);
    }

    @Test
    void onlyTheBookedCoordinatorSeesThePersonWhileTheVisitIsLive() {
        Setting s = setting();
        request(s);
        // nobody is free yet: the visit waits, unassigned
        String callId = awaitStatus(s.requestId(), "OPEN");

        seesPerson(Fixtures.ops(), Fixtures.ops(), s, callId, "ops");
        seesPerson(
                Fixtures.as(s.partner(), "partner"),
                Fixtures.as(s.partner(), "partner"),
                s,
                callId,
                "the requesting partner");
        seesNoPerson(Fixtures.as(s.orgA(), C), Fixtures.as(s.orgA(), C), s, callId, "coordinator A, unassigned");
        seesNoPerson(Fixtures.as(s.orgB(), C), Fixtures.as(s.orgB(), C), s, callId, "coordinator B, unassigned");

        // A's volunteer becomes free: the waitlist books them on the visit
        String carer = Fixtures.available(
                s.orgA(),
                "李娜",
                s.district(),
                s.from().minus(1, ChronoUnit.HOURS),
                s.to().plus(1, ChronoUnit.HOURS),
                "elderly-care");
        awaitStatus(s.requestId(), "FILLED");
        seesPerson(Fixtures.as(s.orgA(), C), Fixtures.as(s.orgA(), C), s, callId, "coordinator A, booked");
        String bookings = get(Fixtures.as(s.orgA(), C), "/volunteers/" + carer + "/bookings")
                .asString();
        assertTrue(bookings.contains(ADDRESS), "the booked volunteer's coordinator sees where to go: " + bookings);
        JsonPath b =
                seesNoPerson(Fixtures.as(s.orgB(), C), Fixtures.as(s.orgB(), C), s, callId, "coordinator B, A booked");
        assertEquals(List.of(carer), b.getList("assignments.volunteerId"), "B still sees the call is staffed");
        assertEquals(1, b.getInt("assigned"));

        String assignment = get(Fixtures.ops(), "/calls/" + callId).jsonPath().getString("assignments[0].id");
        Response accepted = Fixtures.as(s.orgA(), C).post("/assignments/" + assignment + "/acceptance");
        assertEquals(200, accepted.statusCode(), accepted.asString());
        assertNull(accepted.jsonPath().get("personalData"), "A's volunteer is on the live visit");

        // the visit is over: A completes it, and from then on A has no need to know
        clock.set(s.to().plus(10, ChronoUnit.MINUTES));
        Response completed = Fixtures.as(s.orgA(), C)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/calls/" + callId + "/completion");
        assertEquals(200, completed.statusCode(), completed.asString());
        assertWithheld(completed.asString(), "coordinator A, completion answer");
        assertEquals("COMPLETED", completed.jsonPath().getString("status"));
        assertEquals(List.of("COMPLETED"), completed.jsonPath().getList("assignments.status"));
        assertEquals(List.of("WITHHELD"), completed.jsonPath().getList("assignments.personalData"));

        seesNoPerson(Fixtures.as(s.orgA(), C), Fixtures.as(s.orgA(), C), s, callId, "coordinator A, completed");
        seesNoPerson(Fixtures.as(s.orgB(), C), Fixtures.as(s.orgB(), C), s, callId, "coordinator B, completed");
        String hours =
                get(Fixtures.as(s.orgA(), C), "/volunteers/" + carer + "/hours").asString();
        assertWithheld(hours, "coordinator A, the volunteer's hours");
        assertEquals(List.of("WITHHELD"), JsonPath.from(hours).getList("completed.personalData"));
        assertEquals(List.of(callId), JsonPath.from(hours).getList("completed.callId"));
        seesPerson(Fixtures.ops(), Fixtures.ops(), s, callId, "ops, completed");
        seesPerson(
                Fixtures.as(s.partner(), "partner"),
                Fixtures.as(s.partner(), "partner"),
                s,
                callId,
                "the requesting partner, completed");
    }

    @Test
    void aCancelledVisitNoLongerShowsThePersonToTheBookedCoordinator() {
        Setting s = setting();
        String carer = Fixtures.available(s.orgA(), "周敏", s.district(), s.from(), s.to(), "elderly-care");
        request(s);
        String callId = awaitStatus(s.requestId(), "FILLED");
        seesPerson(Fixtures.as(s.orgA(), C), Fixtures.as(s.orgA(), C), s, callId, "coordinator A, booked");
        seesNoPerson(Fixtures.as(s.orgB(), C), Fixtures.as(s.orgB(), C), s, callId, "coordinator B, A booked");

        // the requester's reason names the person: it stays with ops and the requester
        Fixtures.publish(
                Topics.REQUESTS,
                s.requestId(),
                HelpRequestCancelled.TYPE,
                HelpRequestCancelled.VERSION,
                new HelpRequestCancelled(
                        s.requestId(), s.partner(), NAME + "的女儿已到", s.partner() + "/bob", Instant.now()),
                s.partner());
        awaitStatus(s.requestId(), "CANCELLED");

        JsonPath a =
                seesNoPerson(Fixtures.as(s.orgA(), C), Fixtures.as(s.orgA(), C), s, callId, "coordinator A, cancelled");
        assertEquals("request cancelled", a.getString("cancelReason"));
        assertEquals(List.of("RELEASED"), a.getList("assignments.status"));
        assertEquals(List.of("request cancelled"), a.getList("assignments.reason"));
        assertEquals(List.of(carer), a.getList("assignments.volunteerId"));
        seesNoPerson(Fixtures.as(s.orgB(), C), Fixtures.as(s.orgB(), C), s, callId, "coordinator B, cancelled");
        assertEquals(
                "[]",
                get(Fixtures.as(s.orgA(), C), "/volunteers/" + carer + "/bookings")
                        .asString()
                        .strip());

        seesPerson(Fixtures.ops(), Fixtures.ops(), s, callId, "ops, cancelled");
        JsonPath partner =
                get(Fixtures.as(s.partner(), "partner"), "/calls/" + callId).jsonPath();
        assertEquals("request cancelled: " + NAME + "的女儿已到", partner.getString("cancelReason"));
    }
}
