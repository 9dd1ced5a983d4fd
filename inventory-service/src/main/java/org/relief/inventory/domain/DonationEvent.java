package org.relief.inventory.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Everything that happens to a donation. */
public sealed interface DonationEvent {

    /** Goods from a donor organisation arrived at a warehouse, one lot per line. */
    record Received(
            String donationId,
            String donorOrganisationId,
            String warehouseId,
            BigDecimal valueYuan,
            String note,
            List<DonatedLot> lots,
            Instant receivedAt)
            implements DonationEvent {}
}
