package org.relief.inventory.projection;

import java.math.BigDecimal;
import java.util.List;
import org.relief.inventory.domain.Allocation;

/**
 * One requested line of a reservation: {@code reserved} is what is held for it now (in {@code allocations}),
 * {@code issued} and {@code rejected} what receipts settled (null in rows written before receipts could be partial;
 * {@code rejected} counts only rejections from before quarantine existed, which were never replaced), and
 * {@code quarantined} the units rejected at receipts since, taken into quarantine and reserved again (null in older
 * rows).
 */
public record ReservationLineView(
        String item,
        String unit,
        BigDecimal requested,
        BigDecimal reserved,
        List<Allocation> allocations,
        BigDecimal issued,
        BigDecimal rejected,
        BigDecimal quarantined) {

    public BigDecimal quarantinedOrZero() {
        return quarantined == null ? BigDecimal.ZERO : quarantined;
    }

    public BigDecimal issuedOrZero() {
        return issued == null ? BigDecimal.ZERO : issued;
    }

    public BigDecimal rejectedOrZero() {
        return rejected == null ? BigDecimal.ZERO : rejected;
    }

    /** Held now plus settled by receipts (quarantined units excepted: replaced): what no allocation round may add to again. */
    public BigDecimal covered() {
        return reserved.add(issuedOrZero()).add(rejectedOrZero());
    }
}
