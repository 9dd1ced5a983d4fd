package org.relief.volunteer.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.personaldata.PersonalDataKeyIssued;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTopics;
import org.relief.volunteer.Fixtures;

/** Issue 11: a volunteer's name, phone and note are stored sealed under their own key and erased with it. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class VolunteerErasureTest {
    static final String C = Fixtures.COORDINATOR;

    @Inject
    AgroalDataSource dataSource;

    private List<String> storedAbout(String id) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (String sql : List.of(
                    "select payload::text from event_store where stream_id = ?",
                    "select volunteer_view::text from volunteer_view where id = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        assertFalse(rows.isEmpty());
        return rows;
    }

    @Test
    void aVolunteerIsStoredSealedShownToTheirCoordinatorAndErasedOnceTheyNoLongerServe() throws Exception {
        String org = "vol-org-" + Fixtures.suffix();
        String name = "志愿者" + Fixtures.suffix();
        var body = Fixtures.volunteer(name, "雁塔区", "loading");
        body.put("phone", "13711112222");
        body.put("note", name + " 只能周末");
        String id = Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/volunteers")
                .then()
                .statusCode(201)
                .body("name", equalTo(name))
                .body("phone", equalTo("13711112222"))
                .extract()
                .path("id");
        for (String row : storedAbout(id)) {
            assertFalse(row.contains(name) || row.contains("13711112222"), "stored in plain text: " + row);
        }
        assertEquals(
                PersonalDataKeyIssued.TYPE,
                CloudEvents.last(
                        TestTopics.recordsOfKey(PersonalDataKeyIssued.TOPIC, id, 1, Duration.ofSeconds(30))
                                .get(0)
                                .headers(),
                        CloudEvents.TYPE));

        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"本人要求\"}")
                .post("/volunteers/" + id + "/personal-data-erasure")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"返乡\"}")
                .post("/volunteers/" + id + "/deactivation")
                .then()
                .statusCode(200);
        Fixtures.as("another-org", C)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"本人要求\"}")
                .post("/volunteers/" + id + "/personal-data-erasure")
                .then()
                .statusCode(404);
        Fixtures.as(org, C)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"本人要求\"}")
                .post("/volunteers/" + id + "/personal-data-erasure")
                .then()
                .statusCode(200)
                .body("name", equalTo("[erased]"))
                .body("phone", equalTo("[erased]"))
                .body("note", equalTo("[erased]"))
                .body("district", equalTo("雁塔区"))
                .body("personalDataErasedAt", startsWith("20"));
        String shown = Fixtures.as(org, C)
                .get("/volunteers")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(shown.contains(name) || shown.contains("13711112222"), shown);
        assertTrue(shown.contains("[erased]"), shown);
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"again\"}")
                .post("/volunteers/" + id + "/personal-data-erasure")
                .then()
                .statusCode(200);
        var keys = TestTopics.recordsOfKey(PersonalDataKeyIssued.TOPIC, id, 2, Duration.ofSeconds(30));
        assertEquals(2, keys.size(), "a repeat publishes no second erasure");
        assertEquals("PersonalDataErased", CloudEvents.last(keys.get(1).headers(), CloudEvents.TYPE));
    }
}
