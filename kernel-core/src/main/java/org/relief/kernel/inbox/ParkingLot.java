package org.relief.kernel.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Events a consumer could not apply, kept in its own database with the record's headers and value so they can be
 * inspected and replayed. While a key has an open parked event, later events of that key are parked behind it
 * (sequenced dead letters): other keys go on, this key's order is kept.
 */
public final class ParkingLot {
    public record Parked(
            long id,
            String consumer,
            String key,
            UUID eventId,
            String eventType,
            String topic,
            int partition,
            long offset,
            String error,
            Instant parkedAt) {}

    private final ObjectMapper json;

    public ParkingLot(ObjectMapper json) {
        this.json = json;
    }

    public boolean hasOpen(Connection c, String consumer, String key) {
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from parked_event where consumer = ? and message_key = ? and resolved_at is null limit 1")) {
            ps.setString(1, consumer);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new InboxException("parking lot read failed", e);
        }
    }

    public void park(
            Connection c,
            String consumer,
            ConsumerRecord<String, String> record,
            UUID eventId,
            String eventType,
            String error) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        try (PreparedStatement ps = c.prepareStatement("insert into parked_event (consumer, message_key, event_id, "
                + "event_type, topic, kafka_partition, kafka_offset, headers, payload, error) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) on conflict (consumer, event_id) do nothing")) {
            ps.setString(1, consumer);
            ps.setString(2, record.key() == null ? "" : record.key());
            ps.setObject(3, eventId);
            ps.setString(4, eventType);
            ps.setString(5, record.topic());
            ps.setInt(6, record.partition());
            ps.setLong(7, record.offset());
            ps.setString(8, json.writeValueAsString(headers));
            ps.setString(9, record.value());
            ps.setString(10, error == null ? "unknown error" : error);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new InboxException("parking event " + eventId + " failed", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A parked record as it came from Kafka, to be applied again. */
    public record ParkedRecord(long id, ConsumerRecord<String, String> record) {}

    /** The open parked records of one key, oldest first. */
    public List<ParkedRecord> openOfKeyForReplay(Connection c, String consumer, String key) {
        List<ParkedRecord> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, topic, kafka_partition, kafka_offset, message_key, "
                + "headers::text, payload from parked_event where consumer = ? and message_key = ? and resolved_at is null "
                + "order by id")) {
            ps.setString(1, consumer);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
                    Map<String, String> stored = json.readValue(
                            rs.getString(6),
                            new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, String>>() {});
                    stored.forEach((k, v) -> headers.add(k, v == null ? null : v.getBytes(StandardCharsets.UTF_8)));
                    String storedKey = rs.getString(5);
                    list.add(new ParkedRecord(
                            rs.getLong(1),
                            new ConsumerRecord<>(
                                    rs.getString(2),
                                    rs.getInt(3),
                                    rs.getLong(4),
                                    org.apache.kafka.clients.consumer.ConsumerRecord.NO_TIMESTAMP,
                                    org.apache.kafka.common.record.TimestampType.NO_TIMESTAMP_TYPE,
                                    -1,
                                    -1,
                                    storedKey.isEmpty() ? null : storedKey,
                                    rs.getString(7),
                                    headers,
                                    java.util.Optional.empty())));
                }
            }
            return list;
        } catch (SQLException e) {
            throw new InboxException("parking lot read failed", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parked headers are not JSON", e);
        }
    }

    public void resolve(Connection c, long id) {
        update(c, "update parked_event set resolved_at = now() where id = ?", id, null);
    }

    /** Resolves one open parked record without applying it; the note (who, why) is kept with its error. */
    public boolean discard(Connection c, long id, String note) {
        try (PreparedStatement ps = c.prepareStatement("update parked_event set resolved_at = now(), "
                + "error = error || ' | discarded: ' || ? where id = ? and resolved_at is null")) {
            ps.setString(1, note);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new InboxException("parking lot update failed", e);
        }
    }

    public void recordReplayFailure(Connection c, long id, String error) {
        update(c, "update parked_event set error = ? where id = ?", id, error);
    }

    private void update(Connection c, String sql, long id, String error) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (error != null) {
                ps.setString(i++, error);
            }
            ps.setLong(i, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new InboxException("parking lot update failed", e);
        }
    }

    public List<Parked> open(Connection c, String consumer) {
        List<Parked> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, consumer, message_key, event_id, event_type, topic, "
                + "kafka_partition, kafka_offset, error, parked_at from parked_event where consumer = ? "
                + "and resolved_at is null order by id")) {
            ps.setString(1, consumer);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new Parked(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getObject(4, UUID.class),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getInt(7),
                            rs.getLong(8),
                            rs.getString(9),
                            rs.getTimestamp(10).toInstant()));
                }
            }
            return list;
        } catch (SQLException e) {
            throw new InboxException("parking lot read failed", e);
        }
    }
}
