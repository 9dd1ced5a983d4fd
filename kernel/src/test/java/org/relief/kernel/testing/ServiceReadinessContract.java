package org.relief.kernel.testing;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every service must show once started on its real database and the real broker: ready (database, broker,
 * relay), its OpenAPI document, metrics, and problem+json for unknown paths. Each service's test extends this,
 * annotated {@code @QuarkusTest @WithTestResource(RealInfrastructure.class)}.
 */
public abstract class ServiceReadinessContract {

    @Test
    void readyWithDatabaseBrokerAndRelay() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("kafka-broker", "outbox-relay", "Database connections health check"));
    }

    @Test
    void servesOpenApiMetricsAndUnknownPathsAsProblemJson() {
        String service = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Relief Logistics: " + service));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/no-such-thing").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(404));
    }
}
