package org.relief.contracts.dispatch;

import java.time.Instant;

/**
 * A scheduled or queued trip will not run: its request was cancelled (REQUEST_CANCELLED), its reservation expired or
 * was released before pickup (RESERVATION_RELEASED) or a dispatcher cancelled it (DISPATCHER). A load already picked
 * up goes back to the warehouse ({@code wasPickedUp}). The vehicle is free again. Published by dispatch-service on
 * {@code dispatch.events.v1}, key = requestId; consumed by requests-service and volunteer-service (cancels the trip's
 * calls).
 */
public record TripCancelled(
        String tripId,
        String requestId,
        String organisationId,
        String kind,
        String vehicleId,
        String reason,
        boolean wasPickedUp,
        Instant cancelledAt) {
    public static final String TYPE = "TripCancelled";
    public static final int VERSION = 1;
    public static final String REQUEST_CANCELLED = "REQUEST_CANCELLED";
    public static final String RESERVATION_RELEASED = "RESERVATION_RELEASED";
    public static final String DISPATCHER = "DISPATCHER";
}
