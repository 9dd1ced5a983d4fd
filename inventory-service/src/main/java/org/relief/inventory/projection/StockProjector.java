package org.relief.inventory.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.relief.inventory.domain.StockItemEvent;
import org.relief.kernel.tx.DatabaseException;

/**
 * Keeps stock_position (per lot) and stock_entry (per ledger entry) in step with the StockItem ledgers, on the
 * appending transaction's connection. Plain SQL: increments are exact and the table's checks are a last guard.
 */
@ApplicationScoped
public class StockProjector {

    public void project(Connection c, String item, StockItemEvent event) {
        try {
            if (event instanceof StockItemEvent.Received r) {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into stock_position (item, lot_id, warehouse_id, "
                                + "lot_code, donation_id, donor_organisation_id, expires_on, on_hand, reserved) values (?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                    ps.setString(1, item);
                    ps.setString(2, r.lotId());
                    ps.setString(3, r.warehouseId());
                    ps.setString(4, r.lotCode());
                    ps.setString(5, r.donationId());
                    ps.setString(6, r.donorOrganisationId());
                    ps.setDate(7, r.expiresOn() == null ? null : Date.valueOf(r.expiresOn()));
                    ps.setBigDecimal(8, r.quantity());
                    ps.executeUpdate();
                }
                entry(c, item, "RECEIVED", r.entryId(), r.warehouseId(), r.lotId(), null, r.quantity(), null, r.at());
            } else if (event instanceof StockItemEvent.Reserved r) {
                move(c, item, r.lotId(), BigDecimal.ZERO, r.quantity());
                entry(
                        c,
                        item,
                        "RESERVED",
                        r.entryId(),
                        r.warehouseId(),
                        r.lotId(),
                        r.requestId(),
                        r.quantity(),
                        null,
                        r.at());
            } else if (event instanceof StockItemEvent.Released r) {
                move(c, item, r.lotId(), BigDecimal.ZERO, r.quantity().negate());
                entry(
                        c,
                        item,
                        "RELEASED",
                        r.entryId(),
                        r.warehouseId(),
                        r.lotId(),
                        r.requestId(),
                        r.quantity(),
                        r.reason(),
                        r.at());
            } else if (event instanceof StockItemEvent.Issued i) {
                move(c, item, i.lotId(), i.quantity().negate(), i.quantity().negate());
                entry(
                        c,
                        item,
                        "ISSUED",
                        i.entryId(),
                        i.warehouseId(),
                        i.lotId(),
                        i.requestId(),
                        i.quantity(),
                        null,
                        i.at());
            } else if (event instanceof StockItemEvent.Quarantined q) {
                quarantine(c, item, q.lotId(), BigDecimal.ZERO, q.quantity().negate(), q.quantity());
                entry(
                        c,
                        item,
                        "QUARANTINED",
                        q.entryId(),
                        q.warehouseId(),
                        q.lotId(),
                        q.requestId(),
                        q.quantity(),
                        q.reason(),
                        q.at());
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into quarantine (id, item, warehouse_id, lot_id, "
                                + "request_id, quantity, reason, status, quarantined_at) values (?, ?, ?, ?, ?, ?, ?, 'QUARANTINED', ?)")) {
                    ps.setString(1, q.entryId());
                    ps.setString(2, item);
                    ps.setString(3, q.warehouseId());
                    ps.setString(4, q.lotId());
                    ps.setString(5, q.requestId());
                    ps.setBigDecimal(6, q.quantity());
                    ps.setString(7, q.reason());
                    ps.setTimestamp(8, Timestamp.from(q.at()));
                    ps.executeUpdate();
                }
            } else if (event instanceof StockItemEvent.QuarantineWrittenOff w) {
                quarantine(
                        c,
                        item,
                        w.lotId(),
                        w.quantity().negate(),
                        BigDecimal.ZERO,
                        w.quantity().negate());
                entry(
                        c,
                        item,
                        "QUARANTINE_WRITTEN_OFF",
                        w.entryId(),
                        w.warehouseId(),
                        w.lotId(),
                        null,
                        w.quantity(),
                        "quarantine " + w.quarantineId() + (w.note() == null ? "" : ": " + w.note()),
                        w.at());
                settle(c, w.quarantineId(), "WRITTEN_OFF", w.entryId(), w.note(), w.at());
            } else if (event instanceof StockItemEvent.QuarantineReleased r) {
                quarantine(
                        c,
                        item,
                        r.lotId(),
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        r.quantity().negate());
                entry(
                        c,
                        item,
                        "QUARANTINE_RELEASED",
                        r.entryId(),
                        r.warehouseId(),
                        r.lotId(),
                        null,
                        r.quantity(),
                        "quarantine " + r.quarantineId() + (r.note() == null ? "" : ": " + r.note()),
                        r.at());
                settle(c, r.quarantineId(), "RELEASED", r.entryId(), r.note(), r.at());
            } else if (event instanceof StockItemEvent.Adjusted a) {
                move(c, item, a.lotId(), a.delta(), BigDecimal.ZERO);
                entry(
                        c,
                        item,
                        "ADJUSTED",
                        a.entryId(),
                        a.warehouseId(),
                        a.lotId(),
                        null,
                        a.delta(),
                        a.reason().name(),
                        a.at());
            } else if (event instanceof StockItemEvent.Reversed r) {
                move(c, item, r.lotId(), r.onHandDelta(), BigDecimal.ZERO);
                entry(
                        c,
                        item,
                        "REVERSED",
                        r.entryId(),
                        r.warehouseId(),
                        r.lotId(),
                        null,
                        r.onHandDelta(),
                        "reverses " + r.reversedEntryId() + ": " + r.reason(),
                        r.at());
            }
        } catch (SQLException e) {
            throw new DatabaseException("stock projection of " + item + " failed", e);
        }
    }

    private static void move(Connection c, String item, String lotId, BigDecimal onHand, BigDecimal reserved)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("update stock_position set on_hand = on_hand + ?, reserved = reserved + ? "
                        + "where item = ? and lot_id = ?")) {
            ps.setBigDecimal(1, onHand);
            ps.setBigDecimal(2, reserved);
            ps.setString(3, item);
            ps.setString(4, lotId);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("no stock position for lot " + lotId + " of " + item);
            }
        }
    }

    /** on hand, reserved and quarantined move in one statement, so the row's checks hold after it */
    private static void quarantine(
            Connection c, String item, String lotId, BigDecimal onHand, BigDecimal reserved, BigDecimal quarantined)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update stock_position set on_hand = on_hand + ?, "
                + "reserved = reserved + ?, quarantined = quarantined + ? where item = ? and lot_id = ?")) {
            ps.setBigDecimal(1, onHand);
            ps.setBigDecimal(2, reserved);
            ps.setBigDecimal(3, quarantined);
            ps.setString(4, item);
            ps.setString(5, lotId);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("no stock position for lot " + lotId + " of " + item);
            }
        }
    }

    private static void settle(
            Connection c, String quarantineId, String status, String entryId, String note, java.time.Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update quarantine set status = ?, settled_entry_id = ?, "
                + "settled_at = ?, note = ? where id = ? and status = 'QUARANTINED'")) {
            ps.setString(1, status);
            ps.setString(2, entryId);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setString(4, note);
            ps.setString(5, quarantineId);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("quarantine " + quarantineId + " is not open");
            }
        }
    }

    private static void entry(
            Connection c,
            String item,
            String kind,
            String entryId,
            String warehouseId,
            String lotId,
            String requestId,
            BigDecimal quantity,
            String reason,
            java.time.Instant at)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("insert into stock_entry (entry_id, item, kind, warehouse_id, lot_id, "
                        + "request_id, quantity, reason, occurred_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, entryId);
            ps.setString(2, item);
            ps.setString(3, kind);
            ps.setString(4, warehouseId);
            ps.setString(5, lotId);
            ps.setString(6, requestId);
            ps.setBigDecimal(7, quantity);
            ps.setString(8, reason);
            ps.setTimestamp(9, Timestamp.from(at));
            ps.executeUpdate();
        }
    }
}
