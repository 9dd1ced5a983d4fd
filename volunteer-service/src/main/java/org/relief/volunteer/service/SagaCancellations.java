package org.relief.volunteer.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Trips and requests that ended (table saga_cancellation), remembered because their events arrive on two topics in
 * any order: a TripScheduled or a CARE request seen after its trip or request ended opens no call.
 */
final class SagaCancellations {
    /** what ended: the kind column of saga_cancellation */
    static final String TRIP = "TRIP";

    static final String REQUEST = "REQUEST";

    private SagaCancellations() {}

    static boolean cancelled(Connection c, String kind, String id) throws SQLException {
        if (id == null) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("select 1 from saga_cancellation where kind = ? and id = ?")) {
            ps.setString(1, kind);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void remember(Connection c, String kind, String id, String reason, Clock clock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into saga_cancellation (kind, id, reason, cancelled_at) "
                + "values (?, ?, ?, ?) on conflict do nothing")) {
            ps.setString(1, kind);
            ps.setString(2, id);
            ps.setString(3, reason);
            ps.setObject(4, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)));
            ps.executeUpdate();
        }
    }
}
