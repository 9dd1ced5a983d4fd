package org.relief.kernel.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.relief.kernel.envelope.CloudEvents;

/** Writes integration events into the outbox table on the caller's connection (the caller's transaction). */
public final class Outbox {
    /** NOTIFY channel the relay listens on; PostgreSQL delivers it only when the writing transaction commits. */
    public static final String CHANNEL = "relief_outbox";

    private final ObjectMapper json;
    private final String source;

    /** @param source the CloudEvents source of everything this service publishes, e.g. {@code /requests-service} */
    public Outbox(ObjectMapper json, String source) {
        this.json = json;
        this.source = source;
    }

    public void enqueue(Connection c, OutgoingEvent e) {
        // the traceparent header is the span that wrote the event; the relay sends it as the record's traceparent
        var headers = CloudEvents.headers(
                e.eventId(),
                e.type(),
                e.schemaVersion(),
                source,
                e.subject(),
                e.time(),
                e.context().withCurrentTraceIfAbsent());
        try (PreparedStatement ps = c.prepareStatement("insert into outbox (event_id, topic, message_key, event_type, "
                        + "headers, payload) values (?, ?, ?, ?, ?::jsonb, ?)");
                Statement notify = c.createStatement()) {
            ps.setObject(1, e.eventId());
            ps.setString(2, e.topic());
            ps.setString(3, e.key());
            ps.setString(4, e.type());
            ps.setString(5, json.writeValueAsString(headers));
            ps.setString(6, json.writeValueAsString(e.payload()));
            ps.executeUpdate();
            notify.execute("notify " + CHANNEL);
        } catch (SQLException ex) {
            throw new OutboxException("outbox write failed", ex);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("integration event cannot be written as JSON", ex);
        }
    }

    /** Backlog figures for health and metrics: rows not yet published and the age of the oldest, in ms. */
    public static Backlog backlog(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select count(*), coalesce(extract(epoch from now() - min(created_at)) * 1000, 0) "
                                + "from outbox where published_at is null")) {
            rs.next();
            return new Backlog(rs.getLong(1), rs.getLong(2));
        }
    }

    public record Backlog(long unpublished, long oldestAgeMillis) {}
}
