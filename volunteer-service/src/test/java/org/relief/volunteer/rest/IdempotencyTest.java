package org.relief.volunteer.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.tx.Transactions;
import org.relief.volunteer.Fixtures;

/**
 * A retried POST /volunteers with the same Idempotency-Key and body returns the first volunteer and stores nothing
 * more; another body with the key is a 422.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class IdempotencyTest {
    @Inject
    Transactions transactions;

    long events(String volunteerId) {
        return transactions.inNewTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from event_store where stream_id like ?")) {
                ps.setString(1, "volunteer-" + volunteerId + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void aRetriedRegistrationReturnsTheFirstVolunteer() {
        String org = "idem-org-" + Fixtures.suffix();
        String key = "volunteer-" + Fixtures.suffix();
        Map<String, Object> body = Fixtures.volunteer("陈静", "新城区", "psychological-counselling");
        Response first = Fixtures.as(org, Fixtures.COORDINATOR)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/volunteers");
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        String id = first.path("id");
        // the retry names the organisation the token implied: still the same body
        Map<String, Object> explicit = new java.util.HashMap<>(body);
        explicit.put("organisationId", org);
        Fixtures.as(org, Fixtures.COORDINATOR)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(explicit)
                .post("/volunteers")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(id))
                .body("name", equalTo("陈静"));
        Fixtures.as(org, Fixtures.COORDINATOR).get("/volunteers").then().body("size()", equalTo(1));
        assertEquals(1, events(id));
        Map<String, Object> other = new java.util.HashMap<>(body);
        other.put("name", "另一个人");
        Fixtures.as(org, Fixtures.COORDINATOR)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(other)
                .post("/volunteers")
                .then()
                .statusCode(422);
        // without the key the same body is a second volunteer
        Fixtures.as(org, Fixtures.COORDINATOR)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/volunteers")
                .then()
                .statusCode(201);
        Fixtures.as(org, Fixtures.COORDINATOR).get("/volunteers").then().body("size()", equalTo(2));
    }

    /** POST /calls: the same key and body return the first call (and open, staff and publish nothing more). */
    @Test
    void aRetriedCallReturnsTheFirstCall() {
        String org = "idem-community-" + Fixtures.suffix();
        String key = "call-" + Fixtures.suffix();
        String district = Fixtures.district();
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "community",
                "锦业路小区",
                "district",
                district,
                "needed",
                3,
                "windowStart",
                "2027-01-05T08:00:00Z",
                "windowEnd",
                "2027-01-05T10:00:00Z"));
        Response first = Fixtures.as(org, "partner")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/calls");
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        String id = first.path("id");
        Map<String, Object> explicit = new java.util.HashMap<>(body);
        explicit.put("organisationId", org);
        Fixtures.as(org, "partner")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(explicit)
                .post("/calls")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(id));
        assertEquals(2, callEvents(id), "opened and short, once");
        Fixtures.as(org, "partner").get("/calls").then().body("size()", equalTo(1));
        Map<String, Object> other = new java.util.HashMap<>(body);
        other.put("needed", 4);
        Fixtures.as(org, "partner")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(other)
                .post("/calls")
                .then()
                .statusCode(422);
        Fixtures.as(org, "partner")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/calls")
                .then()
                .statusCode(201);
        Fixtures.as(org, "partner").get("/calls").then().body("size()", equalTo(2));
    }

    long callEvents(String callId) {
        return transactions.inNewTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from event_store where stream_id = ?")) {
                ps.setString(1, "volunteer-call-" + callId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
