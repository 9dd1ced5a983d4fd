package org.relief.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.relief.kernel.tx.Transactions;
import org.relief.kernel.web.PagedList;

/**
 * The stock ledger as ops audit it: every entry (received, reserved, released, issued, adjusted, reversed,
 * quarantined, written off) from the stock_entry read model, newest first.
 */
@ApplicationScoped
public class StockLedgerQueries {
    private final Transactions transactions;

    public StockLedgerQueries(Transactions transactions) {
        this.transactions = transactions;
    }

    public record Filter(String item, String warehouseId, String kind, String requestId, Instant from, Instant to) {}

    @Schema(name = "LedgerEntry")
    public record Entry(
            String entryId,
            @Schema(
                            description =
                                    "one of RECEIVED, RESERVED, RELEASED, ISSUED, ADJUSTED, REVERSED, WRITTEN_OFF, "
                                            + "QUARANTINED, QUARANTINE_RELEASED, QUARANTINE_WRITTEN_OFF")
                    String kind,
            String item,
            String warehouseId,
            String lotId,
            @Schema(description = "the help request it was for (reservations, releases, issues)") String requestId,
            @Schema(description = "units, signed as the entry moved them (an adjustment may be negative)")
                    BigDecimal quantity,
            String reason,
            Instant occurredAt) {}

    @Schema(name = "LedgerPage")
    public record LedgerPage(List<Entry> items, int page, int size, long total) implements PagedList<Entry> {}

    public LedgerPage list(Filter f, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        condition(where, params, "item = ?", f.item());
        condition(where, params, "warehouse_id = ?", f.warehouseId());
        condition(where, params, "kind = ?", f.kind());
        condition(where, params, "request_id = ?", f.requestId());
        condition(where, params, "occurred_at >= ?", f.from() == null ? null : Timestamp.from(f.from()));
        condition(where, params, "occurred_at < ?", f.to() == null ? null : Timestamp.from(f.to()));
        return transactions.inNewTransaction(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from stock_entry" + where)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Entry> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select entry_id, kind, item, warehouse_id, lot_id, request_id, quantity, reason, occurred_at"
                            + " from stock_entry" + where + " order by occurred_at desc, entry_id limit ? offset ?")) {
                bind(ps, params);
                ps.setInt(params.size() + 1, size);
                ps.setLong(params.size() + 2, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new Entry(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getBigDecimal(7).stripTrailingZeros(),
                                rs.getString(8),
                                rs.getTimestamp(9).toInstant()));
                    }
                }
            }
            return new LedgerPage(items, page, size, total);
        });
    }

    private static void condition(StringBuilder where, List<Object> params, String sql, Object value) {
        if (value != null) {
            where.append(" and ").append(sql);
            params.add(value);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
