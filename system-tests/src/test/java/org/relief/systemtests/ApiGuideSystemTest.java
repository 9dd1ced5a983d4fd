package org.relief.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.TestInfrastructure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the curl walk-through of docs/api.md, block by block as one bash script, against freshly started services
 * that trust the local key pair of {@code ./platform token} (as {@code ./platform up} does), so the guide never rots.
 */
class ApiGuideSystemTest {
    static ServiceProcess requests;
    static ServiceProcess inventory;
    static Path root;

    @BeforeAll
    static void start() throws Exception {
        root = TestInfrastructure.projectRoot();
        TestInfrastructure.ensureDatabases();
        // makes .local/keys if missing: the guide's tokens come from ./platform token
        run(List.of("bash", "platform", "token", "--role", "ops"), Map.of(), 30);
        String key = root.resolve(".local/keys/jwt-public.pem").toUri().toString();
        requests = new ServiceProcess("requests-service", 28281, guideConfig("requests_system", key)).start();
        inventory = new ServiceProcess("inventory-service", 28282, guideConfig("inventory_system", key)).start();
        requests.awaitReady(Duration.ofSeconds(120));
        inventory.awaitReady(Duration.ofSeconds(120));
    }

    static Map<String, String> guideConfig(String database, String publicKey) {
        return Map.of("kafka.bootstrap.servers", TestInfrastructure.kafkaBootstrapServers(),
                "quarkus.datasource.jdbc.url", TestInfrastructure.jdbcUrl(database),
                "quarkus.flyway.clean-disabled", "false",
                "quarkus.flyway.clean-at-start", "true",
                "mp.jwt.verify.publickey.location", publicKey);
    }

    @AfterAll
    static void stop() throws Exception {
        if (requests != null) {
            requests.close();
        }
        if (inventory != null) {
            inventory.close();
        }
    }

    @Test
    void theWalkThroughInTheApiGuideRunsAsWritten() throws Exception {
        String guide = Files.readString(root.resolve("docs/api.md"), StandardCharsets.UTF_8);
        int from = guide.indexOf("## Walk-through");
        int to = guide.indexOf("\n## ", from + 1);
        assertTrue(from >= 0, "docs/api.md has no walk-through section");
        Matcher m = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(guide.substring(from, to < 0 ? guide.length() : to));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertTrue(blocks.size() >= 8, "expected the walk-through's blocks, found " + blocks.size());
        String output = run(List.of("bash", "-c", String.join("\n", blocks)),
                Map.of("REQ", requests.baseUri(), "INV", inventory.baseUri()), 300);
        System.out.println("api guide walk-through (" + blocks.size() + " blocks) ran:\n" + output);
    }

    private static String run(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        Path log = Files.createTempFile("api-guide", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "did not finish in " + timeoutSeconds + " s:\n" + output);
        assertEquals(0, p.exitValue(), String.join(" ", command.subList(0, Math.min(2, command.size()))) + " failed:\n" + output);
        return output;
    }
}
