package org.relief.inventory.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The stock ledger of one item (all warehouses and lots): an immutable list of entries. Nothing is ever edited or
 * deleted; a wrong entry is undone by a {@link Reversed} entry with the opposite effect.
 */
public sealed interface StockItemEvent {
    /** The ledger entry id (referenced by reversals and by the stock_entry read model). */
    String entryId();

    /** A lot arrived (from a donation). The first entry of every stream, so it also names the item. */
    record Received(
            String entryId,
            String item,
            String warehouseId,
            String lotId,
            String lotCode,
            String donationId,
            String donorOrganisationId,
            BigDecimal quantity,
            LocalDate expiresOn,
            Instant at)
            implements StockItemEvent {}

    /** Units of a lot held for a help request (still on hand, no longer available). */
    record Reserved(String entryId, String requestId, String warehouseId, String lotId, BigDecimal quantity, Instant at)
            implements StockItemEvent {}

    /** Held units went back to available (reason CANCELLED, EXPIRED or REJECTED). */
    record Released(
            String entryId,
            String requestId,
            String warehouseId,
            String lotId,
            BigDecimal quantity,
            String reason,
            Instant at)
            implements StockItemEvent {}

    /** Held units left the warehouse for the request (delivery confirmed): on hand and reserved both go down. */
    record Issued(String entryId, String requestId, String warehouseId, String lotId, BigDecimal quantity, Instant at)
            implements StockItemEvent {}

    /** A counted difference: delta is added to on hand. */
    record Adjusted(
            String entryId,
            String warehouseId,
            String lotId,
            BigDecimal delta,
            AdjustmentReason reason,
            String note,
            Instant at)
            implements StockItemEvent {}

    /** Undoes a Received or Adjusted entry by adding {@code onHandDelta} (its opposite) to on hand. */
    record Reversed(
            String entryId,
            String reversedEntryId,
            String warehouseId,
            String lotId,
            BigDecimal onHandDelta,
            String reason,
            Instant at)
            implements StockItemEvent {}

    /**
     * Held units of a request came back rejected (damaged) at a delivery: they leave the reservation for quarantine.
     * Still on hand, no longer reserved, never available until ops writes them off or releases them. The entry id is
     * the quarantine's id.
     */
    record Quarantined(
            String entryId,
            String requestId,
            String warehouseId,
            String lotId,
            BigDecimal quantity,
            String reason,
            Instant at)
            implements StockItemEvent {}

    /** Ops wrote quarantined units off: they leave on hand (and quarantine). */
    record QuarantineWrittenOff(
            String entryId,
            String quarantineId,
            String warehouseId,
            String lotId,
            BigDecimal quantity,
            String note,
            Instant at)
            implements StockItemEvent {}

    /** Ops released quarantined units (inspected, usable): they are available again. */
    record QuarantineReleased(
            String entryId,
            String quarantineId,
            String warehouseId,
            String lotId,
            BigDecimal quantity,
            String note,
            Instant at)
            implements StockItemEvent {}
}
