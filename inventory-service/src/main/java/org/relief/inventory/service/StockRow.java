package org.relief.inventory.service;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Stock of one item in one warehouse; {@code lots} only when asked for (byLot=true). {@code quarantined}: on hand but
 * rejected at a delivery, never available until ops writes it off or releases it; available = on hand − reserved −
 * quarantined.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StockRow(String warehouseId, String warehouseName, String district, String item, BigDecimal onHand,
                       BigDecimal reserved, BigDecimal available, List<Lot> lots, BigDecimal quarantined) {

    public record Lot(String lotId, String lotCode, String donationId, String donorOrganisationId, LocalDate expiresOn,
                      BigDecimal onHand, BigDecimal reserved, BigDecimal available, BigDecimal quarantined) {
    }
}
