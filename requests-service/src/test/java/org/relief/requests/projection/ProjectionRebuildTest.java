package org.relief.requests.projection;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.relief.kernel.security.Roles;
import org.relief.kernel.testing.ProjectionOps;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTokens;
import org.relief.requests.support.Requests;

/** help_request_view rebuilt from the event store equals the live one; a damaged row is found and repaired. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ProjectionRebuildTest {
    static final String ORG = Requests.fresh("org");

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry meters;

    private static ValidatableResponse post(String what) {
        return ProjectionOps.call("help-requests", what);
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Requests.ops()
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("request.status", equalTo(status)));
    }

    private void sql(String sql, String id) throws Exception {
        ProjectionOps.changeOneRow(dataSource, sql, id);
    }

    private long stageTimings() {
        return meters.find("relief.saga.stage").timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    @Test
    void verifyFindsADamagedViewRowAndRebuildRestoresIt() throws Exception {
        Requests.ops()
                .get("/ops/projections")
                .then()
                .statusCode(200)
                .body("name", hasItem("help-requests"))
                .body("find { it.name == 'help-requests' }.tables", equalTo(java.util.List.of("help_request_view")));
        // the test database outlives runs and may hold views written by older projector versions
        post("rebuild");

        String reserved = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "HIGH"));
        Requests.opened(reserved);
        Requests.allocation(reserved, "StockReserved", 200, 1000, "全部预留");
        awaitStatus(reserved, "RESERVED");
        String expired = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "NORMAL"));
        Requests.opened(expired);
        Requests.allocation(expired, "StockPartiallyReserved", 50, 0, "部分到货");
        awaitStatus(expired, "PARTIALLY_RESERVED");
        Requests.released(expired, "EXPIRED");
        awaitStatus(expired, "EXPIRED");
        String cancelled = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "CRITICAL"));
        Requests.partner(ORG)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"已从其他渠道获得物资\"}")
                .post("/help-requests/" + cancelled + "/cancellation")
                .then()
                .statusCode(200);
        // issue 11: a corrected priority and flags, and the submitted ones beside them, rebuild alike
        Requests.ops()
                .contentType(ContentType.JSON)
                .body("{\"priority\":\"CRITICAL\",\"vulnerabilities\":[\"DISABLED\",\"CHILD\"],\"reason\":\"核实后升级\"}")
                .post("/help-requests/" + reserved + "/priority-correction")
                .then()
                .statusCode(200)
                .body("priority", equalTo("CRITICAL"))
                .body("submittedPriority", equalTo("HIGH"));

        post("verify")
                .body("projection", equalTo("help-requests"))
                .body("committed", equalTo(false))
                .body("events", greaterThan(8))
                .body("equal", equalTo(true))
                .body("tables[0].table", equalTo("help_request_view"))
                .body("tables[0].equal", equalTo(true));

        sql("update help_request_view set status = 'SUBMITTED' where id = ?", reserved);
        ValidatableResponse differs =
                post("verify").body("equal", equalTo(false)).body("tables[0].equal", equalTo(false));
        String liveSum = differs.extract().path("tables[0].liveChecksum");
        differs.body("tables[0].rebuiltChecksum", not(equalTo(liveSum)))
                .body("tables[0].liveRows", equalTo(differs.extract().<Integer>path("tables[0].rebuiltRows")));
        // verify changed nothing
        Requests.ops().get("/help-requests/" + reserved).then().body("request.status", equalTo("SUBMITTED"));

        long timings = stageTimings();
        post("rebuild").body("committed", equalTo(true)).body("equal", equalTo(false));
        assertEquals(timings, stageTimings(), "a rebuild records no saga metrics");
        Requests.ops()
                .get("/help-requests/" + reserved)
                .then()
                .body("request.status", equalTo("RESERVED"))
                .body("request.priority", equalTo("CRITICAL"))
                .body("request.priorityCorrections", equalTo(1));
        Requests.ops().get("/help-requests/" + expired).then().body("request.status", equalTo("EXPIRED"));
        Requests.ops().get("/help-requests/" + cancelled).then().body("request.status", equalTo("CANCELLED"));
        post("verify").body("equal", equalTo(true));

        // a deleted row is found and restored too
        sql("delete from help_request_view where id = ?", cancelled);
        post("verify").body("equal", equalTo(false));
        post("rebuild");
        post("verify").body("equal", equalTo(true));
        Requests.ops()
                .get("/help-requests/" + cancelled)
                .then()
                .statusCode(200)
                .body("request.status", equalTo("CANCELLED"));
    }

    /** A writer holding the view longer than the lock timeout (5 s): 409 problem+json, nothing changed, retry works. */
    @Test
    void aBusyViewIsAConflictAndNothingChanges() throws Exception {
        String id = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "NORMAL"));
        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            try (PreparedStatement ps =
                    writer.prepareStatement("update help_request_view set note = 'held' where id = ?")) {
                ps.setString(1, id);
                assertEquals(1, ps.executeUpdate());
            }
            Requests.ops()
                    .post("/ops/projections/help-requests/rebuild")
                    .then()
                    .statusCode(409)
                    .contentType(startsWith("application/problem+json"));
            writer.rollback();
        }
        post("rebuild").body("committed", equalTo(true));
        post("verify").body("equal", equalTo(true));
    }

    @Test
    void onlyOpsAndKnownProjections() {
        Requests.partner(ORG)
                .post("/ops/projections/help-requests/rebuild")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.token(null, Roles.PARTNER))
                .get("/ops/projections")
                .then()
                .statusCode(403);
        given().post("/ops/projections/help-requests/verify").then().statusCode(401);
        Requests.ops()
                .post("/ops/projections/nothing/verify")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
