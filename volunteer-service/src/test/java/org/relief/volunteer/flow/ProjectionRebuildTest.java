package org.relief.volunteer.flow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.ProjectionOps;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.volunteer.Fixtures;

/** The volunteer read models rebuilt from the event store equal the live ones; damaged rows are found and repaired. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ProjectionRebuildTest {
    static final List<String> ALL = List.of("calls", "volunteers");
    static final String C = Fixtures.COORDINATOR;

    @Inject
    DataSource dataSource;

    private static ValidatableResponse post(String projection, String what) {
        return ProjectionOps.call(projection, what);
    }

    private void sql(String sql, String key) throws Exception {
        ProjectionOps.changeOneRow(dataSource, sql, key);
    }

    @Test
    void verifyFindsDamagedRowsAndRebuildRestoresThem() throws Exception {
        Fixtures.ops().get("/ops/projections").then().statusCode(200).body("name", equalTo(ALL));
        // the test database outlives runs and may hold views written by older projector versions
        ALL.forEach(p -> post(p, "rebuild"));

        String district = Fixtures.district();
        String org = "rebuild-org-" + Fixtures.suffix();
        Instant start = Instant.now().plus(6, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Instant end = start.plus(3, ChronoUnit.HOURS);
        String first = Fixtures.available(org, "甲", district, start, end, "translation");
        String second = Fixtures.available(org, "乙", district, start, end, "translation");
        JsonPath opened = WaitlistTest.open(
                "rebuild-community-" + Fixtures.suffix(),
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
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "家里有事"))
                .post("/assignments/" + a2 + "/decline")
                .then()
                .statusCode(200);

        for (String p : ALL) {
            post(p, "verify")
                    .body("projection", equalTo(p))
                    .body("committed", equalTo(false))
                    .body("equal", equalTo(true));
        }

        String status = Fixtures.as(org, C)
                .get("/calls/" + callId)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
        sql("update volunteer_call_view set status = 'CANCELLED' where id = ?", callId);
        sql("delete from volunteer_window where volunteer_id = ?", first);
        post("calls", "verify")
                .body("equal", equalTo(false))
                .body("tables.findAll { !it.equal }.table", equalTo(List.of("volunteer_call_view")));
        post("volunteers", "verify")
                .body("equal", equalTo(false))
                .body("tables.findAll { !it.equal }.table", equalTo(List.of("volunteer_window")));
        Fixtures.as(org, C).get("/calls/" + callId).then().body("status", equalTo("CANCELLED"));

        ALL.forEach(p -> post(p, "rebuild").body("committed", equalTo(true)));
        for (String p : ALL) {
            post(p, "verify").body("equal", equalTo(true));
        }
        Fixtures.as(org, C).get("/calls/" + callId).then().body("status", equalTo(status));
    }

    @Test
    void onlyOpsAndKnownProjections() {
        Fixtures.as("some-org", C).post("/ops/projections/calls/rebuild").then().statusCode(403);
        given().post("/ops/projections/calls/verify").then().statusCode(401);
        Fixtures.ops()
                .post("/ops/projections/nothing/rebuild")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
