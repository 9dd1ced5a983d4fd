package org.relief.inventory.service;

import org.relief.kernel.runtime.TransactionRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.relief.inventory.domain.AdjustmentReason;
import org.relief.inventory.domain.CountedUnits;
import org.relief.inventory.domain.LotPosition;
import org.relief.inventory.domain.StockItem;
import org.relief.inventory.domain.StockItemEvent;
import org.relief.inventory.projection.ItemView;
import org.relief.inventory.projection.WarehouseView;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.eventstore.EventStoreException;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.kernel.web.ProblemException;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Hand corrections of the stock ledger (adjustments, reversals) and stock figures, now or as of a past instant. */
@ApplicationScoped
public class StockService {
    @Inject
    StockLedger ledger;
    @Inject
    Allocator allocator;
    @Inject
    TransactionRunner runner;
    @Inject
    DonorOrigins origins;

    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    @Inject
    Clock clock;

    public record EntryResult(String entryId, String item, String lotId, BigDecimal onHand, BigDecimal reserved) {
    }

    /**
     * With an Idempotency-Key (null without), a repeat of the same body returns the entry the first POST appended
     * (with the lot's figures as they stand now) and changes nothing.
     */
    public IdempotencyKeys.Outcome<EntryResult> adjust(String warehouseId, String item, String lotId, BigDecimal delta,
                                                       AdjustmentReason reason, String note,
                                                       IdempotencyKeys.Key idempotencyKey, EventContext ctx) {
        if (delta.signum() == 0) {
            throw FieldProblem.of("delta", "must not be 0", "不能为 0");
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
                throw FieldProblem.of("lotId", "no lot " + lotId + " of " + item, item + " 没有批次 " + lotId);
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
    public IdempotencyKeys.Outcome<EntryResult> reverse(String entryId, String reason, IdempotencyKeys.Key idempotencyKey,
                                                        EventContext ctx) {
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
            return IdempotencyKeys.Outcome.created(new EntryResult(e.entryId(), item, e.lotId(), p.onHand(), p.reserved()));
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

    /**
     * Stock per warehouse × item. Without {@code asOf} from the stock_position read model; with it by folding each
     * item's ledger up to that instant (the event store keeps every entry with the time it happened). A lot's donor
     * origin is withheld from a caller who may not see it ({@link DonorOrigins}).
     */
    public List<StockRow> positions(String item, String warehouseId, Instant asOf, boolean byLot) {
        List<StockRow> found = runner.inTransaction(c -> {
            if (item != null && ItemView.findById(item) == null) {
                throw ProblemException.notFound("item", item);
            }
            if (warehouseId != null && WarehouseView.findById(warehouseId) == null) {
                throw ProblemException.notFound("warehouse", warehouseId);
            }
            List<LotPosition> lots = asOf == null ? current(c, item, warehouseId) : asOf(c, item, warehouseId, asOf);
            Map<String, WarehouseView> warehouses = WarehouseView.<WarehouseView>listAll().stream()
                    .collect(Collectors.toMap(w -> w.id, Function.identity()));
            Map<String, List<LotPosition>> groups = new LinkedHashMap<>();
            for (LotPosition p : lots) {
                groups.computeIfAbsent(p.warehouseId() + "\u0000" + p.item(), k -> new ArrayList<>()).add(p);
            }
            List<StockRow> rows = new ArrayList<>();
            for (List<LotPosition> g : groups.values()) {
                LotPosition first = g.get(0);
                WarehouseView w = warehouses.get(first.warehouseId());
                BigDecimal onHand = g.stream().map(LotPosition::onHand).reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal reserved = g.stream().map(LotPosition::reserved).reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal quarantined = g.stream().map(LotPosition::quarantined).reduce(BigDecimal.ZERO, BigDecimal::add);
                rows.add(new StockRow(first.warehouseId(), w == null ? null : w.name, w == null ? null : w.district,
                        first.item(), onHand, reserved, onHand.subtract(reserved).subtract(quarantined), !byLot ? null : g.stream()
                        .map(p -> new StockRow.Lot(p.lotId(), p.lotCode(), p.donationId(), p.donorOrganisationId(),
                                null, p.expiresOn(), p.onHand(), p.reserved(), p.available(), p.quarantined())).toList(),
                        quarantined));
            }
            rows.sort(Comparator.comparing(StockRow::item).thenComparing(r -> r.warehouseName() == null ? "" : r.warehouseName())
                    .thenComparing(StockRow::warehouseId));
            return rows;
        });
        return origins.stock(found); // each lot's donor origin only for whom may see it
    }

    private static List<LotPosition> current(Connection c, String item, String warehouseId) {
        String sql = "select item, warehouse_id, lot_id, lot_code, donation_id, donor_organisation_id, expires_on, on_hand, "
                + "reserved, quarantined from stock_position where (?::text is null or item = ?) and (?::text is null or warehouse_id = ?) "
                + "order by item, warehouse_id, expires_on nulls last, lot_id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, item);
            ps.setString(2, item);
            ps.setString(3, warehouseId);
            ps.setString(4, warehouseId);
            List<LotPosition> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LotPosition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate(),
                            rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new EventStoreException("reading stock failed", e);
        }
    }

    private List<LotPosition> asOf(Connection c, String item, String warehouseId, Instant asOf) {
        List<String> items = item != null ? List.of(item)
                : ItemView.<ItemView>list("order by code").stream().map(i -> i.code).toList();
        List<LotPosition> out = new ArrayList<>();
        for (String code : items) {
            List<StockItemEvent> upTo = new ArrayList<>();
            for (StoredEvent e : ledger.history(c, code)) {
                if (!e.occurredAt().isAfter(asOf)) {
                    upTo.add(ledger.decode(e));
                }
            }
            for (LotPosition p : StockItem.fold(code, upTo).positions()) {
                if (warehouseId == null || warehouseId.equals(p.warehouseId())) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** The warehouse and item exist, and the delta is a whole number if the item is counted in whole units. */
    private static void requireKnown(String warehouseId, String item, BigDecimal delta) {
        List<FieldProblem.Field> errors = new ArrayList<>();
        if (WarehouseView.findById(warehouseId) == null) {
            errors.add(new FieldProblem.Field("warehouseId", "unknown warehouse " + warehouseId, "仓库不存在: " + warehouseId));
        }
        ItemView known = ItemView.findById(item);
        if (known == null) {
            errors.add(new FieldProblem.Field("item", "unknown item " + item, "物资目录中没有 " + item));
        } else if (!CountedUnits.fits(known.unit, delta)) {
            errors.add(new FieldProblem.Field("delta", CountedUnits.message(item, known.unit, delta),
                    CountedUnits.messageZh(item, known.unit, delta)));
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
                    throw FieldProblem.of("entryId", "no ledger entry " + entryId, "没有库存流水 " + entryId);
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new EventStoreException("reading ledger entry " + entryId + " failed", e);
        }
    }
}
