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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.TestInfrastructure;

/**
 * Runs the curl walk-throughs of docs/api.md and of the README, block by block as one bash script each, against
 * freshly started services that trust the local key pair of {@code ./platform token} (as {@code ./platform up} does),
 * so the guides never rot.
 * <p>
 * Each guide is one story, written for a fresh platform, and runs as one test method (issue 9: either alone, in
 * either order). The two name different items, plates, warehouses and keys; the one thing a guide leaves that a fresh
 * platform lacks is a truck on duty, and docs/api.md's step 4 expects its trip to wait for one: so before each guide
 * every vehicle goes off duty.
 */
class ApiGuideSystemTest {
    static ServiceProcess requests;
    static ServiceProcess inventory;
    static ServiceProcess dispatch;
    static ServiceProcess volunteer;
    static Path root;
    /** an ops token of ./platform token, which these services trust */
    static String ops;

    @BeforeAll
    static void start() throws Exception {
        root = TestInfrastructure.projectRoot();
        TestInfrastructure.ensureDatabases();
        ConsumerGroups.startAtTheEnd();
        // makes .local/keys if missing: the guide's tokens come from ./platform token
        String minted = run(List.of("bash", "platform", "token", "--role", "ops"), Map.of(), 30);
        // the token is the last line; building the token tool may have said something before it
        ops = minted.strip().lines().reduce((a, b) -> b).orElseThrow();
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
        ServiceProcess.closeAll(requests, inventory, dispatch, volunteer);
    }

    /** As on a fresh platform, no vehicle is on duty: the guide registers its own truck when it needs one. */
    @BeforeEach
    void noVehicleOnDuty() {
        Isolation.onlyOnDuty(dispatch, ops, List.of());
    }

    @Test
    void theWalkThroughInTheApiGuideRunsAsWritten() throws Exception {
        runSection("docs/api.md", "## Walk-through", 8);
    }

    /** The README's saga by hand: submit supplies, register a truck, deliver, confirm: fulfilled and stock issued. */
    @Test
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
