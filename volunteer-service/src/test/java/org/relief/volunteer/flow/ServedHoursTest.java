package org.relief.volunteer.flow;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.volunteer.Fixtures;
import org.relief.volunteer.TestClock;

/**
 * Issue 10, path 7: hours are what was served. A call is not completed before its window starts (409); by default
 * each volunteer logs from the window start (or their acceptance, if later) to the completion, at most to the
 * window end; more hours than that are refused (400).
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ServedHoursTest {
    static final String C = Fixtures.COORDINATOR;
    static final String PROBLEM = "application/problem+json";

    @Inject
    TestClock clock;

    @AfterEach
    void wallClock() {
        clock.reset();
    }

    @Test
    void aCallIsCompletedOnlyOnceItsWindowBeganAndLogsOnlyWhatWasServed() {
        String district = Fixtures.district();
        String org = "hours-org-" + Fixtures.suffix();
        Instant start = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Instant end = start.plus(3, ChronoUnit.HOURS);
        String first = Fixtures.available(org, "甲", district, start, end, "translation");
        String second = Fixtures.available(org, "乙", district, start, end, "translation");
        JsonPath opened = WaitlistTest.open(
                "hours-community-" + Fixtures.suffix(),
                Map.of(
                        "community",
                        "锦业路小区",
                        "district",
                        district,
                        "needed",
                        2,
                        "windowStart",
                        start.toString(),
                        "windowEnd",
                        end.toString()));
        String callId = opened.getString("id");
        String a1 = opened.getString("assignments.find { it.volunteerId == '" + first + "' }.id");
        String a2 = opened.getString("assignments.find { it.volunteerId == '" + second + "' }.id");
        Fixtures.as(org, C).post("/assignments/" + a1 + "/acceptance").then().statusCode(200);

        // seconds after it was opened, days before its window: refused, nothing logged
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/calls/" + callId + "/completion")
                .then()
                .statusCode(409)
                .contentType(startsWith(PROBLEM))
                .body("detail", containsString("before its window starts at " + start));
        Fixtures.as(org, C).get("/calls/" + callId).then().body("status", equalTo("FILLED"));
        Fixtures.as(org, C).get("/volunteers/" + first + "/hours").then().body("personTimes", equalTo(0));

        // the second accepts half an hour into the window; the call is completed 1 h 30 min into it
        clock.set(start.plus(30, ChronoUnit.MINUTES));
        Fixtures.as(org, C).post("/assignments/" + a2 + "/acceptance").then().statusCode(200);
        clock.set(start.plus(90, ChronoUnit.MINUTES));
        // more than was served so far is refused
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of("hours", List.of(Map.of("assignmentId", a1, "hours", 3))))
                .post("/calls/" + callId + "/completion")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("detail", containsString("at most 1.50"));
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/calls/" + callId + "/completion")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("assignments.find { it.id == '" + a1 + "' }.hours", equalTo(1.5f))
                .body("assignments.find { it.id == '" + a2 + "' }.hours", equalTo(1.0f))
                .body("hours", equalTo(2.5f));
        Fixtures.as(org, C).get("/volunteers/" + first + "/hours").then().body("hours", equalTo(1.5f));
    }
}
