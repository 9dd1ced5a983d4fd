package org.relief.contracts.inventory;

import java.time.Instant;
import java.util.List;

/**
 * Reserved stock went back to available. Published by inventory-service on {@code inventory.events.v1},
 * key = requestId; consumed by requests-service.
 *
 * @param reason   EXPIRED (time-to-live passed before pickup), CANCELLED (the request was cancelled), REJECTED
 *                 (units the community rejected on receipt left the reservation; they go to quarantine, not back to
 *                 available stock, and inventory reserves the shortfall again) or SHORTFALL_ACCEPTED (the partner
 *                 accepted the shortfall: what was still held for it goes back to available stock and the
 *                 reservation closes)
 * @param released what was released, per line, with the lots it came from
 */
public record StockReservationReleased(
        String requestId, String reservationId, String reason, List<ReservedLine> released, Instant releasedAt) {
    public static final String TYPE = "StockReservationReleased";
    public static final int VERSION = 1;
}
