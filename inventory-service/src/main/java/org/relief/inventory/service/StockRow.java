package org.relief.inventory.service;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Stock of one item in one warehouse; {@code lots} only when asked for (byLot=true). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StockRow(String warehouseId, String warehouseName, String district, String item, BigDecimal onHand,
                       BigDecimal reserved, BigDecimal available, List<Lot> lots) {

    public record Lot(String lotId, String lotCode, String donationId, String donorOrganisationId, LocalDate expiresOn,
                      BigDecimal onHand, BigDecimal reserved, BigDecimal available) {
    }
}
