package org.relief.inventory.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Where one lot stands: on hand, held for requests, and what is left to reserve. */
public record LotPosition(String item, String warehouseId, String lotId, String lotCode, String donationId,
                          String donorOrganisationId, LocalDate expiresOn, BigDecimal onHand, BigDecimal reserved) {

    public BigDecimal available() {
        return onHand.subtract(reserved);
    }

    /** Expired means: the expiry date is before today (a lot is usable on its expiry date). */
    public boolean expiredOn(LocalDate today) {
        return expiresOn != null && expiresOn.isBefore(today);
    }
}
