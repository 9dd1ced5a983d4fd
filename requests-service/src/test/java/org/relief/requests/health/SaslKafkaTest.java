package org.relief.requests.health;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.relief.contracts.Topics;
import org.relief.kernel.runtime.OutboxRelayService;
import org.relief.kernel.testing.Management;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestInfrastructure;
import org.relief.requests.support.Requests;

/**
 * The service reaches Kafka only through the test broker's SASL_PLAINTEXT/PLAIN listener, configured once as
 * {@code kafka.*}: the outbox relay publishes, the SmallRye consumer consumes and the health check's admin client
 * connects, all with those settings. Without the credentials the same listener refuses a client.
 */
@QuarkusTest
@WithTestResource(SaslKafkaTest.SaslBroker.class)
class SaslKafkaTest {
    // the test broker's test-only user (deploy/local/kafka.sh): not a secret
    static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"relief-test\" password=\"relief-test-only\";";

    /** The real database and test tokens; Kafka only through the SASL listener. */
    public static class SaslBroker implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(new RealInfrastructure().start());
            // this checkout's test broker's SASL port, as kafka.sh recorded it (a broker started before the SASL
            // listener existed is restarted with it)
            config.put("kafka.bootstrap.servers", TestInfrastructure.kafkaSaslBootstrapServers());
            config.put("kafka.security.protocol", "SASL_PLAINTEXT");
            config.put("kafka.sasl.mechanism", "PLAIN");
            config.put("kafka.sasl.jaas.config", JAAS);
            return config;
        }

        @Override
        public void stop() {}
    }

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Test
    void theRelayPublishesAndTheConsumerConsumesThroughTheSaslListener() {
        assertEquals(TestInfrastructure.kafkaSaslBootstrapServers(), kafka.get("bootstrap.servers"));
        String id = Requests.submit(Requests.supplies(Requests.fresh("sasl-org"), "锦业路小区", "HIGH"));

        // published by the relay (its only route to the broker is the SASL listener), read back on the plain one
        assertEquals(List.of("HelpRequestSubmitted"), Requests.publishedTypes(id, 1));

        // inventory's answer, sent on the plain listener, reaches the service's SmallRye consumer through SASL
        Requests.opened(id);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Requests.details(id)
                .then()
                .statusCode(200)
                .body("request.status", equalTo("RESERVATION_PENDING")));

        Management.given()
                .get("/q/health/group/kafka")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("kafka-broker", "outbox-relay", "kafka-consumers"));
    }

    @Test
    void theSaslListenerRefusesAClientWithoutTheCredentials() {
        Map<String, Object> wrongPassword = new HashMap<>(kafka);
        wrongPassword.put("sasl.jaas.config", JAAS.replace("relief-test-only", "wrong"));
        Throwable refused = sendFails(wrongPassword);
        assertTrue(
                causedBy(refused, SaslAuthenticationException.class),
                () -> "not an authentication failure: " + refused);

        Map<String, Object> noCredentials = new HashMap<>(kafka);
        noCredentials.keySet().removeIf(k -> k.startsWith("sasl.") || k.equals("security.protocol"));
        sendFails(noCredentials);
    }

    private static Throwable sendFails(Map<String, Object> config) {
        Map<String, Object> producerConfig = OutboxRelayService.producerConfig(config, "sasl-refused");
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6000);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (var producer = new KafkaProducer<String, String>(producerConfig)) {
            return assertThrows(Exception.class, () -> {
                try {
                    producer.send(new ProducerRecord<>(Topics.REQUESTS, "refused", "{}"))
                            .get(15, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    throw (Exception) e.getCause();
                }
            });
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
