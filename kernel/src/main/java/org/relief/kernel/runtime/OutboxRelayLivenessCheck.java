package org.relief.kernel.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the relay's thread runs. It catches every failure of a pass (database, broker) and retries, so a dead
 * thread means something only a restart fixes; neither Kafka nor the database is asked here, so an outage of
 * either never gets the pod restarted.
 */
@Liveness
@ApplicationScoped
public class OutboxRelayLivenessCheck implements HealthCheck {
    private final OutboxRelayService service;

    @Inject
    public OutboxRelayLivenessCheck(OutboxRelayService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("outbox-relay-thread").withData("enabled", service.enabled());
        if (!service.enabled()) {
            return builder.up().build();
        }
        return builder.status(service.relay().map(r -> r.isRunning()).orElse(false))
                .build();
    }
}
