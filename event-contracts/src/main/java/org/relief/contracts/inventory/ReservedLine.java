package org.relief.contracts.inventory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Where one requested line stands: how much was asked, how much is reserved so far (cumulative), and from which
 * warehouse and lot (so a donated lot can be traced to the community that received it).
 */
public record ReservedLine(String item, String unit, BigDecimal requested, BigDecimal reserved,
                           List<Allocation> allocations) {

    /** Units of one lot in one warehouse held for the request. */
    public record Allocation(String warehouseId, String warehouseName, String lotId, String donationId,
                             String donorOrganisationId, BigDecimal quantity, LocalDate expiresOn) {
    }
}
