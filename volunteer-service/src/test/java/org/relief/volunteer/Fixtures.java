package org.relief.volunteer;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.relief.contracts.Topics;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.runtime.OutboxRelayService;
import org.relief.kernel.testing.TestInfrastructure;
import org.relief.kernel.testing.TestTokens;
import org.relief.kernel.testing.TestTopics;

/** Test helpers: callers by role and fresh ids (the test database is clean, but runs share nothing else). */
public final class Fixtures {
    public static final String COORDINATOR = "volunteer-coordinator";

    private Fixtures() {}

    public static RequestSpecification ops() {
        return given().auth().oauth2(TestTokens.token(null, "ops"));
    }

    public static RequestSpecification as(String organisation, String role) {
        return given().auth().oauth2(TestTokens.token(organisation, role));
    }

    public static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> volunteer(String name, String district, String... skills) {
        Map<String, Object> v = new HashMap<>();
        v.put("name", name);
        v.put("phone", "13800138000");
        v.put("district", district);
        v.put("skills", List.of(skills));
        v.put("note", "周末可以");
        return v;
    }

    public static String register(String org, Map<String, Object> body) {
        return as(org, COORDINATOR)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/volunteers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    /**
     * A district of its own for one test: the topics hold other runs' (and other services' tests') requests and
     * trips, whose calls must not take this test's volunteers, nor this test's calls theirs.
     */
    public static String district() {
        return "测试区-" + suffix();
    }

    /** A volunteer of {@code org} available from {@code from} to {@code to}. */
    public static String available(
            String org, String name, String district, Instant from, Instant to, String... skills) {
        String id = register(org, volunteer(name, district, skills));
        as(org, COORDINATOR)
                .contentType(ContentType.JSON)
                .body(Map.of("windows", List.of(Map.of("from", from.toString(), "to", to.toString()))))
                .put("/volunteers/" + id + "/availability")
                .then()
                .statusCode(200);
        return id;
    }

    /** Sends an event as another service's outbox relay would, with the given schema version. */
    public static synchronized UUID publish(
            String topic, String key, String type, int version, Object payload, String organisation) {
        if (producer == null) {
            producer = new KafkaProducer<>(OutboxRelayService.producerProperties(
                    TestInfrastructure.kafkaBootstrapServers(), "volunteer-test-sender"));
        }
        try {
            var record = new ProducerRecord<String, String>(topic, key, JSON.writeValueAsString(payload));
            UUID eventId = UUID.randomUUID();
            String source = topic.equals(Topics.DISPATCH) ? "/dispatch-service" : "/requests-service";
            CloudEvents.headers(
                            eventId,
                            type,
                            version,
                            source,
                            key,
                            Instant.now(),
                            EventContext.command(key, "test:" + organisation, organisation))
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
            return eventId;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public record Published(String type, JsonNode payload) {}

    /** What volunteer-service published under {@code key}, in order, once at least {@code atLeast} are there. */
    public static List<Published> published(String key, int atLeast) {
        List<ConsumerRecord<String, String>> records =
                TestTopics.recordsOfKey(Topics.VOLUNTEER, key, atLeast, Duration.ofSeconds(60));
        return records.stream()
                .map(r -> new Published(CloudEvents.last(r.headers(), CloudEvents.TYPE), read(r.value())))
                .toList();
    }

    public static long count(List<Published> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
