package org.relief.kernel.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: points the service under test at the real test broker (started if needed) and makes sure
 * the test databases exist, and makes the services trust the test-only JWT key pair ({@link TestTokens}). No Dev
 * Services, no containers.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        TestInfrastructure.ensureDatabases();
        // PGHOST/PGPORT: the services' %test datasource URLs are built from them (local server, fetched one, container)
        return Map.of(
                "PGHOST",
                TestInfrastructure.databaseHost(),
                "PGPORT",
                TestInfrastructure.databasePort(),
                "kafka.bootstrap.servers",
                TestInfrastructure.kafkaBootstrapServers(),
                "mp.jwt.verify.publickey.location",
                TestTokens.publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer",
                TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // the broker is shared by the whole build and left running
    }
}
