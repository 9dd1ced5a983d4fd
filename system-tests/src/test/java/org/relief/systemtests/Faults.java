package org.relief.systemtests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.testing.TestInfrastructure;

/** The faults the suite injects into the real broker and the real PostgreSQL (the services are killed by ServiceProcess). */
final class Faults {
    private Faults() {}

    /** SIGTERM: the broker shuts down cleanly (controlled shutdown, logs flushed). The one these tests run on. */
    static void stopBroker() {
        TestInfrastructure.runScript("kafka.sh", 120, "stop", TestInfrastructure.kafkaInstance());
    }

    /** SIGKILL: the broker dies with whatever it had not flushed; it recovers its logs on the next start. */
    static void killBroker() throws Exception {
        Path pidFile = TestInfrastructure.projectRoot()
                .resolve(".local/kafka/" + TestInfrastructure.kafkaInstance() + "/broker.pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle broker =
                ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no broker process " + pid));
        broker.destroyForcibly();
        broker.onExit().get(30, TimeUnit.SECONDS);
    }

    static void startBroker() {
        TestInfrastructure.runScript("kafka.sh", 300, "start", TestInfrastructure.kafkaInstance());
    }

    /**
     * Cuts every connection the services hold to their databases (their pools must notice and reconnect). Fails if
     * there was none to cut: the fault would then have tested nothing.
     */
    static int terminateServiceConnections(List<String> databases) throws Exception {
        try (Connection c = TestInfrastructure.connect("kernel_test");
                PreparedStatement ps =
                        c.prepareStatement("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                                + "where datname = any(?) and pid <> pg_backend_pid()")) {
            // the logical names (requests_system, …) as this checkout's databases are called
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "text",
                            databases.stream()
                                    .map(TestInfrastructure::databaseName)
                                    .toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int cut = rs.getInt(1);
                if (cut == 0) {
                    throw new IllegalStateException("no service connection to " + databases + " was open to cut");
                }
                return cut;
            }
        }
    }

    /** Immediate stop (a crash, as far as PostgreSQL is concerned) and start of the server the tests use. */
    static void restartPostgres() {
        TestInfrastructure.runScript("postgres.sh", 120, "restart");
    }

    /**
     * Writes records to a topic as another producer might: {@code value} as it is, with CloudEvents headers naming
     * {@code type} and {@code version}, under {@code key}.
     */
    static void produce(String topic, String key, String type, int version, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            CloudEvents.headers(
                            UUID.randomUUID(),
                            type,
                            version,
                            "/fault-suite",
                            key,
                            Instant.now(),
                            EventContext.command(key, "fault-suite", "fault-community-0"))
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }
}
