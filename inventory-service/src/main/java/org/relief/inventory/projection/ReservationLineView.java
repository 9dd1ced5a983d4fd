package org.relief.inventory.projection;

import org.relief.inventory.domain.Allocation;

import java.math.BigDecimal;
import java.util.List;

/**
 * One requested line of a reservation: {@code reserved} is what is held for it now (in {@code allocations}),
 * {@code issued} and {@code rejected} what receipts settled (null in rows written before receipts could be partial).
 */
public record ReservationLineView(String item, String unit, BigDecimal requested, BigDecimal reserved,
                                  List<Allocation> allocations, BigDecimal issued, BigDecimal rejected) {

    public BigDecimal issuedOrZero() {
        return issued == null ? BigDecimal.ZERO : issued;
    }

    public BigDecimal rejectedOrZero() {
        return rejected == null ? BigDecimal.ZERO : rejected;
    }

    /** Held now plus settled by receipts: what no allocation round may add to again. */
    public BigDecimal covered() {
        return reserved.add(issuedOrZero()).add(rejectedOrZero());
    }
}
