package org.relief.kernel.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real infrastructure every integration test uses: a Kafka broker and PostgreSQL databases.
 * <p>
 * Kafka: {@code KAFKA_BOOTSTRAP_SERVERS} if set; otherwise the project's test broker on 127.0.0.1:29092, started with
 * {@code deploy/local/kafka.sh start test} if it is not up yet. It is left running, so every module of one build (and
 * the next build) reuses it; {@code deploy/local/kafka.sh stop test} stops it.
 * <p>
 * PostgreSQL: the server on {@code PGHOST}:{@code PGPORT} (default 127.0.0.1:5432) with the role and {@code *_test}
 * databases that {@code deploy/local/postgres.sh} creates (run here if they are missing; where no server answers it
 * fetches PostgreSQL from Maven Central and starts it on that port).
 */
public final class TestInfrastructure {
    public static final String DB_USER = "relief";
    public static final String DB_PASSWORD = "relief";
    private static final int TEST_BROKER_PORT = 29092;
    private static String bootstrap;
    private static boolean databasesChecked;

    private TestInfrastructure() {}

    public static synchronized String kafkaBootstrapServers() {
        if (bootstrap != null) {
            return bootstrap;
        }
        if (mode() == InfrastructureMode.CONTAINERS) {
            return bootstrap = ContainerInfrastructure.kafkaBootstrapServers();
        }
        String configured = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (configured != null && !configured.isBlank()) {
            return bootstrap = configured;
        }
        if (!portOpen(TEST_BROKER_PORT)) {
            run(List.of("bash", script("kafka.sh").toString(), "start", "test"), 300);
        }
        if (!portOpen(TEST_BROKER_PORT)) {
            throw new IllegalStateException("the test Kafka broker did not come up on 127.0.0.1:" + TEST_BROKER_PORT
                    + "; see .local/kafka/test/logs");
        }
        return bootstrap = "127.0.0.1:" + TEST_BROKER_PORT;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + databaseHost() + ":" + databasePort() + "/" + database;
    }

    /** PGHOST, as the services' %test datasource URLs read it ({@link RealInfrastructure} passes it on). */
    public static String databaseHost() {
        return mode() == InfrastructureMode.CONTAINERS ? ContainerInfrastructure.host() : env("PGHOST", "127.0.0.1");
    }

    public static String databasePort() {
        return mode() == InfrastructureMode.CONTAINERS
                ? String.valueOf(ContainerInfrastructure.port())
                : env("PGPORT", "5432");
    }

    private static InfrastructureMode mode;

    public static synchronized InfrastructureMode mode() {
        if (mode == null) {
            mode = InfrastructureMode.current();
        }
        return mode;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Makes sure the role and the test databases exist. */
    public static synchronized void ensureDatabases() {
        if (databasesChecked) {
            return;
        }
        if (mode() == InfrastructureMode.CONTAINERS) {
            databaseHost(); // starts the container, which creates them
            databasesChecked = true;
            return;
        }
        try (Connection ignored = DriverManager.getConnection(jdbcUrl("kernel_test"), DB_USER, DB_PASSWORD);
                Connection ignored2 = DriverManager.getConnection(jdbcUrl("inventory_system"), DB_USER, DB_PASSWORD)) {
            databasesChecked = true;
            return;
        } catch (SQLException missing) {
            // create them below
        }
        run(List.of("bash", script("postgres.sh").toString(), "ensure"), 120);
        databasesChecked = true;
    }

    public static Connection connect(String database) throws SQLException {
        ensureDatabases();
        return DriverManager.getConnection(jdbcUrl(database), DB_USER, DB_PASSWORD);
    }

    public static Path projectRoot() {
        String prop = System.getProperty("relief.project.root");
        Path start =
                prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("deploy/local/kafka.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the project root (deploy/local/kafka.sh) above " + start);
    }

    /** Runs one of deploy/local's scripts (kafka.sh, postgres.sh) and fails if it does not succeed in time. */
    public static void runScript(String name, int timeoutSeconds, String... args) {
        List<String> command =
                new java.util.ArrayList<>(List.of("bash", script(name).toString()));
        command.addAll(List.of(args));
        run(command, timeoutSeconds);
    }

    private static Path script(String name) {
        return projectRoot().resolve("deploy/local").resolve(name);
    }

    static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> command, int timeoutSeconds) {
        try {
            // not inheritIO: a forked test JVM's stdout is surefire's channel, which a script's output would corrupt
            Path log = Files.createTempFile("relief-script-", ".log");
            Process p = new ProcessBuilder(command)
                    .directory(projectRoot().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
            }
            String output = Files.readString(log).strip();
            Files.deleteIfExists(log);
            if (!finished) {
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish in " + timeoutSeconds + " s: " + output);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed with exit code " + p.exitValue() + ": " + output);
            }
            System.err.println(output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
