package org.relief.kernel.runtime;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings a service cannot run without, as required values. Quarkus checks required config before it starts
 * anything, so in %prod, where they come from DB_URL, DB_USER, DB_PASSWORD and KAFKA_BOOTSTRAP_SERVERS with no
 * default, a missing one stops the start before any connection, with the setting named. Needed for the password:
 * Quarkus treats the datasource password as optional and would otherwise start without it (and a database that
 * trusts the pod's address would even accept that).
 */
@Startup
@ApplicationScoped
public class RequiredSettings {
    // asking for the values is the check: they are not kept
    @Inject
    public RequiredSettings(
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String databaseUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String databaseUser,
            @ConfigProperty(name = "quarkus.datasource.password") String databasePassword,
            @ConfigProperty(name = "kafka.bootstrap.servers") String kafkaBootstrapServers) {}
}
