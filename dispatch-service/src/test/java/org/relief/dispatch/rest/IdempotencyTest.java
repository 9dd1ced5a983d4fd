package org.relief.dispatch.rest;

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
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.dispatch.Fixtures;
import org.relief.kernel.tx.Transactions;

/**
 * A retried POST /carriers or POST /vehicles with the same Idempotency-Key and body returns the first result and
 * stores nothing more; a retried vehicle is not refused as a duplicate plate; another body with the key is a 422.
 */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class IdempotencyTest {
    @Inject
    Transactions transactions;

    long events(String streamPrefix, String correlation) {
        return transactions.inNewTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from event_store where stream_id like ?")) {
                ps.setString(1, streamPrefix + "-" + correlation + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void aRetriedCarrierRegistrationReturnsTheFirstCarrier() {
        String org = "idem-org-" + Fixtures.suffix();
        String key = "carrier-" + Fixtures.suffix();
        Map<String, Object> body = Map.of("name", "临潼物流园", "kind", "LOGISTICS_PARK", "contactPhone", "029-12345678");
        Response first = Fixtures.as(org, "dispatcher")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/carriers");
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        String id = first.path("id");
        // the retry names the organisation the token implied: still the same body
        Map<String, Object> explicit = new java.util.HashMap<>(body);
        explicit.put("organisationId", org);
        Fixtures.as(org, "dispatcher")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(explicit)
                .post("/carriers")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(id))
                .body("name", equalTo("临潼物流园"));
        Fixtures.as(org, "dispatcher").get("/carriers").then().body("size()", equalTo(1));
        assertEquals(1, events("carrier", id));
        Fixtures.as(org, "dispatcher")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "另一个名字", "kind", "LOGISTICS_PARK", "contactPhone", "029-12345678"))
                .post("/carriers")
                .then()
                .statusCode(422);
    }

    @Test
    void aRetriedVehicleRegistrationIsNotADuplicatePlate() {
        String org = "idem-org-" + Fixtures.suffix();
        String carrier = Fixtures.carrier(org, "公司");
        String key = "vehicle-" + Fixtures.suffix();
        Map<String, Object> body = Fixtures.vehicle(carrier, "VAN", Fixtures.plate(), "新城区");
        String id = Fixtures.as(org, "dispatcher")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/vehicles")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Fixtures.as(org, "dispatcher")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/vehicles")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(id));
        assertEquals(1, events("vehicle", id));
        // without the key the same body is a second registration of the plate
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/vehicles")
                .then()
                .statusCode(409);
        Map<String, Object> other = new java.util.HashMap<>(body);
        other.put("seats", 3);
        Fixtures.as(org, "dispatcher")
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(other)
                .post("/vehicles")
                .then()
                .statusCode(422);
    }
}
