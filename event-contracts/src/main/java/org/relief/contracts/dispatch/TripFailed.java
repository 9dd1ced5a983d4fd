package org.relief.contracts.dispatch;

import java.time.Instant;

/**
 * A trip could not be completed (road closed, nobody to receive, vehicle broke down). The load goes back to the
 * warehouse with the vehicle, which is free again; unless the request has ended, dispatch re-plans the same load at
 * once ({@code outcome} REPLANNED, {@code replacementTripId} set: a TripScheduled or TripQueued for it follows),
 * otherwise the load is RETURNED. Published by dispatch-service on {@code dispatch.events.v1}, key = requestId.
 */
public record TripFailed(
        String tripId,
        String requestId,
        String organisationId,
        String kind,
        String vehicleId,
        String reason,
        boolean wasPickedUp,
        String outcome,
        String replacementTripId,
        Instant failedAt) {
    public static final String TYPE = "TripFailed";
    public static final int VERSION = 1;
    public static final String REPLANNED = "REPLANNED";
    public static final String RETURNED = "RETURNED";
}
