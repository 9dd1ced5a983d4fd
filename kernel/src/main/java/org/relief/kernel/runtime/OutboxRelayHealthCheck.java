package org.relief.kernel.runtime;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Up when the relay loop is alive (it may be a follower: another replica holds the lock). Reports the backlog so a
 * stuck broker connection is visible. In the {@code kafka} group, not in readiness: a backlog is what the outbox is
 * for. Liveness watches only the loop ({@link OutboxRelayLivenessCheck}).
 */
@HealthGroup(KafkaBrokerHealthCheck.GROUP)
@ApplicationScoped
public class OutboxRelayHealthCheck implements HealthCheck {
    private final OutboxRelayService service;

    @Inject
    public OutboxRelayHealthCheck(OutboxRelayService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        var backlog = service.backlog();
        var builder = HealthCheckResponse.named("outbox-relay")
                .withData("enabled", service.enabled())
                .withData("unpublished", backlog.unpublished())
                .withData("oldestUnpublishedMs", backlog.oldestAgeMillis());
        if (!service.enabled()) {
            return builder.up().build();
        }
        var relay = service.relay();
        boolean alive = relay.isPresent() && relay.get().isRunning();
        relay.ifPresent(r -> builder.withData("leader", r.isLeader()).withData("published", r.publishedCount()));
        return builder.status(alive && backlog.unpublished() >= 0).build();
    }
}
