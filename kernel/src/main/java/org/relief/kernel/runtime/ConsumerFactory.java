package org.relief.kernel.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relief.kernel.inbox.EventHandlers;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.tx.Transactions;

/** Builds idempotent consumers for a service's Kafka channels, with the configured retry policy. */
@ApplicationScoped
public class ConsumerFactory {
    private final Transactions transactions;
    private final ObjectMapper json;
    private final OpenTelemetry openTelemetry;
    private final int maxAttempts;
    private final Duration backoff;

    private final Map<String, IdempotentConsumer> bound = new ConcurrentHashMap<>();
    /** Set when shutdown begins, before persistence closes: consumers then leave failing records unacknowledged. */
    private volatile boolean stopping;

    @Inject
    public ConsumerFactory(
            Transactions transactions,
            ObjectMapper json,
            OpenTelemetry openTelemetry,
            @ConfigProperty(name = "relief.consumer.max-attempts", defaultValue = "4") int maxAttempts,
            @ConfigProperty(name = "relief.consumer.backoff", defaultValue = "PT0.2S") Duration backoff) {
        this.transactions = transactions;
        this.json = json;
        this.openTelemetry = openTelemetry;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    void onShutdown(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
    }

    /**
     * A consumer bound to the handlers it declares (type → handler, one place); its parked events can be listed and
     * replayed through {@code /ops/parked-events}.
     */
    public IdempotentConsumer create(String consumerName, EventHandlers handlers) {
        IdempotentConsumer consumer = new IdempotentConsumer(
                consumerName,
                transactions,
                handlers.registry(),
                json,
                maxAttempts,
                backoff,
                handlers,
                tracer(),
                () -> stopping);
        bound.put(consumerName, consumer);
        return consumer;
    }

    /** An empty handler table for a consumer to declare its event types in. */
    public EventHandlers handlers() {
        return new EventHandlers(json);
    }

    private io.opentelemetry.api.trace.Tracer tracer() {
        return openTelemetry.getTracer("org.relief.kernel.inbox");
    }

    public Optional<IdempotentConsumer> find(String consumerName) {
        return Optional.ofNullable(bound.get(consumerName));
    }

    public Set<String> names() {
        return Set.copyOf(bound.keySet());
    }
}
