package org.relief.dispatch.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.dispatch.Fixtures;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.personaldata.PersonalDataKeyIssued;
import org.relief.kernel.testing.TestTopics;

/** Issue 11: a driver's name and phone are stored sealed under their vehicle's key and erased with it. */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class DriverErasureTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aDriverIsStoredSealedShownToTheDeskAndErasedOnceTheVehicleIsOffDutyAndIdle() throws Exception {
        String org = "fleet-org-" + Fixtures.suffix();
        String carrier = Fixtures.carrier(org, "西安出租汽车公司");
        String driver = "司机" + Fixtures.suffix();
        Map<String, Object> body = Fixtures.vehicle(carrier, "TAXI", Fixtures.plate(), "雁塔区");
        body.put("driverName", driver);
        body.put("driverPhone", "13622223333");
        String id = Fixtures.registerVehicle(org, body);
        Fixtures.as(org, "dispatcher")
                .get("/vehicles/" + id)
                .then()
                .statusCode(200)
                .body("driverName", equalTo(driver))
                .body("driverPhone", equalTo("13622223333"));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select payload::text from event_store where stream_id = ? "
                        + "union all select vehicle_view::text from vehicle_view where id = ?")) {
            ps.setString(1, id);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertFalse(
                            rs.getString(1).contains(driver) || rs.getString(1).contains("13622223333"),
                            rs.getString(1));
                }
            }
        }

        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"司机要求\"}")
                .post("/vehicles/" + id + "/driver-data-erasure")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body("{\"available\":false,\"reason\":\"司机离职\"}")
                .post("/vehicles/" + id + "/availability")
                .then()
                .statusCode(200);
        Fixtures.as("another-org", "dispatcher")
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"x\"}")
                .post("/vehicles/" + id + "/driver-data-erasure")
                .then()
                .statusCode(404);
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"司机要求\"}")
                .post("/vehicles/" + id + "/driver-data-erasure")
                .then()
                .statusCode(200)
                .body("driverName", equalTo("[erased]"))
                .body("driverPhone", equalTo("[erased]"))
                .body("driverDataErasedAt", startsWith("20"));
        String listed = Fixtures.as(org, "dispatcher")
                .get("/vehicles")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(listed.contains(driver) || listed.contains("13622223333"), listed);
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"again\"}")
                .post("/vehicles/" + id + "/driver-data-erasure")
                .then()
                .statusCode(200);
        var keys = TestTopics.recordsOfKey(PersonalDataKeyIssued.TOPIC, id, 2, Duration.ofSeconds(30));
        assertEquals(2, keys.size(), "the key, then one erasure");
        assertEquals("PersonalDataErased", CloudEvents.last(keys.get(1).headers(), CloudEvents.TYPE));
    }
}
