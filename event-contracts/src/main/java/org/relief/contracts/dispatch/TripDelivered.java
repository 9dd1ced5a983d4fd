package org.relief.contracts.dispatch;

import java.time.Instant;
import java.util.List;

/**
 * Proof of delivery (FREIGHT: who received what at the compound, accepted and rejected per line) or a completed ride
 * (RIDE: the passenger arrived; no lines). The vehicle is free again. Published by dispatch-service on
 * {@code dispatch.events.v1}, key = requestId. Consumed by requests-service (delivered; the partner's receipt settles
 * stock) and volunteer-service.
 *
 * @param receivedBy the person who signed for the goods (FREIGHT) or null
 */
public record TripDelivered(
        String tripId,
        String requestId,
        String organisationId,
        String kind,
        String vehicleId,
        String receivedBy,
        List<DeliveredLine> lines,
        String note,
        Instant deliveredAt) {
    public static final String TYPE = "TripDelivered";
    public static final int VERSION = 1;
}
