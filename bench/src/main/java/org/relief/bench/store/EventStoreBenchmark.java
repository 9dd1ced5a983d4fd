package org.relief.bench.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalPropertiesReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.eventstore.NewEvent;
import org.relief.kernel.eventstore.StoredEvent;

/**
 * Our event store ({@code kernel-core} {@link EventStore}, the tables the services migrate) beside Axon Framework's
 * JDBC storage engine, on the same PostgreSQL, through the same connection pool, with the same events: a help request
 * submitted (~400 bytes of JSON) carrying the same who-and-why (correlation, causation, actor, organisation, trace).
 * <ul>
 *   <li>{@code append}: each operation is one transaction appending {@code eventsPerCommit} events to the thread's own
 *       stream (a command on an aggregate), committed (WAL flushed), as the services do.
 *   <li>{@code load}: each operation reads one {@value #LOADED_STREAM_LENGTH}-event stream and turns every payload back
 *       into an object (what rebuilding an aggregate costs).
 * </ul>
 * Run by {@link EventStoreBench} ({@code ./platform bench event-store}); the database is {@code bench_eventstore}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventStoreBenchmark {
    public static final int LOADED_STREAM_LENGTH = 20;
    static final String DATABASE = "bench_eventstore";

    /** The payload both stores write: about 400 bytes of JSON, like HelpRequestSubmitted with one supplies line. */
    public record Submitted(
            String requestId,
            String organisationId,
            String kind,
            String priority,
            String community,
            String district,
            String address,
            List<Line> lines,
            String note,
            Instant neededBy) {}

    public record Line(String itemId, int quantity, String unit) {}

    AgroalDataSource pool;
    EventStore ours;
    ObjectMapper json;
    JdbcEventStorageEngine axon;
    String oursLoaded;
    String axonLoaded;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        pool = pool();
        json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ours = new EventStore(json);
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/kernel")
                .load()
                .migrate();
        JacksonSerializer serializer =
                JacksonSerializer.builder().objectMapper(json).build();
        axon = JdbcEventStorageEngine.builder()
                .connectionProvider(pool::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select to_regclass('domainevententry') is not null")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                axon.createSchema(PostgresEventTableFactory.INSTANCE);
            }
        }
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("truncate event_store, domainevententry, snapshotevententry");
        }
        oursLoaded = "load-" + UUID.randomUUID();
        axonLoaded = "load-" + UUID.randomUUID();
        for (int v = 1; v <= LOADED_STREAM_LENGTH; v++) {
            appendOurs(oursLoaded, v - 1, 1);
            appendAxon(axonLoaded, v - 1, 1);
        }
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("analyze event_store");
            s.execute("analyze domainevententry");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    /** The thread's own stream and how far it got. */
    @State(Scope.Thread)
    public static class Stream {
        /** Events per transaction: 1 (a command with one effect) or 10 (a batch). Only the appends take it. */
        @Param({"1", "10"})
        public int eventsPerCommit;

        final String id = UUID.randomUUID().toString();
        long version;
    }

    @Benchmark
    public void appendOurs(Stream stream) throws SQLException {
        appendOurs(stream.id, stream.version, stream.eventsPerCommit);
        stream.version += stream.eventsPerCommit;
    }

    /**
     * The same append in auto-commit, as the Axon engine runs here without a transaction manager: what the explicit
     * transaction the services need (begin, append with the projections and outbox rows, commit) adds on its own.
     */
    @Benchmark
    public void appendOursAutoCommit(Stream stream) throws SQLException {
        List<NewEvent> events = new ArrayList<>(stream.eventsPerCommit);
        for (int i = 0; i < stream.eventsPerCommit; i++) {
            events.add(NewEvent.of("HelpRequestSubmitted", 1, payload(stream.id)));
        }
        try (Connection c = pool.getConnection()) {
            ours.append(c, "HelpRequest", stream.id, stream.version, events, context(stream.id));
        }
        stream.version += stream.eventsPerCommit;
    }

    @Benchmark
    public void appendAxon(Stream stream) {
        appendAxon(stream.id, stream.version, stream.eventsPerCommit);
        stream.version += stream.eventsPerCommit;
    }

    @Benchmark
    public void loadOurs(Blackhole sink) throws Exception {
        List<StoredEvent> events;
        try (Connection c = pool.getConnection()) {
            events = ours.load(c, oursLoaded);
        }
        for (StoredEvent e : events) {
            sink.consume(json.treeToValue(e.payload(), Submitted.class));
        }
    }

    @Benchmark
    public void loadAxon(Blackhole sink) {
        axon.readEvents(axonLoaded).asStream().forEach(e -> sink.consume(e.getPayload()));
    }

    private void appendOurs(String streamId, long expectedVersion, int count) throws SQLException {
        List<NewEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(NewEvent.of("HelpRequestSubmitted", 1, payload(streamId)));
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            ours.append(c, "HelpRequest", streamId, expectedVersion, events, context(streamId));
            c.commit();
        }
    }

    private void appendAxon(String aggregateId, long lastSequence, int count) {
        EventContext context = context(aggregateId);
        MetaData metaData = MetaData.from(Map.of(
                "correlationId", context.correlationId(),
                "actor", context.actor(),
                "organisationId", context.organisationId(),
                "traceparent", context.traceparent()));
        List<DomainEventMessage<?>> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // sequence numbers start at 0 in Axon, versions at 1 in ours: the same count of events either way
            events.add(new GenericDomainEventMessage<>(
                    "HelpRequest", aggregateId, lastSequence + i, payload(aggregateId), metaData));
        }
        // no unit of work around it: the engine takes a connection, writes the batch and commits (auto-commit)
        axon.appendEvents(events);
    }

    private static EventContext context(String streamId) {
        return new EventContext(
                streamId,
                null,
                "community-0042/zhang.wei",
                "community-0042",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    private static Submitted payload(String requestId) {
        return new Submitted(
                requestId,
                "community-0042",
                "SUPPLIES",
                "URGENT",
                "雁塔区 电子城街道 丈八东路社区",
                "雁塔区",
                "丈八东路 12 号 3 栋",
                List.of(new Line("protective-suit", 200, "piece")),
                "社区缺防护服，封控第 9 天",
                Instant.parse("2026-12-01T08:00:00Z"));
    }

    static AgroalDataSource pool() throws SQLException {
        String host = env("PGHOST", "127.0.0.1");
        String port = env("PGPORT", "5432");
        ensureDatabase(host, port);
        Map<String, String> props = new java.util.HashMap<>();
        props.put(AgroalPropertiesReader.JDBC_URL, "jdbc:postgresql://" + host + ":" + port + "/" + DATABASE);
        props.put(AgroalPropertiesReader.PRINCIPAL, env("PGUSER", "relief"));
        props.put(AgroalPropertiesReader.CREDENTIAL, env("PGPASSWORD", "relief"));
        props.put(AgroalPropertiesReader.MAX_SIZE, "16");
        props.put(AgroalPropertiesReader.MIN_SIZE, "16");
        props.put(AgroalPropertiesReader.INITIAL_SIZE, "16");
        return AgroalDataSource.from(new AgroalPropertiesReader().readProperties(props));
    }

    private static void ensureDatabase(String host, String port) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.put("user", env("PGUSER", "relief"));
        p.put("password", env("PGPASSWORD", "relief"));
        try (Connection c = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://" + host + ":" + port + "/postgres", p);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
            if (!rs.next()) {
                try (Statement create = c.createStatement()) {
                    create.execute("create database " + DATABASE);
                }
            }
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
