package org.relief.kernel.runtime;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The one Kafka client configuration of a service: Quarkus's {@code kafka.*} config (bootstrap servers, security
 * protocol, SASL, TLS trust), the same map the SmallRye consumers start from. The relay's producer and the health
 * check's admin client are built from it, so a broker that needs TLS or SASL is reached by every client or by none.
 */
@ApplicationScoped
public class KafkaClientConfig {
    private final Map<String, Object> kafka;

    @Inject
    public KafkaClientConfig(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    /** The relay's producer: the shared config with the relay's durability settings on top. */
    public Map<String, Object> producer(String clientId) {
        return OutboxRelayService.producerConfig(kafka, clientId);
    }

    /** An admin client for health checks: the shared config with short timeouts, so a dead broker answers fast. */
    public Map<String, Object> admin(String clientId) {
        Map<String, Object> config = only(kafka, AdminClientConfig.configNames());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
        return config;
    }

    public String bootstrapServers() {
        return String.valueOf(kafka.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /**
     * The entries a client knows. The map also holds consumer-only keys (group.id) and Quarkus keys, which a
     * producer or admin client would only warn about.
     */
    static Map<String, Object> only(Map<String, ?> config, Set<String> known) {
        Map<String, Object> result = new HashMap<>();
        config.forEach((k, v) -> {
            if (known.contains(k) && v != null && !String.valueOf(v).isEmpty()) {
                result.put(k, v);
            }
        });
        return result;
    }
}
