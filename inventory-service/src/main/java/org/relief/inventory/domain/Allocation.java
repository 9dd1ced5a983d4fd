package org.relief.inventory.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Units of one lot in one warehouse held for one requested line (by its index in the request, so two lines of the
 * same item stay apart). Lot, donation and donor travel along so every donated unit can be traced.
 */
public record Allocation(
        int line,
        String item,
        String warehouseId,
        String warehouseName,
        String lotId,
        String donationId,
        String donorOrganisationId,
        BigDecimal quantity,
        LocalDate expiresOn) {

    public Allocation withQuantity(BigDecimal q) {
        return new Allocation(
                line, item, warehouseId, warehouseName, lotId, donationId, donorOrganisationId, q, expiresOn);
    }
}
