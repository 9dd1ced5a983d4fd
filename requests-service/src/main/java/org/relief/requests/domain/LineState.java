package org.relief.requests.domain;

import java.math.BigDecimal;

/**
 * One supplies line and how far it has come. {@code reserved} is inventory's cumulative figure
 * ({@code ReservedLine.reserved}): everything reserved for the line so far, including the units receipts already
 * settled (issued as accepted or released as rejected), so it does not drop when a receipt is confirmed; only a
 * cancel or expiry release sets it to 0. {@code inTransit} is loaded and not yet confirmed received; {@code delivered}
 * is what the partner accepted; {@code rejected} what it refused at receipt. {@code catalogueRejection} is set when
 * inventory refused the whole line because it does not fit its catalogue (null otherwise, and in states cached before).
 */
public record LineState(
        String item,
        String unit,
        BigDecimal requested,
        BigDecimal reserved,
        BigDecimal inTransit,
        BigDecimal delivered,
        BigDecimal rejected,
        CatalogueRejection catalogueRejection) {

    /** A line inventory's catalogue has not refused. */
    public LineState(
            String item,
            String unit,
            BigDecimal requested,
            BigDecimal reserved,
            BigDecimal inTransit,
            BigDecimal delivered,
            BigDecimal rejected) {
        this(item, unit, requested, reserved, inTransit, delivered, rejected, null);
    }

    /** Inventory refused the line: it does not fit the catalogue and will never be reserved. */
    public LineState rejectedByCatalogue(CatalogueRejection why) {
        return new LineState(item, unit, requested, reserved, inTransit, delivered, rejected, why);
    }

    public static LineState requested(SupplyLine line) {
        return new LineState(
                line.item(),
                line.unit(),
                line.quantity(),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                BigDecimal.ZERO);
    }

    /**
     * What a receipt may still account for: reserved or loaded stock not yet accepted or rejected. A receipt settles
     * only what it lists, so the rest of a line stays receivable for a later receipt.
     */
    public BigDecimal receivable() {
        BigDecimal settled = delivered.add(rejected);
        return reserved.max(settled.add(inTransit)).subtract(settled).max(BigDecimal.ZERO);
    }

    /** Reserved units neither loaded on a trip nor settled by a receipt: what still waits for transport. */
    public BigDecimal awaitingTransport() {
        return receivable().subtract(inTransit).max(BigDecimal.ZERO);
    }

    public LineState withReserved(BigDecimal value) {
        return new LineState(item, unit, requested, value, inTransit, delivered, rejected, catalogueRejection);
    }

    public LineState loaded(BigDecimal quantity) {
        return new LineState(
                item, unit, requested, reserved, inTransit.add(quantity), delivered, rejected, catalogueRejection);
    }

    /** A failed or cancelled trip brought {@code quantity} back: no longer in transit, reserved again. */
    public LineState unloaded(BigDecimal quantity) {
        return new LineState(
                item,
                unit,
                requested,
                reserved,
                inTransit.subtract(quantity).max(BigDecimal.ZERO),
                delivered,
                rejected,
                catalogueRejection);
    }

    /** A receipt settled {@code accepted + refused} of this line; reserved stays (inventory's figure is cumulative). */
    public LineState received(BigDecimal accepted, BigDecimal refused) {
        BigDecimal leftInTransit = inTransit.subtract(accepted.add(refused)).max(BigDecimal.ZERO);
        return new LineState(
                item,
                unit,
                requested,
                reserved,
                leftInTransit,
                delivered.add(accepted),
                rejected.add(refused),
                catalogueRejection);
    }

    public boolean fullyDelivered() {
        return delivered.compareTo(requested) >= 0;
    }

    public Progress reservedProgress() {
        return Progress.of(reserved, requested);
    }

    public Progress inTransitProgress() {
        return Progress.of(inTransit, requested);
    }

    public Progress deliveredProgress() {
        return Progress.of(delivered, requested);
    }
}
