package org.relief.kernel.runtime;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Ready only while the Kafka cluster answers: without it the outbox cannot drain and consumers stall. */
@Readiness
@ApplicationScoped
public class KafkaBrokerHealthCheck implements HealthCheck {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private volatile Admin admin;

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("kafka-broker").withData("bootstrap.servers", bootstrapServers);
        try {
            var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(3000));
            int nodes = cluster.nodes().get(4, TimeUnit.SECONDS).size();
            return builder.withData("nodes", nodes).status(nodes > 0).build();
        } catch (Exception e) {
            return builder.withData("error", String.valueOf(e.getMessage())).down().build();
        }
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000));
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
