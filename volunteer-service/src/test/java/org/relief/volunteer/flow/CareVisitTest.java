package org.relief.volunteer.flow;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.relief.kernel.tx.Transactions;
import org.relief.volunteer.Fixtures;
import org.relief.volunteer.TestClock;

/**
 * A CARE request (HelpRequestSubmitted v2 on the real topic) opens a CARE_VISIT call for one volunteer with the
 * requested skill; the coordinator records the acceptance and, after the visit, completes it with the default hours
 * (the window, accepted before it began); VolunteerCallCompleted carries the hours and person-times, and the hours reports add them up. A
 * HelpRequestCancelled cancels a visit and frees the booking.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class CareVisitTest {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String C = Fixtures.COORDINATOR;

    @Inject
    Transactions transactions;

    @Inject
    TestClock clock;

    @AfterEach
    void wallClock() {
        clock.reset();
    }

    static HelpRequestSubmitted care(String requestId, String district, String skill, Instant from, Instant to) {
        return new HelpRequestSubmitted(
                requestId,
                "beilin-community",
                "CARE",
                "HIGH",
                List.of("ELDERLY_LIVING_ALONE"),
                "东关小区",
                district,
                "东关正街 5 号楼 2 单元",
                List.of(),
                null,
                new HelpRequestSubmitted.CareDetails("ELDERLY_CARE", skill, "王奶奶", from, to),
                null,
                Instant.now(),
                null);
    }

    static JsonPath visitOf(String requestId) {
        return Fixtures.ops()
                .queryParam("requestId", requestId)
                .queryParam("purpose", "CARE_VISIT")
                .get("/calls")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    long bookingsOf(String callId) {
        return transactions.inNewTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("select count(*) from volunteer_booking where call_id = ?")) {
                ps.setString(1, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void aCareRequestIsVisitedCompletedWithHoursAndCounted() {
        String district = Fixtures.district();
        String org = "care-org-" + Fixtures.suffix();
        Instant from = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Instant to = from.plus(90, ChronoUnit.MINUTES);
        String carer = Fixtures.available(
                org, "李娜", district, from.minus(2, ChronoUnit.HOURS), to.plus(2, ChronoUnit.HOURS), "elderly-care");
        Fixtures.available(
                org, "张伟", district, from.minus(2, ChronoUnit.HOURS), to.plus(2, ChronoUnit.HOURS), "loading");
        String requestId = UUID.randomUUID().toString();
        Fixtures.publish(
                Topics.REQUESTS,
                requestId,
                HelpRequestSubmitted.TYPE,
                HelpRequestSubmitted.VERSION,
                care(requestId, district, "elderly-care", from, to),
                "beilin-community");

        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertEquals(List.of("FILLED"), visitOf(requestId).getList("status")));
        JsonPath visit = visitOf(requestId);
        String callId = visit.getString("[0].id");
        assertEquals("elderly-care", visit.getString("[0].skill"));
        assertEquals(1, visit.getInt("[0].needed"));
        assertEquals("东关小区, 东关正街 5 号楼 2 单元", visit.getString("[0].place"));
        assertEquals("beilin-community", visit.getString("[0].organisationId"));
        JsonPath details = Fixtures.as(org, C)
                .get("/calls/" + callId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(carer), details.getList("assignments.volunteerId"));
        String assignment = details.getString("assignments[0].id");
        // the requesting partner follows its request's visit too
        Fixtures.as("beilin-community", "partner")
                .get("/calls/" + callId)
                .then()
                .statusCode(200);

        // every coordinator sees the saga's calls, but answers only for its own volunteers
        Fixtures.as("other-" + org, C).get("/calls/" + callId).then().statusCode(200);
        Fixtures.as("other-" + org, C)
                .post("/assignments/" + assignment + "/acceptance")
                .then()
                .statusCode(403);
        Fixtures.as("other-" + org, C)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/calls/" + callId + "/completion")
                .then()
                .statusCode(403);
        Fixtures.as("other-community", "partner").get("/calls/" + callId).then().statusCode(404);

        Fixtures.as(org, C)
                .post("/assignments/" + assignment + "/acceptance")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"));
        // the visit is over (time moved past its window): the default hours are the window, no more
        clock.set(to.plus(25, ChronoUnit.MINUTES));
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/calls/" + callId + "/completion")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("personTimes", equalTo(1))
                .body("hours", equalTo(1.5f))
                .body("assignments[0].status", equalTo("COMPLETED"))
                .body("assignments[0].hours", equalTo(1.5f));
        assertEquals(0, bookingsOf(callId), "a completed assignment frees its booking");
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/calls/" + callId + "/completion")
                .then()
                .statusCode(409);

        List<Fixtures.Published> out = Fixtures.published(requestId, 4);
        assertEquals(
                List.of(
                        "VolunteerCallOpened",
                        "VolunteerAssigned",
                        "VolunteerAssignmentAccepted",
                        "VolunteerCallCompleted"),
                out.stream().map(Fixtures.Published::type).toList());
        var completed = out.get(3).payload();
        assertEquals(1, completed.get("personTimes").asInt());
        assertEquals(0, new BigDecimal("1.50").compareTo(completed.get("hours").decimalValue()));
        assertEquals("CARE_VISIT", completed.get("purpose").asText());

        Fixtures.as(org, C)
                .get("/volunteers/" + carer + "/hours")
                .then()
                .statusCode(200)
                .body("hours", equalTo(1.5f))
                .body("personTimes", equalTo(1))
                .body("byPurpose[0].key", equalTo("CARE_VISIT"))
                .body("completed[0].callId", equalTo(callId));
        Fixtures.as(org, C)
                .queryParam("district", district)
                .get("/volunteer-hours")
                .then()
                .statusCode(200)
                .body("hours", equalTo(1.5f))
                .body("personTimes", equalTo(1))
                .body("bySkill[0].key", equalTo("elderly-care"))
                .body("byPurpose[0].personTimes", equalTo(1));
        // the window filter: the visit started at `from`
        Fixtures.ops()
                .queryParam("district", district)
                .queryParam("from", from.plusSeconds(1).toString())
                .get("/volunteer-hours")
                .then()
                .body("personTimes", equalTo(0));
        Fixtures.ops()
                .queryParam("organisationId", org)
                .queryParam("from", from.toString())
                .queryParam("to", from.plusSeconds(1).toString())
                .get("/volunteer-hours")
                .then()
                .body("personTimes", equalTo(1));
        // another organisation's coordinator sees none of these hours and may not ask for them
        Fixtures.as("other-" + org, C)
                .queryParam("district", district)
                .get("/volunteer-hours")
                .then()
                .body("personTimes", equalTo(0));
        Fixtures.as("other-" + org, C)
                .queryParam("organisationId", org)
                .get("/volunteer-hours")
                .then()
                .statusCode(403);
    }

    @Test
    void aCancelledRequestCancelsItsVisitAndFreesTheVolunteer() {
        String district = Fixtures.district();
        String org = "care-org-" + Fixtures.suffix();
        Instant from = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Instant to = from.plus(2, ChronoUnit.HOURS);
        String carer = Fixtures.available(org, "周敏", district, from, to, "disability-support");
        String requestId = UUID.randomUUID().toString();
        // not a catalogue skill: the need decides, and the call says so
        Fixtures.publish(
                Topics.REQUESTS,
                requestId,
                HelpRequestSubmitted.TYPE,
                HelpRequestSubmitted.VERSION,
                new HelpRequestSubmitted(
                        requestId,
                        "beilin-community",
                        "CARE",
                        "HIGH",
                        List.of("DISABLED"),
                        "东关小区",
                        district,
                        null,
                        List.of(),
                        null,
                        new HelpRequestSubmitted.CareDetails("DISABILITY_SUPPORT", "wheelchair help", "刘先生", from, to),
                        null,
                        Instant.now(),
                        null),
                "beilin-community");
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertEquals(List.of("FILLED"), visitOf(requestId).getList("status")));
        JsonPath visit = visitOf(requestId);
        String callId = visit.getString("[0].id");
        assertEquals("disability-support", visit.getString("[0].skill"));
        assertTrue(visit.getString("[0].skillNote").contains("'wheelchair help' is not in the catalogue"));
        assertEquals(1, bookingsOf(callId));

        Fixtures.publish(
                Topics.REQUESTS,
                requestId,
                HelpRequestCancelled.TYPE,
                HelpRequestCancelled.VERSION,
                new HelpRequestCancelled(requestId, "beilin-community", "家属已到", "beilin-community/bob", Instant.now()),
                "beilin-community");
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertEquals(List.of("CANCELLED"), visitOf(requestId).getList("status")));
        assertEquals(0, bookingsOf(callId));
        Fixtures.ops()
                .get("/calls/" + callId)
                .then()
                .body("assignments[0].status", equalTo("RELEASED"))
                .body("cancelReason", equalTo("request cancelled: 家属已到"));
        // the visit has ended: its coordinator no longer sees the requester's words (CareVisitPrivacyTest)
        Fixtures.as(org, C)
                .get("/calls/" + callId)
                .then()
                .body("assignments[0].status", equalTo("RELEASED"))
                .body("cancelReason", equalTo("request cancelled"));
        List<Fixtures.Published> out = Fixtures.published(requestId, 3);
        assertEquals("VolunteerCallCancelled", out.get(out.size() - 1).type());
        assertEquals(carer, out.get(1).payload().get("volunteerId").asText());
    }
}
