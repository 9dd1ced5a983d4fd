package org.relief.dispatch.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What inventory holds for one requested line (cumulative), from which warehouses and lots, with the catalogue's
 * weight and volume per unit (null when unknown). Dispatch's copy of inventory's reservation line, stored inside
 * transport-request events: its field names are the stored JSON's.
 */
public record ReservedLine(
        String item,
        String unit,
        BigDecimal requested,
        BigDecimal reserved,
        List<Allocation> allocations,
        BigDecimal unitWeightKg,
        BigDecimal unitVolumeM3) {

    /** Units of one lot in one warehouse held for the request; the warehouse's district and address are where a truck loads. */
    public record Allocation(
            String warehouseId,
            String warehouseName,
            String lotId,
            String donationId,
            String donorOrganisationId,
            BigDecimal quantity,
            LocalDate expiresOn,
            String warehouseDistrict,
            String warehouseAddress) {}
}
