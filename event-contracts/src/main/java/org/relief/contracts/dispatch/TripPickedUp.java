package org.relief.contracts.dispatch;

import java.time.Instant;
import java.util.List;

/**
 * The vehicle collected its load at the warehouse (FREIGHT) or its passenger (RIDE). Published by dispatch-service
 * on {@code dispatch.events.v1}, key = requestId. Consumed by requests-service (in transit) and inventory-service
 * (the reservation no longer expires: the goods are on their way).
 *
 * @param lines what was actually loaded (FREIGHT; at most the planned load), empty for a RIDE
 */
public record TripPickedUp(
        String tripId,
        String requestId,
        String organisationId,
        String kind,
        String vehicleId,
        List<TripLine> lines,
        Instant pickedUpAt) {
    public static final String TYPE = "TripPickedUp";
    public static final int VERSION = 1;
}
