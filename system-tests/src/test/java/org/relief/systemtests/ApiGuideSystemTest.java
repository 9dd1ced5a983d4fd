package org.relief.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.relief.kernel.testing.TestInfrastructure;

/**
 * Runs the curl walk-throughs of docs/api.md and of the README, block by block as one bash script each, against
 * freshly started services that trust the local key pair of {@code ./platform token} (as {@code ./platform up} does),
 * so the guides never rot.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiGuideSystemTest {
    static ServiceProcess requests;
    static ServiceProcess inventory;
    static ServiceProcess dispatch;
    static ServiceProcess volunteer;
    static Path root;

    @BeforeAll
    static void start() throws Exception {
        root = TestInfrastructure.projectRoot();
        TestInfrastructure.ensureDatabases();
        ConsumerGroups.startAtTheEnd();
        // makes .local/keys if missing: the guide's tokens come from ./platform token
        run(List.of("bash", "platform", "token", "--role", "ops"), Map.of(), 30);
        String key = root.resolve(".local/keys/jwt-public.pem").toUri().toString();
        requests = new ServiceProcess("requests-service", guideConfig("requests_system", key)).start();
        inventory = new ServiceProcess("inventory-service", guideConfig("inventory_system", key)).start();
        dispatch = new ServiceProcess("dispatch-service", guideConfig("dispatch_system", key)).start();
        volunteer = new ServiceProcess("volunteer-service", guideConfig("volunteer_system", key)).start();
        for (ServiceProcess p : new ServiceProcess[] {requests, inventory, dispatch, volunteer}) {
            p.awaitReady(Duration.ofSeconds(120));
        }
    }

    static Map<String, String> guideConfig(String database, String publicKey) {
        Map<String, String> c = ServiceProcess.freshConfig(database);
        c.put("mp.jwt.verify.publickey.location", publicKey);
        return c;
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess p : new ServiceProcess[] {requests, inventory, dispatch, volunteer}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    @Order(1)
    void theWalkThroughInTheApiGuideRunsAsWritten() throws Exception {
        runSection("docs/api.md", "## Walk-through", 8);
    }

    /**
     * The README's saga by hand: submit supplies, register a truck, deliver, confirm: fulfilled and stock issued. It
     * runs after the guide's walk-through (whose truck may then carry the README's load: the README names none).
     */
    @Test
    @Order(2)
    void theSagaByHandInTheReadmeRunsAsWritten() throws Exception {
        runSection("README.md", "## The whole saga, by hand", 4);
    }

    /** Through deploy/local/walkthrough.sh, the same runner CI uses against ./platform up. */
    private static void runSection(String file, String heading, int minBlocks) throws Exception {
        String output = run(
                List.of("bash", "deploy/local/walkthrough.sh", file, heading, String.valueOf(minBlocks)),
                Map.of(
                        "REQ",
                        requests.baseUri(),
                        "INV",
                        inventory.baseUri(),
                        "DSP",
                        dispatch.baseUri(),
                        "VOL",
                        volunteer.baseUri()),
                300);
        System.out.println(file + " walk-through ran:\n" + output);
    }

    private static String run(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        Path log = Files.createTempFile("api-guide", ".log");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "did not finish in " + timeoutSeconds + " s:\n" + output);
        assertEquals(
                0,
                p.exitValue(),
                String.join(" ", command.subList(0, Math.min(2, command.size()))) + " failed:\n" + output);
        return output;
    }
}
