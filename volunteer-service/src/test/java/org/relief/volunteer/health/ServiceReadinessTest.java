package org.relief.volunteer.health;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** volunteer-service starts on its own database with the kernel schema and is ready against the real broker. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ServiceReadinessTest {
    @Test
    void readyWithDatabaseBrokerAndRelay() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("kafka-broker", "outbox-relay", "Database connections health check"));
    }

    @Test
    void servesItsOpenApiDocumentAndUnknownPathsAsProblemJson() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Relief Logistics: volunteer-service"));
        given().get("/no-such-thing").then().statusCode(404).body("status", equalTo(404));
    }
}
