package org.relief.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The broker and the database seen from outside: offsets, commit counters and the two ceilings. */
final class Probes {
    static final String CEILING_TOPIC = "bench.ceiling";
    static final List<String> SERVICE_DATABASES = List.of("requests", "inventory", "dispatch", "volunteer");

    final String bootstrap;
    final String pgHost;
    final String pgPort;
    final String pgUser;
    final String pgPassword;

    Probes(String bootstrap, String pgHost, String pgPort, String pgUser, String pgPassword) {
        this.bootstrap = bootstrap;
        this.pgHost = pgHost;
        this.pgPort = pgPort;
        this.pgUser = pgUser;
        this.pgPassword = pgPassword;
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000);
        return Admin.create(p);
    }

    /** Sum of the end offsets of every partition of every (non-internal) topic but the ceiling's own. */
    long sumEndOffsets() throws ExecutionException, InterruptedException {
        try (Admin a = admin()) {
            var names = a.listTopics().names().get().stream()
                    .filter(t -> !t.equals(CEILING_TOPIC))
                    .collect(Collectors.toSet());
            Map<String, TopicDescription> d =
                    a.describeTopics(names).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> ask = new java.util.HashMap<>();
            d.values().forEach(t -> t.partitions()
                    .forEach(p -> ask.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
            long sum = 0;
            for (var r : a.listOffsets(ask).all().get().values()) {
                sum += r.offset();
            }
            return sum;
        }
    }

    /** Records/s a producer gets acknowledged (acks=all, 512 B values) in {@code seconds}, on a topic made for it. */
    double kafkaProducerCeiling(int seconds) throws Exception {
        try (Admin a = admin()) {
            if (!a.listTopics().names().get().contains(CEILING_TOPIC)) {
                a.createTopics(List.of(new NewTopic(CEILING_TOPIC, 1, (short) 1)))
                        .all()
                        .get();
            }
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            byte[] value = new byte[512];
            AtomicLong acked = new AtomicLong();
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
                while (System.nanoTime() < end) {
                    producer.send(new ProducerRecord<>(CEILING_TOPIC, value), (md, e) -> {
                        if (e == null) {
                            acked.incrementAndGet();
                        }
                    });
                }
                producer.flush();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            return acked.get() / elapsed;
        } finally {
            try (Admin a = admin()) {
                a.deleteTopics(List.of(CEILING_TOPIC)).all().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("bench: could not delete topic " + CEILING_TOPIC + ": " + e);
            }
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.put("user", pgUser);
        if (pgPassword != null) {
            p.put("password", pgPassword);
        }
        return DriverManager.getConnection("jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database, p);
    }

    /** xact_commit per database (pg_stat_database) of the given databases. */
    Map<String, Long> commits(Collection<String> databases) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = connect("postgres");
                PreparedStatement ps = c.prepareStatement(
                        "select datname, xact_commit from pg_stat_database where datname = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", databases.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** Single-row autocommit inserts/s from {@code threads} connections for {@code seconds}, in database bench. */
    double postgresInsertCeiling(int threads, int seconds) throws Exception {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1 from pg_database where datname = 'bench'")) {
            if (!rs.next()) {
                try (Statement create = c.createStatement()) {
                    create.execute("create database bench");
                }
            }
        }
        try (Connection c = connect("bench");
                Statement s = c.createStatement()) {
            // an ordinary (logged) table: every insert is a WAL-flushed commit, as the services' are
            s.execute("create table if not exists ceiling_insert (id bigserial primary key, thread int not null,"
                    + " at timestamptz not null default now(), payload text not null)");
            s.execute("truncate ceiling_insert");
        }
        AtomicLong rows = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        List<Exception> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        String payload = "x".repeat(400);
        for (int i = 0; i < threads; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                try (Connection c = connect("bench");
                        PreparedStatement ps =
                                c.prepareStatement("insert into ceiling_insert (thread, payload) values (?, ?)")) {
                    c.setAutoCommit(true);
                    while (System.nanoTime() < end) {
                        ps.setInt(1, n);
                        ps.setString(2, payload);
                        ps.executeUpdate();
                        rows.incrementAndGet();
                    }
                } catch (SQLException e) {
                    errors.add(e);
                }
            });
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        try (Connection c = connect("bench");
                Statement s = c.createStatement()) {
            s.execute("truncate ceiling_insert");
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return rows.get() / elapsed;
    }
}
