package org.relief.systemtests;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.TestInfrastructure;

/**
 * The packaged service in its prod profile has no fallback for its secrets: started without DB_PASSWORD it stops at
 * once, before it opens any connection, with a non-zero exit and Quarkus's message naming the setting
 * ({@code quarkus.datasource.password}, which %prod takes from DB_PASSWORD), instead of trying a default password.
 * Without RequiredSettings it would start: Quarkus treats the password as optional, and the local PostgreSQL
 * trusts loopback connections.
 */
class ProdConfigSystemTest {

    @Test
    void aMissingDatabasePasswordStopsTheStartAndNamesTheVariable() throws Exception {
        Path root = TestInfrastructure.projectRoot();
        Path jar = root.resolve("requests-service/target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), jar + " is missing: package the services first");
        Path log = root.resolve("system-tests/target/service-logs/requests-service-no-password.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-Dquarkus.http.port=" + ServiceProcess.freePort(),
                        "-Dquarkus.management.port=" + ServiceProcess.freePort(),
                        "-jar",
                        jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("DB_PASSWORD");
        builder.environment().put("DB_URL", TestInfrastructure.jdbcUrl("requests_system"));
        builder.environment().put("DB_USER", TestInfrastructure.DB_USER);
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers());
        builder.environment().put("RELIEF_PERSONAL_DATA_KEK", ServiceProcess.PERSONAL_DATA_KEK);
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the service kept running without DB_PASSWORD");
            assertNotEquals(0, process.exitValue());
            String output = Files.readString(log);
            assertTrue(
                    output.contains("quarkus.datasource.password"),
                    "the output does not name the password:\n" + output);
        } finally {
            process.destroyForcibly();
        }
    }
}
