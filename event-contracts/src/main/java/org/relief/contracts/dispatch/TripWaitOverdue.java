package org.relief.contracts.dispatch;

import java.time.Instant;

/**
 * A queued trip has waited for a vehicle longer than its priority allows: an escalation for the dispatch desks and
 * ops, raised once per trip. Published by dispatch-service on {@code dispatch.events.v1}, key = requestId.
 */
public record TripWaitOverdue(
        String tripId,
        String requestId,
        String organisationId,
        String kind,
        Instant queuedAt,
        Instant deadline,
        Instant escalatedAt) {
    public static final String TYPE = "TripWaitOverdue";
    public static final int VERSION = 1;
}
