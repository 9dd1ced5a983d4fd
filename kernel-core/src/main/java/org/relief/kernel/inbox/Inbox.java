package org.relief.kernel.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Which events a consumer has already applied. Written in the same transaction as the consumer's effect. */
public final class Inbox {

    public boolean seen(Connection c, String consumer, UUID eventId) {
        try (PreparedStatement ps = c.prepareStatement("select 1 from inbox where consumer = ? and event_id = ?")) {
            ps.setString(1, consumer);
            ps.setObject(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new InboxException("inbox read failed", e);
        }
    }

    /**
     * Records the event as applied. A concurrent delivery of the same event blocks on the primary key and then fails,
     * rolling back its effect: the effect happens once.
     */
    public void record(Connection c, String consumer, UUID eventId, String type) {
        try (PreparedStatement ps =
                c.prepareStatement("insert into inbox (consumer, event_id, event_type) values (?, ?, ?)")) {
            ps.setString(1, consumer);
            ps.setObject(2, eventId);
            ps.setString(3, type);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new InboxException("inbox write failed for " + eventId, e);
        }
    }
}
