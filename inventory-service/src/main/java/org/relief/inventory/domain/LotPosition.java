package org.relief.inventory.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Where one lot stands: on hand, held for requests, in quarantine (rejected at a delivery: on hand, never reservable
 * until ops writes it off or releases it), and what is left to reserve.
 */
public record LotPosition(
        String item,
        String warehouseId,
        String lotId,
        String lotCode,
        String donationId,
        String donorOrganisationId,
        LocalDate expiresOn,
        BigDecimal onHand,
        BigDecimal reserved,
        BigDecimal quarantined) {

    public LotPosition {
        quarantined = quarantined == null ? BigDecimal.ZERO : quarantined;
    }

    public BigDecimal available() {
        return onHand.subtract(reserved).subtract(quarantined);
    }

    /** Expired means: the expiry date is before today (a lot is usable on its expiry date). */
    public boolean expiredOn(LocalDate today) {
        return expiresOn != null && expiresOn.isBefore(today);
    }
}
