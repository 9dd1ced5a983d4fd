package org.relief.kernel.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them published.
 *
 * <ul>
 *   <li>Only committed rows are visible to it, so a rolled-back transaction publishes nothing.</li>
 *   <li>It keeps no position: it reads every row not yet marked, so rows that commit late with a lower id (sequence
 *   gaps) are picked up on the next pass, and a crash between send and mark only re-sends (consumers deduplicate by
 *   event id).</li>
 *   <li>One relay per database is leader (a PostgreSQL session advisory lock on its own connection), so with N
 *   replicas rows are sent in one order; if the leader dies its lock goes with its connection and another takes
 *   over.</li>
 *   <li>It wakes on NOTIFY from committing writers, and polls as a fallback.</li>
 * </ul>
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    public record Settings(
            String jdbcUrl,
            String user,
            String password,
            long lockKey,
            int batchSize,
            Duration idleWait,
            Duration retryWait,
            Duration sendTimeout,
            Duration retention) {
        public static Settings defaults(String jdbcUrl, String user, String password) {
            return new Settings(
                    jdbcUrl,
                    user,
                    password,
                    0x52454C494546L,
                    500,
                    Duration.ofMillis(500),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(30),
                    Duration.ofDays(7));
        }
    }

    private record Row(long id, String topic, String key, Map<String, String> headers, String payload) {}

    private final Settings settings;
    private final Producer<String, String> producer;
    private final ObjectMapper json;
    private volatile boolean running;
    private volatile boolean leader;
    private volatile long lastPassAt;
    private volatile long published;
    private Thread thread;
    private Connection connection;
    private long lastPurge;

    public OutboxRelay(Settings settings, Producer<String, String> producer, ObjectMapper json) {
        this.settings = settings;
        this.producer = producer;
        this.json = json;
    }

    public synchronized void start(String name) {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    public boolean isLeader() {
        return leader;
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    /** Wall-clock ms of the last completed pass (leader or not): a stuck relay shows an old value. */
    public long lastPassAt() {
        return lastPassAt;
    }

    public long publishedCount() {
        return published;
    }

    private void loop() {
        while (running) {
            try {
                ensureConnected();
                if (!leader) {
                    leader = tryLock();
                    if (!leader) {
                        lastPassAt = System.currentTimeMillis();
                        sleep(settings.retryWait());
                        continue;
                    }
                    LOG.infof("outbox relay is leader for %s", settings.jdbcUrl());
                }
                int sent = relayBatch();
                lastPassAt = System.currentTimeMillis();
                purgeIfDue();
                if (sent < settings.batchSize()) {
                    awaitNotification();
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("outbox relay lost its database connection (%s); reconnecting", e.getMessage());
                }
                closeConnection();
                sleep(settings.retryWait());
            } catch (PublishFailed e) {
                LOG.warnf("outbox relay could not publish (%s); retrying", e.getMessage());
                sleep(settings.retryWait());
            } catch (RuntimeException e) {
                LOG.error("outbox relay pass failed; retrying", e);
                sleep(settings.retryWait());
            }
        }
        closeConnection();
    }

    /**
     * One pass: sends up to a batch of unpublished rows in id order, waits for the broker's acknowledgement of each,
     * and marks the acknowledged prefix. Returns how many rows were marked.
     */
    int relayBatch() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("select id, topic, message_key, headers::text, payload "
                + "from outbox where published_at is null order by id limit ?")) {
            ps.setInt(1, settings.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            readHeaders(rs.getString(4)),
                            rs.getString(5)));
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
            row.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            acks.add(producer.send(record));
        }
        producer.flush();
        List<Long> done = new ArrayList<>(rows.size());
        RuntimeException failure = null;
        for (int i = 0; i < rows.size(); i++) {
            try {
                acks.get(i).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                done.add(rows.get(i).id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new PublishFailed("interrupted", e);
                break;
            } catch (Exception e) {
                // only the acknowledged prefix is marked: the rest is sent again, in order, on the next pass
                failure = new PublishFailed(
                        "row " + rows.get(i).id() + " to " + rows.get(i).topic() + ": " + e.getMessage(), e);
                break;
            }
        }
        markPublished(done);
        published += done.size();
        if (failure != null) {
            throw failure;
        }
        return done.size();
    }

    private void markPublished(List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps =
                connection.prepareStatement("update outbox set published_at = now() where id = any(?)")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    private void purgeIfDue() throws SQLException {
        long now = System.currentTimeMillis();
        if (now - lastPurge < Duration.ofMinutes(10).toMillis()) {
            return;
        }
        lastPurge = now;
        try (PreparedStatement ps = connection.prepareStatement(
                "delete from outbox where published_at < now() - make_interval(secs => ?)")) {
            ps.setLong(1, settings.retention().toSeconds());
            ps.executeUpdate();
        }
    }

    private Map<String, String> readHeaders(String text) {
        try {
            return json.readValue(text, HEADERS);
        } catch (Exception e) {
            throw new IllegalStateException("outbox headers are not a JSON object", e);
        }
    }

    private void ensureConnected() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return;
        }
        leader = false;
        connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("listen " + Outbox.CHANNEL);
        }
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, settings.lockKey());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void awaitNotification() throws SQLException {
        // returns at the first NOTIFY, or after idleWait: the poll fallback
        connection.unwrap(PGConnection.class).getNotifications((int)
                settings.idleWait().toMillis());
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeConnection() {
        leader = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already gone
            }
            connection = null;
        }
    }

    /**
     * Stops the loop: the pass in flight may finish (its acknowledged rows are marked), then the loop closes its
     * connection, which releases the leader lock at once. A pass that does not end in time is interrupted; what it
     * sent but did not mark is sent again by the next leader. Does not close the producer.
     */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                // an idle loop wakes within idleWait; a busy pass ends after its acknowledgements
                t.join(Math.max(settings.idleWait().toMillis() * 2, 5_000));
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static final class PublishFailed extends RuntimeException {
        PublishFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
