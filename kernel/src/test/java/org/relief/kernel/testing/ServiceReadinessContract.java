package org.relief.kernel.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every service must show once started on its real database and the real broker: ready (its database
 * answers; Kafka is not part of readiness), the broker, relay and consumers UP in the {@code kafka} health group, the
 * relay thread in liveness, its OpenAPI document and metrics on the management port only, and problem+json for
 * unknown paths. Each service's test extends this, annotated {@code @QuarkusTest @WithTestResource(RealInfrastructure.class)}.
 */
public abstract class ServiceReadinessContract {

    @Test
    void readyWithItsDatabaseAndKafkaInItsOwnGroup() {
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", not(hasItems("kafka-broker")))
                .body("checks.name", not(hasItems("outbox-relay")))
                .body("checks.name", not(hasItems("kafka-consumers")));
        // the consumers are assigned their partitions a moment after start
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Management.given()
                .get("/q/health/group/kafka")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("kafka-broker", "outbox-relay", "kafka-consumers")));
        Management.given()
                .get("/q/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("outbox-relay-thread"));
    }

    @Test
    void servesOpenApiMetricsOnTheManagementPortAndUnknownPathsAsProblemJson() {
        String service = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        Management.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("Relief Logistics: " + service));
        Management.given().get("/q/metrics").then().statusCode(200);
        // the API docs page: not framed by another site, no script from elsewhere (issue 11)
        Management.given()
                .get("/q/swagger-ui/")
                .then()
                .statusCode(200)
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'"));
        // the public API port serves the API only
        for (String path : List.of("/q/health/ready", "/q/metrics", "/q/openapi")) {
            given().get(path).then().statusCode(404);
        }
        given().get("/no-such-thing")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404));
    }

    /**
     * The OpenAPI document a client can be generated from (issue 15): the bearer scheme the operations name is
     * defined, every operation has an id, unique in the document, every success answer but a 204 has a schema, and every
     * 4xx/5xx answer is the Problem schema.
     */
    @Test
    void itsOpenApiDocumentDefinesTheSchemeNamesEveryOperationAndTypesEveryError() {
        io.restassured.path.json.JsonPath doc = Management.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals("http", doc.getString("components.securitySchemes.bearer.type"));
        org.junit.jupiter.api.Assertions.assertEquals(
                "bearer", doc.getString("components.securitySchemes.bearer.scheme"));
        org.junit.jupiter.api.Assertions.assertNotNull(doc.get("components.schemas.Problem"));
        java.util.Map<String, java.util.Map<String, java.util.Map<String, Object>>> paths = doc.getMap("paths");
        java.util.Set<String> ids = new java.util.HashSet<>();
        List<String> problems = new java.util.ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, op) -> {
            String where = method.toUpperCase(java.util.Locale.ROOT) + " " + path;
            Object id = op.get("operationId");
            if (id == null || !ids.add(id.toString())) {
                problems.add(where + ": operationId " + id + " missing or not unique");
            }
            Object security = op.get("security");
            if (security instanceof List<?> l && !l.toString().contains("bearer")) {
                problems.add(where + ": security names " + l + ", not the defined scheme");
            }
            @SuppressWarnings("unchecked")
            java.util.Map<String, java.util.Map<String, Object>> responses =
                    (java.util.Map<String, java.util.Map<String, Object>>) op.get("responses");
            responses.forEach((code, response) -> {
                // a client generator needs the success answer's type (a 201 without it generates a void method)
                if (code.startsWith("2") && !code.equals("204") && response.get("content") == null) {
                    problems.add(where + " " + code + ": no schema for the answer");
                }
                if ((code.startsWith("4") || code.startsWith("5"))
                        && !String.valueOf(response.get("content")).contains("#/components/schemas/Problem")) {
                    problems.add(where + " " + code + ": no Problem schema");
                }
            });
        }));
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), problems);
    }

    /**
     * The document partners generate clients from is kept in the repository ({@code docs/openapi/<service>.json}, linted
     * by CI) and must be what the service serves: an API change shows up in review as a change to that file. The
     * service's tests with {@code -Dopenapi.export=true} write it anew.
     */
    @Test
    void servesTheOpenApiDocumentKeptInTheRepository() throws java.io.IOException {
        String service = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode served = json.readTree(Management.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        java.nio.file.Path kept = TestInfrastructure.projectRoot().resolve("docs/openapi/" + service + ".json");
        if (Boolean.getBoolean("openapi.export")) {
            java.nio.file.Files.createDirectories(kept.getParent());
            java.nio.file.Files.writeString(
                    kept, json.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
        }
        org.junit.jupiter.api.Assertions.assertTrue(
                java.nio.file.Files.exists(kept), kept + " is missing: run this test with -Dopenapi.export=true");
        List<String> differences = new java.util.ArrayList<>();
        JsonDifferences.between("", json.readTree(kept.toFile()), served, differences);
        org.junit.jupiter.api.Assertions.assertEquals(
                List.of(),
                differences,
                "the served OpenAPI document differs from " + kept
                        + " (kept vs served, first differences); if the change is meant, run the service's tests with "
                        + "-Dopenapi.export=true and commit the file");
    }
}
