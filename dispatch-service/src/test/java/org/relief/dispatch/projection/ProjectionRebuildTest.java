package org.relief.dispatch.projection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.dispatch.Events;
import org.relief.dispatch.Fixtures;
import org.relief.kernel.testing.ProjectionOps;

/** Dispatch's read models rebuilt from the event store equal the live ones; damaged rows are found and repaired. */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class ProjectionRebuildTest {
    static final List<String> ALL = List.of("fleet", "trips");
    final String org = "rebuild-org-" + Fixtures.suffix();
    String vehicle;

    @Inject
    DataSource dataSource;

    private static ValidatableResponse post(String projection, String what) {
        return ProjectionOps.call(projection, what);
    }

    private void sql(String sql, String key) throws Exception {
        ProjectionOps.changeOneRow(dataSource, sql, key);
    }

    /** No free vehicle is left behind for later tests' loads. */
    @AfterEach
    void takeVehicleOff() {
        if (vehicle != null) {
            Events.takeOff(org, vehicle);
        }
    }

    @Test
    void verifyFindsDamagedRowsAndRebuildRestoresThem() throws Exception {
        Fixtures.ops().get("/ops/projections").then().statusCode(200).body("name", equalTo(ALL));
        // the test database outlives runs and may hold views written by older projector versions
        ALL.forEach(p -> post(p, "rebuild"));

        String district = "重建区" + Fixtures.suffix();
        String carrier = Fixtures.carrier(org, "西安货运公司");
        vehicle = Events.vehicle(org, carrier, "TRUCK", "8000", "60", district);
        var warehouse = Events.warehouse(district);
        String requestId = UUID.randomUUID().toString();
        Events.submitted(Events.supplies(requestId, "rebuild-community", "CRITICAL", "雁塔区"));
        Events.reserved(Events.allocation(
                requestId,
                Instant.now().plus(Duration.ofHours(48)),
                Events.line("n95-mask", "1000", "0.01", "0.0002", warehouse)));
        List<Events.Published> out = Events.published(requestId, 1);
        assertEquals("TripScheduled", out.get(0).type());
        String tripId = out.get(0).payload().get("tripId").asText();
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/trips/" + tripId + "/pickup")
                .then()
                .statusCode(200)
                .body("trip.status", equalTo("PICKED_UP"));

        for (String p : ALL) {
            post(p, "verify")
                    .body("projection", equalTo(p))
                    .body("committed", equalTo(false))
                    .body("equal", equalTo(true));
        }

        sql("update trip_view set status = 'QUEUED' where id = ?", tripId);
        sql("update vehicle_view set available = false where id = ?", vehicle);
        post("trips", "verify")
                .body("equal", equalTo(false))
                .body("tables.findAll { !it.equal }.table", equalTo(List.of("trip_view")));
        post("fleet", "verify")
                .body("equal", equalTo(false))
                .body("tables.findAll { !it.equal }.table", equalTo(List.of("vehicle_view")));
        Fixtures.ops().get("/trips/" + tripId).then().body("trip.status", equalTo("QUEUED"));

        ALL.forEach(p -> post(p, "rebuild").body("committed", equalTo(true)));
        for (String p : ALL) {
            post(p, "verify").body("equal", equalTo(true));
        }
        Fixtures.ops().get("/trips/" + tripId).then().body("trip.status", equalTo("PICKED_UP"));
    }

    @Test
    void onlyOpsAndKnownProjections() {
        Fixtures.as(org, "dispatcher")
                .post("/ops/projections/trips/rebuild")
                .then()
                .statusCode(403);
        given().post("/ops/projections/trips/verify").then().statusCode(401);
        Fixtures.ops()
                .post("/ops/projections/nothing/rebuild")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
