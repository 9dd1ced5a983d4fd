package org.relief.dispatch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Everything that happens to a trip (stream type "trip"). */
public sealed interface TripEvent {

    /** A load (FREIGHT) or a passenger (RIDE) needs a vehicle; Queued or Scheduled follows in the same command. */
    record Planned(
            String tripId,
            TripKind kind,
            String requestId,
            String organisationId,
            Priority priority,
            Place from,
            Place to,
            String warehouseId,
            List<TripLine> lines,
            BigDecimal weightKg,
            BigDecimal volumeM3,
            Ride ride,
            String replanOf,
            List<String> explanation,
            Instant plannedAt)
            implements TripEvent {}

    /** {@code reasonZh}: the reason in Chinese (null in events stored before it was kept). */
    record Queued(String reason, List<String> explanation, Instant queuedAt, String reasonZh) implements TripEvent {}

    /** A vehicle was booked; {@code lines} is the load it carries (a queued load may be split when planned). */
    record Scheduled(
            VehicleBooking vehicle,
            List<TripLine> lines,
            BigDecimal weightKg,
            BigDecimal volumeM3,
            List<String> explanation,
            Instant scheduledAt)
            implements TripEvent {}

    /**
     * A dispatcher moved a scheduled trip to another vehicle (the desk's re-assignment): {@code previous} is free again,
     * {@code vehicle} carries the same load in its stead. Published as a TripScheduled naming the new vehicle.
     */
    record Reassigned(
            VehicleBooking previous,
            VehicleBooking vehicle,
            String reason,
            List<String> explanation,
            Instant reassignedAt)
            implements TripEvent {}

    /**
     * Ops corrected the request's priority while the trip waited in the queue: it takes its new place there
     * (CRITICAL before HIGH before NORMAL). {@code priorityBefore} is the one it had. Not published. (Not named
     * from/to: in a trip's events those are places.)
     */
    record PriorityChanged(Priority priorityBefore, Priority priority, String reason, Instant changedAt)
            implements TripEvent {}

    record WaitOverdue(Instant queuedAt, Instant deadline, Instant escalatedAt) implements TripEvent {}

    record PickedUp(List<TripLine> lines, Instant pickedUpAt) implements TripEvent {}

    record Delivered(String receivedBy, List<DeliveredLine> lines, String note, Instant deliveredAt)
            implements TripEvent {}

    record Failed(String reason, boolean wasPickedUp, String outcome, String replacementTripId, Instant failedAt)
            implements TripEvent {}

    record Cancelled(String reason, String note, boolean wasPickedUp, Instant cancelledAt) implements TripEvent {}
}
