package org.relief.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.relief.inventory.domain.LotPosition;
import org.relief.inventory.domain.StockItem;
import org.relief.inventory.domain.StockItemEvent;
import org.relief.inventory.projection.ItemView;
import org.relief.inventory.projection.WarehouseView;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.runtime.TransactionRunner;
import org.relief.kernel.tx.DatabaseException;
import org.relief.kernel.web.ProblemException;

/** Stock figures per warehouse × item (and lot), now or as of a past instant. */
@ApplicationScoped
public class StockQueries {
    private final StockLedger ledger;
    private final TransactionRunner runner;
    private final DonorOrigins origins;

    public StockQueries(StockLedger ledger, TransactionRunner runner, DonorOrigins origins) {
        this.ledger = ledger;
        this.runner = runner;
        this.origins = origins;
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
                groups.computeIfAbsent(p.warehouseId() + "\u0000" + p.item(), k -> new ArrayList<>())
                        .add(p);
            }
            List<StockRow> rows = new ArrayList<>();
            for (List<LotPosition> g : groups.values()) {
                LotPosition first = g.get(0);
                WarehouseView w = warehouses.get(first.warehouseId());
                BigDecimal onHand = g.stream().map(LotPosition::onHand).reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal reserved = g.stream().map(LotPosition::reserved).reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal quarantined =
                        g.stream().map(LotPosition::quarantined).reduce(BigDecimal.ZERO, BigDecimal::add);
                rows.add(new StockRow(
                        first.warehouseId(),
                        w == null ? null : w.name,
                        w == null ? null : w.district,
                        first.item(),
                        onHand,
                        reserved,
                        onHand.subtract(reserved).subtract(quarantined),
                        !byLot
                                ? null
                                : g.stream()
                                        .map(p -> new StockRow.Lot(
                                                p.lotId(),
                                                p.lotCode(),
                                                p.donationId(),
                                                p.donorOrganisationId(),
                                                null,
                                                p.expiresOn(),
                                                p.onHand(),
                                                p.reserved(),
                                                p.available(),
                                                p.quarantined()))
                                        .toList(),
                        quarantined));
            }
            rows.sort(Comparator.comparing(StockRow::item)
                    .thenComparing(r -> r.warehouseName() == null ? "" : r.warehouseName())
                    .thenComparing(StockRow::warehouseId));
            return rows;
        });
        return origins.stock(found); // each lot's donor origin only for whom may see it
    }

    private static List<LotPosition> current(Connection c, String item, String warehouseId) {
        String sql =
                "select item, warehouse_id, lot_id, lot_code, donation_id, donor_organisation_id, expires_on, on_hand, "
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
                    out.add(new LotPosition(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate(),
                            rs.getBigDecimal(8),
                            rs.getBigDecimal(9),
                            rs.getBigDecimal(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DatabaseException("reading stock failed", e);
        }
    }

    private List<LotPosition> asOf(Connection c, String item, String warehouseId, Instant asOf) {
        List<String> items = item != null
                ? List.of(item)
                : ItemView.<ItemView>list("order by code").stream()
                        .map(i -> i.code)
                        .toList();
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
}
