package org.relief.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relief.inventory.domain.AdjustmentReason;
import org.relief.inventory.domain.CountedUnits;
import org.relief.inventory.domain.LotPosition;
import org.relief.inventory.domain.StockItem;
import org.relief.inventory.domain.StockItemEvent;
import org.relief.inventory.domain.Texts;
import org.relief.inventory.projection.ItemView;
import org.relief.inventory.projection.WarehouseView;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.runtime.TransactionRunner;
import org.relief.kernel.tx.DatabaseException;
import org.relief.kernel.web.IdempotencyKeys;

/** Hand corrections of the stock ledger: adjustments and reversals (stock figures are {@link StockQueries}). */
@ApplicationScoped
public class StockService {
    private final StockLedger ledger;
    private final Allocator allocator;
    private final TransactionRunner runner;
    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    public StockService(StockLedger ledger, Allocator allocator, TransactionRunner runner, Clock clock) {
        this.ledger = ledger;
        this.allocator = allocator;
        this.runner = runner;
        this.clock = clock;
    }

    public record EntryResult(String entryId, String item, String lotId, BigDecimal onHand, BigDecimal reserved) {}

    /**
     * With an Idempotency-Key (null without), a repeat of the same body returns the entry the first POST appended
     * (with the lot's figures as they stand now) and changes nothing.
     */
    public IdempotencyKeys.Outcome<EntryResult> adjust(
            String warehouseId,
            String item,
            String lotId,
            BigDecimal delta,
            AdjustmentReason reason,
            String note,
            IdempotencyKeys.Key idempotencyKey,
            EventContext ctx) {
        if (delta.signum() == 0) {
            throw FieldProblem.of("delta", Texts.of("field.not-zero"));
        }
        return runner.inTransaction(c -> {
            Optional<String> earlier = IdempotencyKeys.earlier(c, idempotencyKey);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(entry(c, earlier.get()));
            }
            requireKnown(warehouseId, item, delta);
            ledger.lock(c, Set.of(item));
            StockItem s = ledger.load(c, item);
            if (!s.hasLot(lotId)) {
                throw FieldProblem.of("lotId", Texts.of("field.unknown-lot", lotId, item));
            }
            StockItemEvent.Adjusted e = s.adjust(warehouseId, lotId, delta, reason, note, clock);
            earlier = IdempotencyKeys.claim(c, idempotencyKey, e.entryId());
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(entry(c, earlier.get()));
            }
            ledger.save(c, s, ctx.withCorrelation(item));
            if (delta.signum() > 0) {
                allocator.allocate(c, Set.of(item), null, ctx.withCorrelation(item));
            }
            LotPosition p = ledger.load(c, item).position(lotId);
            return IdempotencyKeys.Outcome.created(new EntryResult(e.entryId(), item, lotId, p.onHand(), p.reserved()));
        });
    }

    /** With an Idempotency-Key (null without), a repeat of the same body returns the first reversing entry. */
    public IdempotencyKeys.Outcome<EntryResult> reverse(
            String entryId, String reason, IdempotencyKeys.Key idempotencyKey, EventContext ctx) {
        return runner.inTransaction(c -> {
            Optional<String> earlier = IdempotencyKeys.earlier(c, idempotencyKey);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(entry(c, earlier.get()));
            }
            String item = itemOfEntry(c, entryId);
            ledger.lock(c, Set.of(item));
            StockItem s = ledger.load(c, item);
            StockItemEvent.Reversed e = s.reverse(entryId, reason, clock);
            earlier = IdempotencyKeys.claim(c, idempotencyKey, e.entryId());
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(entry(c, earlier.get()));
            }
            ledger.save(c, s, ctx.withCorrelation(item));
            if (e.onHandDelta().signum() > 0) {
                allocator.allocate(c, Set.of(item), null, ctx.withCorrelation(item));
            }
            LotPosition p = ledger.load(c, item).position(e.lotId());
            return IdempotencyKeys.Outcome.created(
                    new EntryResult(e.entryId(), item, e.lotId(), p.onHand(), p.reserved()));
        });
    }

    /** An entry an earlier POST appended, answered again with its lot's current figures. */
    private EntryResult entry(Connection c, String entryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select item, lot_id from stock_entry where entry_id = ?")) {
            ps.setString(1, entryId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String item = rs.getString(1);
                String lotId = rs.getString(2);
                LotPosition p = ledger.load(c, item).position(lotId);
                return new EntryResult(entryId, item, lotId, p.onHand(), p.reserved());
            }
        }
    }

    /** The warehouse and item exist, and the delta is a whole number if the item is counted in whole units. */
    private static void requireKnown(String warehouseId, String item, BigDecimal delta) {
        List<FieldProblem.Field> errors = new ArrayList<>();
        if (WarehouseView.findById(warehouseId) == null) {
            errors.add(new FieldProblem.Field("warehouseId", Texts.of("field.unknown-warehouse", warehouseId)));
        }
        ItemView known = ItemView.findById(item);
        if (known == null) {
            errors.add(new FieldProblem.Field("item", Texts.of("field.unknown-item", item)));
        } else if (!CountedUnits.fits(known.unit, delta)) {
            errors.add(new FieldProblem.Field("delta", CountedUnits.text(item, known.unit, delta)));
        }
        if (!errors.isEmpty()) {
            throw new FieldProblem(errors);
        }
    }

    private static String itemOfEntry(Connection c, String entryId) {
        try (PreparedStatement ps = c.prepareStatement("select item from stock_entry where entry_id = ?")) {
            ps.setString(1, entryId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw FieldProblem.of("entryId", Texts.of("field.unknown-entry", entryId));
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading ledger entry " + entryId + " failed", e);
        }
    }
}
