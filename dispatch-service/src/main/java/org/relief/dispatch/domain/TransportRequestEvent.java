package org.relief.dispatch.domain;

import java.time.Instant;
import java.util.List;

/** What dispatch learnt about a help request from the other services (stream type "transport-request"). */
public sealed interface TransportRequestEvent {

    /** Where goods go (community, district, address), who asked, how urgent, and the ride for a RIDE request. */
    record Submitted(
            String requestId,
            String organisationId,
            String kind,
            Priority priority,
            String community,
            String district,
            String address,
            RideDetails ride,
            Instant submittedAt)
            implements TransportRequestEvent {}

    /** The latest cumulative allocation (may come before Submitted: another topic). */
    record AllocationNoted(
            String requestId, String reservationId, List<ReservedLine> lines, Instant expiresAt, Instant allocatedAt)
            implements TransportRequestEvent {}

    /** Inventory released the reservation (EXPIRED or CANCELLED): nothing more to move. */
    record ReservationClosed(String reason, Instant releasedAt) implements TransportRequestEvent {}

    /**
     * Ops corrected the request's priority in requests-service (issue 11, HelpRequestPriorityCorrected): planning from
     * now on (a queued load's rest, a replan after a failure) uses {@code priority}; {@code priorityBefore} is the one
     * dispatch had.
     */
    record PriorityCorrected(Priority priorityBefore, Priority priority, String reason, Instant correctedAt)
            implements TransportRequestEvent {}

    record Cancelled(String reason, Instant cancelledAt) implements TransportRequestEvent {}
}
