package org.relief.kernel.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: points the service under test at the real test broker (started if needed) and at its
 * {@code <service>_test} database of this checkout (the {@code %test} datasource URL appends
 * {@value TestInfrastructure#DB_SUFFIX_PROPERTY}), makes sure the test databases exist, and makes the services trust
 * the test-only JWT key pair ({@link TestTokens}). No Dev Services, no containers.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        TestInfrastructure.ensureDatabases();
        // PGHOST/PGPORT and the database suffix: the services' %test datasource URLs are built from them (local
        // server, fetched one, container), so each service uses its <service>_test database of this checkout
        String suffix = TestInfrastructure.databaseSuffix();
        return Map.of(
                "PGHOST",
                TestInfrastructure.databaseHost(),
                "PGPORT",
                TestInfrastructure.databasePort(),
                TestInfrastructure.DB_SUFFIX_PROPERTY,
                suffix.isEmpty() ? "" : "_" + suffix,
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
