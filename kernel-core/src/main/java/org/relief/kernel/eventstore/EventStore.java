package org.relief.kernel.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.relief.kernel.envelope.EventContext;

/**
 * Append-only event store on PostgreSQL. Works on the caller's connection, so the append joins the caller's
 * transaction together with projections and outbox rows: all commit or none.
 */
public final class EventStore {
    private static final String UNIQUE_VIOLATION = "23505";
    // tx_id is read as text under another name: an output column named tx_id would be what "order by tx_id" sorts
    // by, as text, so transaction 10004 would come before 9812 and a reader could skip events
    private static final String COLUMNS =
            "global_position, tx_id::text as tx_id_text, stream_id, stream_type, version, event_id, "
                    + "event_type, schema_version, payload::text, occurred_at, correlation_id, causation_id, actor, "
                    + "organisation_id, traceparent";

    /** Rows per insert statement: 13 parameters a row stay far below PostgreSQL's 65,535 per statement. */
    private static final int MAX_ROWS_PER_STATEMENT = 500;

    private final ObjectMapper json;

    public EventStore(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Appends events at versions {@code expectedVersion + 1 ...}.
     *
     * @param expectedVersion the version the caller decided on (0 for a new stream)
     * @return the stored events
     * @throws ConcurrencyConflict if the stream moved on since; the transaction is then unusable and must roll back
     */
    public List<StoredEvent> append(
            Connection c,
            String streamType,
            String streamId,
            long expectedVersion,
            List<NewEvent> events,
            EventContext given) {
        EventContext context = given.withCurrentTraceIfAbsent();
        if (events.size() <= MAX_ROWS_PER_STATEMENT) {
            return insert(c, streamType, streamId, expectedVersion, events, context);
        }
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (int from = 0; from < events.size(); from += MAX_ROWS_PER_STATEMENT) {
            List<NewEvent> part = events.subList(from, Math.min(events.size(), from + MAX_ROWS_PER_STATEMENT));
            stored.addAll(insert(c, streamType, streamId, expectedVersion + from, part, context));
        }
        return stored;
    }

    /** One statement for all of a command's events: one round trip whatever their number. */
    private List<StoredEvent> insert(
            Connection c,
            String streamType,
            String streamId,
            long expectedVersion,
            List<NewEvent> events,
            EventContext context) {
        if (events.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("insert into event_store (stream_id, stream_type, version, event_id, "
                + "event_type, schema_version, payload, occurred_at, correlation_id, causation_id, actor, "
                + "organisation_id, traceparent) values ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)");
        }
        sql.append(" returning version, global_position, tx_id::text");
        List<JsonNode> payloads = new ArrayList<>(events.size());
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 0;
            long version = expectedVersion;
            for (NewEvent e : events) {
                version++;
                JsonNode payload = json.valueToTree(e.payload());
                payloads.add(payload);
                ps.setString(++p, streamId);
                ps.setString(++p, streamType);
                ps.setLong(++p, version);
                ps.setObject(++p, e.eventId());
                ps.setString(++p, e.type());
                ps.setInt(++p, e.schemaVersion());
                ps.setString(++p, json.writeValueAsString(payload));
                ps.setTimestamp(++p, Timestamp.from(e.occurredAt()));
                ps.setString(++p, context.correlationId());
                ps.setString(++p, context.causationId());
                ps.setString(++p, context.actor());
                ps.setString(++p, context.organisationId());
                ps.setString(++p, context.traceparent());
            }
            // rows come back keyed by version, not trusted to come in the order of the values list
            long[] positions = new long[events.size()];
            long[] txIds = new long[events.size()];
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = (int) (rs.getLong(1) - expectedVersion - 1);
                    positions[i] = rs.getLong(2);
                    txIds[i] = Long.parseLong(rs.getString(3));
                }
            }
            List<StoredEvent> stored = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                NewEvent e = events.get(i);
                stored.add(new StoredEvent(
                        positions[i],
                        txIds[i],
                        streamId,
                        streamType,
                        expectedVersion + 1 + i,
                        e.eventId(),
                        e.type(),
                        e.schemaVersion(),
                        payloads.get(i),
                        e.occurredAt(),
                        context));
            }
            return stored;
        } catch (SQLException ex) {
            if (UNIQUE_VIOLATION.equals(ex.getSQLState())
                    && String.valueOf(ex.getMessage()).contains("event_store_stream_version")) {
                throw new ConcurrencyConflict(streamId, expectedVersion);
            }
            throw new EventStoreException("append to " + streamId + " failed", ex);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("event payload cannot be written as JSON", ex);
        }
    }

    /**
     * The traceparent of a stream's latest event that has one (one index probe of {@code (stream_id, version)}): jobs
     * continue a stream's trace with it, so that an expiry or an escalation shows in the request's saga trace.
     */
    public String lastTraceparent(Connection c, String streamId) {
        try (PreparedStatement ps = c.prepareStatement(
                "select traceparent from event_store where stream_id = ? " + "order by version desc limit 1")) {
            ps.setString(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException ex) {
            throw new EventStoreException("reading the trace of " + streamId + " failed", ex);
        }
    }

    /** All events of one stream, in version order. */
    public List<StoredEvent> load(Connection c, String streamId) {
        return query(c, "select " + COLUMNS + " from event_store where stream_id = ? order by version", streamId);
    }

    /** All events of one business flow (correlation id) across this service's streams, in commit order. */
    public List<StoredEvent> loadCorrelated(Connection c, String correlationId) {
        return query(
                c,
                "select " + COLUMNS + " from event_store where correlation_id = ? order by tx_id, global_position",
                correlationId);
    }

    /**
     * The next events in global order after {@code after}, at most {@code limit}. Only events of transactions older
     * than every transaction still running are returned, so a reader that saves the cursor of the last event it
     * read will never miss an event that commits late.
     */
    public List<StoredEvent> readAll(Connection c, GlobalCursor after, int limit) {
        String sql = "select " + COLUMNS + " from event_store "
                + "where (tx_id, global_position) > (?::text::xid8, ?) "
                + "and tx_id < pg_snapshot_xmin(pg_current_snapshot()) "
                + "order by tx_id, global_position limit ?";
        return query(c, sql, Long.toString(after.txId()), after.position(), limit);
    }

    /**
     * Committed events of the given stream types in global order {@code (tx_id, global_position)} after {@code after},
     * at most {@code limit}. Unlike {@link #readAll} it does not stop at the oldest running transaction: it is meant for
     * a projection rebuild that holds the projection's tables locked, so every event those tables depend on is
     * already committed (see {@code ProjectionRebuild}).
     */
    public List<StoredEvent> readCommitted(Connection c, List<String> streamTypes, GlobalCursor after, int limit) {
        String sql = "select " + COLUMNS + " from event_store "
                + "where stream_type = any(?) and (tx_id, global_position) > (?::text::xid8, ?) "
                + "order by tx_id, global_position limit ?";
        try {
            return query(
                    c,
                    sql,
                    c.createArrayOf("text", streamTypes.toArray()),
                    Long.toString(after.txId()),
                    after.position(),
                    limit);
        } catch (SQLException ex) {
            throw new EventStoreException("reading events failed", ex);
        }
    }

    public long currentVersion(Connection c, String streamId) {
        try (PreparedStatement ps =
                c.prepareStatement("select coalesce(max(version), 0) from event_store where stream_id = ?")) {
            ps.setString(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException ex) {
            throw new EventStoreException("version of " + streamId + " could not be read", ex);
        }
    }

    private List<StoredEvent> query(Connection c, String sql, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new StoredEvent(
                            rs.getLong(1),
                            Long.parseLong(rs.getString(2)),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getLong(5),
                            rs.getObject(6, UUID.class),
                            rs.getString(7),
                            rs.getInt(8),
                            json.readTree(rs.getString(9)),
                            rs.getTimestamp(10).toInstant(),
                            new EventContext(
                                    rs.getString(11),
                                    rs.getString(12),
                                    rs.getString(13),
                                    rs.getString(14),
                                    rs.getString(15))));
                }
            }
            return events;
        } catch (SQLException ex) {
            throw new EventStoreException("reading events failed", ex);
        } catch (JsonProcessingException ex) {
            throw new EventStoreException("stored payload is not JSON", ex);
        }
    }
}
