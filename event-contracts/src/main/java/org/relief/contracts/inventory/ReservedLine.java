package org.relief.contracts.inventory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Where one requested line stands: how much was asked, how much is reserved so far (cumulative), and from which
 * warehouse and lot (so a donated lot can be traced to the community that received it).
 * <p>
 * {@code unitWeightKg} and {@code unitVolumeM3} (the catalogue's figures for one unit, null for an item not in the
 * catalogue) were added for dispatch's freight planning; readers written before them ignore them.
 */
public record ReservedLine(
        String item,
        String unit,
        BigDecimal requested,
        BigDecimal reserved,
        List<Allocation> allocations,
        BigDecimal unitWeightKg,
        BigDecimal unitVolumeM3) {

    /**
     * Units of one lot in one warehouse held for the request. {@code warehouseDistrict} and {@code warehouseAddress}
     * (where a truck loads) were added with dispatch; older readers ignore them.
     */
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
