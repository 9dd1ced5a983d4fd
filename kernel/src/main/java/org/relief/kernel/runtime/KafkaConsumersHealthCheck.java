package org.relief.kernel.runtime;

import io.smallrye.health.api.HealthGroup;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The SmallRye consumers' readiness (each channel's consumer connected and assigned partitions) in the
 * {@code kafka} group. SmallRye's own readiness and startup checks are switched off (kernel
 * microprofile-config.properties): with them a broker outage would take the API out of service, or keep a new pod
 * from ever starting. SmallRye's liveness check stays: a channel that failed (failure-strategy=fail) needs a restart.
 */
@HealthGroup(KafkaBrokerHealthCheck.GROUP)
@ApplicationScoped
public class KafkaConsumersHealthCheck implements HealthCheck {
    private final HealthCenter health;

    @Inject
    public KafkaConsumersHealthCheck(HealthCenter health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("kafka-consumers");
        if (!health.isInitialized()) {
            return builder.withData("state", "not yet initialised").down().build();
        }
        HealthReport report = health.getReadiness();
        for (HealthReport.ChannelInfo channel : report.getChannels()) {
            builder.withData(
                    channel.getChannel(),
                    channel.isOk() ? "OK" : "KO" + (channel.getMessage() == null ? "" : ": " + channel.getMessage()));
        }
        return builder.status(report.isOk()).build();
    }
}
