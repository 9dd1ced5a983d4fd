package org.relief.kernel.runtime;

import io.smallrye.health.api.HealthGroup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Up while the Kafka cluster answers, through the same {@code kafka.*} config (TLS, SASL) as every other client.
 * In the {@code kafka} group ({@code /q/health/group/kafka}), never in readiness: the API keeps taking writes into
 * the outbox while the broker is away, so a broker outage must not take the pods out of service.
 */
@HealthGroup(KafkaBrokerHealthCheck.GROUP)
@ApplicationScoped
public class KafkaBrokerHealthCheck implements HealthCheck {
    public static final String GROUP = "kafka";

    private final KafkaClientConfig kafka;
    private final String service;

    private volatile Admin admin;

    @Inject
    public KafkaBrokerHealthCheck(
            KafkaClientConfig kafka, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.kafka = kafka;
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        // no broker address: the health endpoint is not the place to map the network for a stranger (issue 11)
        var builder = HealthCheckResponse.named("kafka-broker");
        try {
            var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(3000));
            int nodes = cluster.nodes().get(4, TimeUnit.SECONDS).size();
            return builder.withData("nodes", nodes).status(nodes > 0).build();
        } catch (Exception e) {
            return builder.withData("error", String.valueOf(e.getMessage()))
                    .down()
                    .build();
        }
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(kafka.admin(service + "-health"));
                }
            }
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
