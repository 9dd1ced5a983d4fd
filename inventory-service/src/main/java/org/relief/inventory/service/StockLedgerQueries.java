package org.relief.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.relief.kernel.database.PagedSelect;
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
        PagedSelect select = new PagedSelect()
                .and("item = ?", f.item())
                .and("warehouse_id = ?", f.warehouseId())
                .and("kind = ?", f.kind())
                .and("request_id = ?", f.requestId())
                .and("occurred_at >= ?", f.from() == null ? null : Timestamp.from(f.from()))
                .and("occurred_at < ?", f.to() == null ? null : Timestamp.from(f.to()));
        return transactions.inNewTransaction(c -> {
            var rows = select.page(
                    c,
                    "select entry_id, kind, item, warehouse_id, lot_id, request_id, quantity, reason, occurred_at",
                    "stock_entry",
                    "occurred_at desc, entry_id",
                    page,
                    size,
                    rs -> new Entry(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getBigDecimal(7).stripTrailingZeros(),
                            rs.getString(8),
                            rs.getTimestamp(9).toInstant()));
            return new LedgerPage(rows.items(), page, size, rows.total());
        });
    }
}
