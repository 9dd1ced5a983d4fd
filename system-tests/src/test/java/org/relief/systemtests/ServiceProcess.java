package org.relief.systemtests;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.relief.kernel.testing.TestInfrastructure;
import org.relief.kernel.testing.TestTokens;

/**
 * One packaged service (target/quarkus-app) running as its own JVM, on its own port and system-test database. Its
 * management interface (/q/health, /q/metrics, /q/openapi) listens on {@link #managementPort}. Both ports are free ones
 * the system picks, so that a second build on the same machine (or a left-over process) does not collide.
 */
final class ServiceProcess implements AutoCloseable {
    /**
     * The platform's personal-data key-encryption key for the services of this test JVM (a secret in a cluster, made
     * by `./platform up` locally): one for all four, as they must share it, new for every run.
     */
    static final String PERSONAL_DATA_KEK =
            java.util.Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));

    final String name;
    final int port;
    final int managementPort;
    private final Map<String, String> properties;
    private Process process;
    private boolean startedBefore;
    /** Where this process's latest start began in the shared log file. */
    private long logStart;

    ServiceProcess(String name, Map<String, String> properties) {
        this.name = name;
        this.port = freePort();
        this.managementPort = freePort();
        this.properties = properties;
    }

    /** A port nothing listens on now (the service binds it a moment later). */
    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /**
     * What every system test gives a service: the test broker and its own system-test database (kept as it is), named
     * logically ({@code requests_system}): {@link TestInfrastructure#jdbcUrl} adds this checkout's suffix, so a second
     * checkout's build on the same machine starts its services on databases of its own.
     */
    static Map<String, String> config(String database) {
        TestInfrastructure.ensureDatabases();
        return new java.util.HashMap<>(Map.of(
                "kafka.bootstrap.servers",
                TestInfrastructure.kafkaBootstrapServers(),
                "quarkus.datasource.jdbc.url",
                TestInfrastructure.jdbcUrl(database)));
    }

    /**
     * {@link #config} on a database emptied at the first start (Flyway clean, then migrate), as most system tests
     * want; a restart of the same process keeps the data.
     */
    static Map<String, String> freshConfig(String database) {
        Map<String, String> c = config(database);
        c.put("quarkus.flyway.clean-disabled", "false");
        c.put("quarkus.flyway.clean-at-start", "true");
        return c;
    }

    String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    String managementUri() {
        return "http://127.0.0.1:" + managementPort;
    }

    /**
     * The first {@code max} failures the services answered 500 for, each with the causes its stack trace names: what a
     * failed run says in CI's output, where the service logs themselves are not kept.
     */
    static List<String> unexpectedFailures(int max) {
        List<String> found = new ArrayList<>();
        Path logs = TestInfrastructure.projectRoot().resolve("system-tests/target/service-logs");
        try (var files = Files.list(logs)) {
            for (Path log : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size() && found.size() < max; i++) {
                    if (!lines.get(i).contains("unexpected failure on")) {
                        continue;
                    }
                    StringBuilder entry = new StringBuilder(log.getFileName() + ": " + lines.get(i));
                    for (int j = i + 1;
                            j < lines.size()
                                    && (lines.get(j).startsWith("\t")
                                            || lines.get(j).startsWith("Caused by"));
                            j++) {
                        String line = lines.get(j).strip();
                        if (line.startsWith("Caused by") || line.startsWith("Suppressed")) {
                            entry.append(" | ").append(line);
                        }
                    }
                    found.add(entry.toString());
                }
            }
        } catch (IOException e) {
            found.add("service logs not readable: " + e.getMessage());
        }
        return found;
    }

    ServiceProcess start() throws IOException {
        Path root = TestInfrastructure.projectRoot();
        Path jar = root.resolve(name + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: package the services first (./mvnw verify builds them before this module)");
        }
        Path logs = root.resolve("system-tests/target/service-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        logStart = Files.exists(log) ? Files.size(log) : 0;
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort));
        // trust the test-only signing key of this JVM (TestTokens), as a cluster trusts its OIDC provider
        cmd.add("-Dmp.jwt.verify.publickey.location="
                + TestTokens.publicKeyFile().toUri());
        cmd.add("-Dmp.jwt.verify.issuer=" + TestTokens.ISSUER);
        // the prod profile logs JSON for a cluster's collector; people read these logs, so text (a test may override)
        cmd.add("-Dquarkus.log.console.json.enabled=false");
        // a database is emptied at the first start only: a restart (after a crash, say) finds what it left
        properties.forEach((k, v) -> {
            if (!(startedBefore && k.equals("quarkus.flyway.clean-at-start"))) {
                cmd.add("-D" + k + "=" + v);
            }
        });
        startedBefore = true;
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(cmd);
        // the prod profile has no defaults for these: pass them as the platform script and a cluster do
        builder.environment().put("DB_URL", properties.getOrDefault("quarkus.datasource.jdbc.url", ""));
        builder.environment().put("DB_USER", TestInfrastructure.DB_USER);
        builder.environment().put("DB_PASSWORD", TestInfrastructure.DB_PASSWORD);
        builder.environment().put("RELIEF_PERSONAL_DATA_KEK", PERSONAL_DATA_KEK);
        builder.environment()
                .put(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        properties.getOrDefault("kafka.bootstrap.servers", TestInfrastructure.kafkaBootstrapServers()));
        process = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return this;
    }

    /**
     * The last {@code max} WARN and ERROR lines this process logged since its latest start (the log file is shared by
     * every start of the service in the module's run): for failure messages, as CI keeps no service logs.
     */
    List<String> recentWarnings(int max) {
        Path log = TestInfrastructure.projectRoot().resolve("system-tests/target/service-logs/" + name + ".log");
        List<String> found = new ArrayList<>();
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(logStart);
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.contains(" WARN ") || line.contains(" ERROR ")) {
                    found.add(line.length() > 600 ? line.substring(0, 600) + " …" : line);
                }
            }
        } catch (IOException e) {
            found.add("log not readable: " + e.getMessage());
        }
        return found.subList(Math.max(0, found.size() - max), found.size());
    }

    /** Polls readiness until the service answers 200, failing at once if its process exits. */
    void awaitReady(Duration max) {
        try {
            org.awaitility.Awaitility.await(name + " ready")
                    .atMost(max)
                    .pollInterval(Duration.ofMillis(250))
                    .until(this::ready);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException(name + " not ready within " + max, e);
        }
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name + " exited with " + process.exitValue() + "; see system-tests/target/service-logs");
        }
        try {
            HttpURLConnection c = (HttpURLConnection)
                    URI.create(managementUri() + "/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false; // still starting
        }
    }

    /** SIGKILL: the crash case, nothing gets to finish. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        closeAll(this);
    }

    /**
     * Stops the processes side by side: each gets its graceful shutdown (SIGTERM, then up to 30 s before SIGKILL), but
     * all are signalled before any is waited for, so a class's four services stop in the time of the slowest, not of
     * the four in a row. Nulls (a class stopped before it started them all) are skipped.
     */
    static void closeAll(ServiceProcess... processes) throws InterruptedException {
        List<Process> running = new ArrayList<>();
        for (ServiceProcess p : processes) {
            if (p != null && p.process != null && p.process.isAlive()) {
                p.process.destroy();
                running.add(p.process);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Process p : running) {
            if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
