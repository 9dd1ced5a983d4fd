package org.relief.kernel.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relief.kernel.envelope.EventTypeRegistry;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.tx.Transactions;

import java.time.Duration;

/** Builds idempotent consumers for a service's Kafka channels, with the configured retry policy. */
@ApplicationScoped
public class ConsumerFactory {
    @Inject
    Transactions transactions;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "relief.consumer.max-attempts", defaultValue = "4")
    int maxAttempts;
    @ConfigProperty(name = "relief.consumer.backoff", defaultValue = "PT0.2S")
    Duration backoff;

    public IdempotentConsumer create(String consumerName, EventTypeRegistry registry) {
        return new IdempotentConsumer(consumerName, transactions, registry, json, maxAttempts, backoff);
    }

    public EventTypeRegistry newRegistry() {
        return new EventTypeRegistry(json);
    }
}
