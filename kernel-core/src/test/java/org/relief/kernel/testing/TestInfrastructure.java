package org.relief.kernel.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The real infrastructure every integration test uses: a Kafka broker and PostgreSQL databases. Two builds on one
 * machine (two checkouts) must not share either, so both are per checkout.
 * <p>
 * Kafka: {@code KAFKA_BOOTSTRAP_SERVERS} if set; otherwise the checkout's test broker named by
 * {@value #KAFKA_INSTANCE_PROPERTY} ({@code test} unless the module's pom names its own, {@code test-requests} say),
 * started with {@code deploy/local/kafka.sh start <instance>} if it is not up yet. Its first start picks free ports
 * and records them in {@code .local/kafka/<instance>/ports}, read here. A service module's tests have a broker of
 * their own so that the build can run modules side by side without one module's service consuming the events another
 * module's tests publish. Brokers are left running, so the next build reuses them;
 * {@code deploy/local/kafka.sh stop tests} stops them all.
 * <p>
 * PostgreSQL: the server on {@code PGHOST}:{@code PGPORT} (default 127.0.0.1:5432) with the role that
 * {@code deploy/local/postgres.sh} creates. Tests name their databases logically ({@code kernel_test},
 * {@code requests_test}, {@code requests_system}, …); {@link #databaseName} adds the checkout's suffix
 * ({@link #databaseSuffix}), and {@link #jdbcUrl} and {@link #connect} use the suffixed name. {@link #ensureDatabases}
 * creates the missing ones with the script (where no server answers it fetches PostgreSQL from Maven Central and
 * starts it on that port).
 */
public final class TestInfrastructure {
    public static final String DB_USER = "relief";
    public static final String DB_PASSWORD = "relief";
    /** Overrides the checkout's database suffix; empty means the logical names themselves. */
    public static final String DB_SUFFIX_ENV = "RELIEF_TEST_DB_SUFFIX";
    /**
     * The property the services' {@code %test} datasource URLs append to their database name ({@code _<suffix>}, or
     * empty): {@link RealInfrastructure} passes it.
     */
    public static final String DB_SUFFIX_PROPERTY = "relief.test.database-suffix";
    /** The system property naming this test JVM's broker instance of deploy/local/kafka.sh (default {@code test}). */
    public static final String KAFKA_INSTANCE_PROPERTY = "relief.test.kafka-instance";

    private static final Pattern KAFKA_INSTANCE = Pattern.compile("test(-[a-z]+)*");
    /** Every database the tests use, by logical name: {@link #ensureDatabases} creates them with the suffix. */
    public static final List<String> TEST_DATABASES = List.of(
            "kernel_test",
            "requests_test",
            "inventory_test",
            "dispatch_test",
            "volunteer_test",
            "requests_system",
            "inventory_system",
            "dispatch_system",
            "volunteer_system",
            // DispatchDeskSystemTest's own: the services it starts connect to the suffixed names too
            "requests_desk",
            "inventory_desk",
            "dispatch_desk");
    /** What a logical test database name looks like; other names (postgres, the platform's) are left as they are. */
    private static final Pattern LOGICAL_NAME = Pattern.compile("[a-z]+_(test|system|desk)");

    private static String bootstrap;
    private static String suffix;
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
        return bootstrap = "127.0.0.1:" + testBrokerPort("broker");
    }

    /**
     * The SASL_PLAINTEXT/PLAIN listener of this checkout's test broker (deploy/local/kafka.sh), started if it is not
     * up: always the local test broker, whatever {@code KAFKA_BOOTSTRAP_SERVERS} says, as only it has the test user.
     */
    public static synchronized String kafkaSaslBootstrapServers() {
        return "127.0.0.1:" + testBrokerPort("sasl");
    }

    /** One of the test broker's recorded ports (broker, controller, sasl), after starting it if that one is closed. */
    private static int testBrokerPort(String which) {
        Integer port = recordedBrokerPorts().get(which);
        if (port == null || !portOpen(port)) {
            // first start (kafka.sh picks and records the ports), or the broker is down, or (SASL) predates that port
            run(List.of("bash", script("kafka.sh").toString(), "start", kafkaInstance()), 300);
            port = recordedBrokerPorts().get(which);
        }
        if (port == null || !portOpen(port)) {
            throw new IllegalStateException("the test Kafka broker did not come up on its " + which + " port " + port
                    + " (" + brokerPortsFile() + "); see .local/kafka/" + kafkaInstance() + "/logs");
        }
        return port;
    }

    private static Path brokerPortsFile() {
        return projectRoot().resolve(".local/kafka/" + kafkaInstance() + "/ports");
    }

    /** This test JVM's broker instance: {@value #KAFKA_INSTANCE_PROPERTY}, or {@code test}. */
    public static String kafkaInstance() {
        String instance = System.getProperty(KAFKA_INSTANCE_PROPERTY, "");
        if (instance.isBlank()) {
            return "test";
        }
        if (!KAFKA_INSTANCE.matcher(instance).matches()) {
            throw new IllegalStateException(
                    KAFKA_INSTANCE_PROPERTY + " must be test or test-<name>, not '" + instance + "'");
        }
        return instance;
    }

    /** What kafka.sh recorded: broker, controller and sasl; empty before the test broker's first start. */
    static Map<String, Integer> recordedBrokerPorts() {
        Path file = brokerPortsFile();
        if (!Files.exists(file)) {
            return Map.of();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        Map<String, Integer> ports = new HashMap<>();
        p.stringPropertyNames()
                .forEach(k -> ports.put(k, Integer.parseInt(p.getProperty(k).strip())));
        return ports;
    }

    /**
     * The physical name of a test database: a logical name ({@code kernel_test}, {@code requests_system}, …) with this
     * checkout's suffix, so that two checkouts' builds do not clean and fill each other's databases. Any other name is
     * returned as it is (so mapping twice changes nothing).
     */
    public static String databaseName(String logical) {
        String s = databaseSuffix();
        return s.isEmpty() || !LOGICAL_NAME.matcher(logical).matches() ? logical : logical + "_" + s;
    }

    /**
     * {@value #DB_SUFFIX_ENV} if set (empty: no suffix), else the first 8 hex digits of the SHA-256 of the project
     * root's real path: stable for a checkout, different for another one.
     */
    public static synchronized String databaseSuffix() {
        if (suffix == null) {
            String configured = System.getenv(DB_SUFFIX_ENV);
            String s = configured != null ? configured.strip() : checkoutHash();
            // appended to names that go into SQL unquoted; 17 (volunteer_system_) + 32 stays within PostgreSQL's 63
            if (!s.matches("[a-z0-9_]{0,32}")) {
                throw new IllegalStateException(
                        DB_SUFFIX_ENV + " must be at most 32 of a-z, 0-9 and _, not '" + s + "'");
            }
            suffix = s;
        }
        return suffix;
    }

    private static String checkoutHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(projectRoot().toRealPath().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot derive the test database suffix", e);
        }
    }

    /** The URL of a test database by its logical name (mapped with {@link #databaseName}). */
    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + databaseHost() + ":" + databasePort() + "/" + databaseName(database);
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

    /** Makes sure the role and the test databases ({@link #TEST_DATABASES}, with the suffix) exist. */
    public static synchronized void ensureDatabases() {
        if (databasesChecked) {
            return;
        }
        if (mode() == InfrastructureMode.CONTAINERS) {
            databaseHost(); // starts the container, which creates them
            databasesChecked = true;
            return;
        }
        List<String> wanted =
                TEST_DATABASES.stream().map(TestInfrastructure::databaseName).toList();
        List<String> missing = missingDatabases(wanted);
        if (!missing.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("ensure"));
            args.addAll(missing);
            runScript("postgres.sh", 120, args.toArray(String[]::new));
        }
        databasesChecked = true;
    }

    /** Those of {@code names} that do not exist; all of them when the server or the role does not answer. */
    private static List<String> missingDatabases(List<String> names) {
        String url = "jdbc:postgresql://" + databaseHost() + ":" + databasePort() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, DB_USER, DB_PASSWORD);
                PreparedStatement ps = c.prepareStatement("select datname from pg_database where datname = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", names.toArray()));
            List<String> missing = new ArrayList<>(names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    missing.remove(rs.getString(1));
                }
            }
            return missing;
        } catch (SQLException unreachable) {
            return names; // postgres.sh starts or fetches a server and creates the role as well
        }
    }

    /** A connection to a test database by its logical name (mapped with {@link #databaseName}). */
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
        List<String> command = new ArrayList<>(List.of("bash", script(name).toString()));
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
