package org.relief.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relief.inventory.domain.StockItem;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.runtime.TransactionRunner;
import org.relief.kernel.tx.DatabaseException;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.kernel.web.ProblemException;

/**
 * Quarantine (issue 10, path 4): units rejected at a delivery wait here, on hand and never available, until ops
 * writes them off (they leave on hand) or releases them (available again, offered to the waiting queue at once).
 * Each is an entry on the item's stock ledger.
 */
@ApplicationScoped
public class QuarantineService {
    private final StockLedger ledger;
    private final Allocator allocator;
    private final TransactionRunner runner;

    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    @Inject
    public QuarantineService(StockLedger ledger, Allocator allocator, TransactionRunner runner, Clock clock) {
        this.ledger = ledger;
        this.allocator = allocator;
        this.runner = runner;
        this.clock = clock;
    }

    /** One quarantine as the read model holds it. status: QUARANTINED, WRITTEN_OFF or RELEASED. */
    public record QuarantineRow(
            String id,
            String item,
            String warehouseId,
            String lotId,
            String requestId,
            BigDecimal quantity,
            String reason,
            String status,
            Instant quarantinedAt,
            String settledEntryId,
            Instant settledAt,
            String note) {}

    public record Page(List<QuarantineRow> items) {}

    public Page list(String item, String status) {
        return runner.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " where (?::text is null or item = ?) "
                    + "and (?::text is null or status = ?) order by quarantined_at desc, id limit 500")) {
                ps.setString(1, item);
                ps.setString(2, item);
                ps.setString(3, status);
                ps.setString(4, status);
                List<QuarantineRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return new Page(out);
            }
        });
    }

    public IdempotencyKeys.Outcome<QuarantineRow> writeOff(
            String id, String note, IdempotencyKeys.Key key, EventContext ctx) {
        return settle(id, note, key, ctx, false);
    }

    public IdempotencyKeys.Outcome<QuarantineRow> release(
            String id, String note, IdempotencyKeys.Key key, EventContext ctx) {
        return settle(id, note, key, ctx, true);
    }

    private IdempotencyKeys.Outcome<QuarantineRow> settle(
            String id, String note, IdempotencyKeys.Key key, EventContext ctx, boolean release) {
        return runner.inTransaction(c -> {
            Optional<String> earlier = IdempotencyKeys.earlier(c, key);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(find(c, earlier.get()).orElseThrow());
            }
            QuarantineRow q = find(c, id).orElseThrow(() -> ProblemException.notFound("quarantine", id));
            ledger.lock(c, Set.of(q.item()));
            StockItem s = ledger.load(c, q.item());
            if (release) {
                s.releaseQuarantined(id, note, clock);
            } else {
                s.writeOffQuarantined(id, note, clock);
            }
            earlier = IdempotencyKeys.claim(c, key, id);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(find(c, earlier.get()).orElseThrow());
            }
            EventContext itemCtx = ctx.withCorrelation(q.item());
            ledger.save(c, s, itemCtx);
            if (release) {
                allocator.allocate(c, Set.of(q.item()), null, itemCtx);
            }
            return IdempotencyKeys.Outcome.created(find(c, id).orElseThrow());
        });
    }

    private static final String SELECT = "select id, item, warehouse_id, lot_id, request_id, quantity, reason, status, "
            + "quarantined_at, settled_entry_id, settled_at, note from quarantine";

    private static Optional<QuarantineRow> find(Connection c, String id) {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading quarantine " + id + " failed", e);
        }
    }

    private static QuarantineRow row(ResultSet rs) throws SQLException {
        return new QuarantineRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getBigDecimal(6),
                rs.getString(7),
                rs.getString(8),
                instant(rs.getTimestamp(9)),
                rs.getString(10),
                instant(rs.getTimestamp(11)),
                rs.getString(12));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
