package org.relief.inventory;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.relief.contracts.RequestedLine;
import org.relief.contracts.Topics;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.inventory.messaging.RequestsEventsConsumer;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.inbox.Inbox;
import org.relief.kernel.runtime.OutboxRelayService;
import org.relief.kernel.testing.TestInfrastructure;
import org.relief.kernel.testing.TestTokens;
import org.relief.kernel.testing.TestTopics;
import org.relief.kernel.tx.Transactions;

/**
 * Test helpers: set up warehouses, items and donations through the REST API, publish request events onto the real
 * topic as requests-service would, and read what inventory published. Item codes carry a random suffix, because the
 * broker keeps other runs' (and other services' tests') requests for plain codes like n95-mask.
 */
public final class Fixtures {
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;
    private static final String OPS_TOKEN = TestTokens.token(null, "ops");

    private Fixtures() {}

    /** A call as the ops team (catalogue, stock corrections, the reservation queue). */
    public static RequestSpecification ops() {
        return given().auth().oauth2(OPS_TOKEN);
    }

    /** A call as a user of {@code organisation} with {@code role}. */
    public static RequestSpecification as(String organisation, String role) {
        return given().auth().oauth2(TestTokens.token(organisation, role));
    }

    public static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public static String warehouse(String name, String district) {
        return ops().contentType(ContentType.JSON)
                .body(Map.of("name", name, "district", district, "address", district + "某路 1 号"))
                .post("/warehouses")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static void item(String code, String unit, boolean perishable) {
        ops().contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        code,
                        "nameZh",
                        "物资 " + code,
                        "nameEn",
                        code,
                        "category",
                        "PPE",
                        "unit",
                        unit,
                        "unitWeightKg",
                        0.2,
                        "unitVolumeM3",
                        0.001,
                        "perishable",
                        perishable))
                .post("/items")
                .then()
                .statusCode(201);
    }

    /** lines: item, quantity, expiresOn (or null) triples; returns the response body. */
    public static JsonNode donate(String warehouseId, String donor, Object... lines) {
        List<Map<String, Object>> ls = new java.util.ArrayList<>();
        for (int i = 0; i < lines.length; i += 3) {
            Map<String, Object> l = new java.util.HashMap<>(
                    Map.of("item", lines[i], "quantity", lines[i + 1], "lotCode", "L-" + (i / 3 + 1)));
            if (lines[i + 2] != null) {
                l.put("expiresOn", lines[i + 2]);
            }
            ls.add(l);
        }
        String body = ops().contentType(ContentType.JSON)
                .body(Map.of(
                        "donorOrganisationId",
                        donor,
                        "warehouseId",
                        warehouseId,
                        "valueYuan",
                        1000,
                        "note",
                        "捐赠",
                        "lines",
                        ls))
                .post("/donations")
                .then()
                .statusCode(201)
                .extract()
                .asString();
        return read(body);
    }

    public static HelpRequestSubmitted supplies(
            String requestId,
            String priority,
            List<String> vulnerabilities,
            String district,
            Instant submittedAt,
            Object... itemQuantity) {
        List<RequestedLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < itemQuantity.length; i += 2) {
            lines.add(new RequestedLine(
                    (String) itemQuantity[i], new BigDecimal(itemQuantity[i + 1].toString()), "piece"));
        }
        return new HelpRequestSubmitted(
                requestId,
                "community-" + requestId.substring(0, 4),
                "SUPPLIES",
                priority,
                vulnerabilities,
                "锦业路小区",
                district,
                null,
                lines,
                null,
                null,
                null,
                submittedAt,
                null);
    }

    /** Publishes a HelpRequestSubmitted v2 (TestTopics.send writes schema version 1). */
    public static void publishSubmitted(HelpRequestSubmitted s) {
        publish(s.requestId(), HelpRequestSubmitted.TYPE, HelpRequestSubmitted.VERSION, s, s.organisationId());
    }

    /** @return the CloudEvent id, to find the record in the inbox once it was handled */
    public static synchronized UUID publish(
            String requestId, String type, int version, Object payload, String organisation) {
        if (producer == null) {
            producer = new KafkaProducer<>(OutboxRelayService.producerProperties(
                    TestInfrastructure.kafkaBootstrapServers(), "inventory-test-sender"));
        }
        try {
            var record =
                    new ProducerRecord<String, String>(Topics.REQUESTS, requestId, JSON.writeValueAsString(payload));
            UUID eventId = UUID.randomUUID();
            CloudEvents.headers(
                            eventId,
                            type,
                            version,
                            "/requests-service",
                            requestId,
                            Instant.now(),
                            EventContext.command(requestId, "partner:" + organisation, organisation))
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
            return eventId;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether inventory's consumer has handled (or deliberately skipped) the event: it is in the inbox. */
    public static boolean handled(Transactions transactions, UUID eventId) {
        return transactions.inNewTransaction(c -> new Inbox().seen(c, RequestsEventsConsumer.NAME, eventId));
    }

    /** @param raw the record value as sent (to check how numbers are written) */
    public record Published(String type, JsonNode payload, String raw) {}

    /** What inventory published for a request, in order, waiting until at least {@code atLeast} are there. */
    public static List<Published> published(String requestId, int atLeast) {
        List<ConsumerRecord<String, String>> records =
                TestTopics.recordsOfKey(Topics.INVENTORY, requestId, atLeast, Duration.ofSeconds(45));
        return records.stream()
                .map(r -> new Published(CloudEvents.last(r.headers(), CloudEvents.TYPE), read(r.value()), r.value()))
                .toList();
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
