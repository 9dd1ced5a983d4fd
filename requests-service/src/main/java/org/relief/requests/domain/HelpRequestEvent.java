package org.relief.requests.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.relief.kernel.eventstore.EventCodec;

/** Everything that can happen to a help request; its state is the fold of these ({@link RequestState#apply}). */
public sealed interface HelpRequestEvent {

    /**
     * v2 added kind, vulnerabilities, ride, care and likelyDuplicateOf. A stored v1 event reads with those null and
     * is folded as a supplies request without flags (see {@link RequestState}).
     */
    @EventCodec.Version(2)
    record Submitted(
            String requestId,
            String organisationId,
            RequestKind kind,
            Priority priority,
            List<Vulnerability> vulnerabilities,
            String community,
            String district,
            String address,
            String contactName,
            String contactPhone,
            List<SupplyLine> lines,
            RideDetails ride,
            CareDetails care,
            Instant neededBy,
            String note,
            Instant submittedAt,
            String likelyDuplicateOf)
            implements HelpRequestEvent {}

    /** Inventory took the request on: a reservation is open for it. */
    record ReservationOpened(String reservationId, Instant openedAt) implements HelpRequestEvent {}

    /**
     * Inventory's allocation round: cumulative reserved quantity per line, and inventory's explanation (queue place,
     * warehouses and lots chosen, what is missing) so the timeline says why, in English and in Chinese
     * ({@code explanationZh} is null in events stored before inventory sent one).
     */
    record StockAllocated(
            String reservationId,
            AllocationOutcome outcome,
            List<ReservedQuantity> lines,
            List<String> explanation,
            Instant expiresAt,
            Instant allocatedAt,
            List<String> explanationZh)
            implements HelpRequestEvent {
        public StockAllocated(
                String reservationId,
                AllocationOutcome outcome,
                List<ReservedQuantity> lines,
                List<String> explanation,
                Instant expiresAt,
                Instant allocatedAt) {
            this(reservationId, outcome, lines, explanation, expiresAt, allocatedAt, null);
        }
    }

    enum AllocationOutcome {
        RESERVED,
        PARTIALLY_RESERVED,
        UNAVAILABLE
    }

    record ReservedQuantity(String item, String unit, BigDecimal reserved) {}

    /**
     * Inventory gave reserved stock back: EXPIRED (time to live passed: everything), CANCELLED (after our
     * cancellation: everything) or REJECTED (only the units the community rejected at a receipt; the receipt already
     * counted them, so this changes no quantity and no status and is there for the timeline; the rest stays
     * reserved). v2 added
     * {@code released} (what went back, per line); a stored v1 event reads with it null.
     */
    @EventCodec.Version(2)
    record ReservationReleased(String reservationId, String reason, List<ReservedQuantity> released, Instant releasedAt)
            implements HelpRequestEvent {
        public static final String EXPIRED = "EXPIRED";
        public static final String CANCELLED = "CANCELLED";
        public static final String REJECTED = "REJECTED";
        /** after the partner accepted the shortfall: what was still held for it went back (issue 10) */
        public static final String SHORTFALL_ACCEPTED = "SHORTFALL_ACCEPTED";
    }

    /**
     * Inventory refused these lines when it took the request on (issue 10, path 5): the item code is not in its
     * catalogue ({@code UNKNOWN_ITEM}), the catalogue counts it in another unit ({@code WRONG_UNIT}, with
     * {@code catalogueUnit}) or the quantity is a fraction of an item counted in whole units
     * ({@code FRACTIONAL_QUANTITY}, with {@code catalogueUnit}). They are never reserved; with no line left the request
     * is REJECTED.
     */
    record LinesRejected(String reservationId, List<RejectedLine> lines, Instant rejectedAt)
            implements HelpRequestEvent {}

    record RejectedLine(String item, BigDecimal quantity, String unit, String reason, String catalogueUnit) {
        public static final String UNKNOWN_ITEM = "UNKNOWN_ITEM";
        public static final String WRONG_UNIT = "WRONG_UNIT";
        /** a fraction of an item the catalogue counts in whole units ({@code catalogueUnit} is set) */
        public static final String FRACTIONAL_QUANTITY = "FRACTIONAL_QUANTITY";
    }

    record Cancelled(String reason, String cancelledBy, Instant cancelledAt) implements HelpRequestEvent {}

    /**
     * Ops corrected the priority and, optionally, the vulnerability flags the partner submitted (issue 11: nothing
     * verifies them at submission). Published as HelpRequestPriorityCorrected: inventory re-queues a reservation
     * still waiting for stock. The current status's progress deadline follows the new priority.
     */
    /**
     * The request's personal data was erased: its data key is deleted here and on every service (crypto-shredding),
     * so the sealed fields in this stream and everywhere else no longer open. Asked by the partner or ops, or by the
     * retention job a set time after the request ended (docs/privacy.md).
     */
    record PersonalDataErased(String reason, String erasedBy, Instant erasedAt) implements HelpRequestEvent {}

    record PriorityCorrected(
            Priority from,
            Priority to,
            List<Vulnerability> vulnerabilitiesBefore,
            List<Vulnerability> vulnerabilitiesAfter,
            String reason,
            String correctedBy,
            Instant correctedAt)
            implements HelpRequestEvent {}

    /**
     * The partner confirmed what it received, per line. v2 added {@code trips}: the trips whose proof of delivery this
     * receipt confirmed (a receipt without lines takes them from the proofs); a stored v1 event reads with it null.
     */
    @EventCodec.Version(2)
    record ReceiptConfirmed(List<ReceivedLine> lines, String confirmedBy, Instant confirmedAt, List<String> trips)
            implements HelpRequestEvent {}

    record ReceivedLine(String item, String unit, BigDecimal accepted, BigDecimal rejected, String rejectionReason) {}

    /**
     * The partner accepted the shortfall (issue 10, path 4): what did not arrive (typically units rejected as damaged)
     * will not be replaced, and the request ends FULFILLED with what was received. Published as
     * HelpRequestShortfallAccepted (inventory releases what it still holds for the request).
     */
    record ShortfallAccepted(List<ShortLine> lines, String note, String acceptedBy, Instant acceptedAt)
            implements HelpRequestEvent {}

    /** Per line: asked for, received (accepted at receipts) and the shortfall the partner accepts. */
    record ShortLine(String item, String unit, BigDecimal requested, BigDecimal received, BigDecimal shortfall) {}

    /** No progress within the priority's limit while in {@code status}. */
    record Escalated(RequestStatus status, Instant deadline, Instant escalatedAt) implements HelpRequestEvent {}

    // transport: driven by dispatch-service events (TripQueued ... TripWaitOverdue), one event per trip step

    /** Where a trip starts or ends: a warehouse, a community compound or a ride's pickup or drop-off. */
    record Place(String name, String district, String address) {}

    /** No vehicle can take the trip now: it waits in dispatch's queue ({@code reason} says why). */
    record TransportQueued(
            String tripId,
            String tripKind,
            Place from,
            Place to,
            List<LoadedQuantity> lines,
            String reason,
            Instant queuedAt)
            implements HelpRequestEvent {}

    /**
     * A vehicle was booked for a trip: FREIGHT carries {@code lines} (weight and volume in total), RIDE one passenger.
     * {@code replanOf} names the failed trip this one replaces. Reshaped in issue 4 (nothing was stored before).
     */
    record TransportScheduled(
            String tripId,
            String tripKind,
            String vehicleId,
            String plate,
            String vehicleKind,
            String carrierId,
            String driverName,
            String driverPhone,
            Place from,
            Place to,
            List<LoadedQuantity> lines,
            BigDecimal weightKg,
            BigDecimal volumeM3,
            Instant windowStart,
            Instant windowEnd,
            String replanOf,
            List<String> explanation,
            Instant scheduledAt)
            implements HelpRequestEvent {}

    /** The vehicle collected its load (FREIGHT: these units are in transit from now) or its passenger (RIDE). */
    record LoadPickedUp(String tripId, List<LoadedQuantity> lines, Instant pickedUpAt) implements HelpRequestEvent {}

    record LoadedQuantity(String item, String unit, BigDecimal quantity) {}

    /**
     * The carrier reported the drop-off with its proof of delivery (FREIGHT: who signed, accepted and rejected per
     * line) or the ride's arrival (RIDE: no lines). Supplies stay in transit until the partner confirms receipt.
     */
    record DeliveryReported(
            String tripId, String receivedBy, List<DeliveredQuantity> lines, String note, Instant deliveredAt)
            implements HelpRequestEvent {}

    record DeliveredQuantity(
            String item, String unit, BigDecimal accepted, BigDecimal rejected, String rejectionReason) {}

    /**
     * The trip could not be completed; a load already picked up goes back (in transit → reserved). REPLANNED: the
     * replacement trip's own TransportScheduled or TransportQueued follows; RETURNED: nothing replaces it.
     */
    record TransportFailed(
            String tripId,
            String reason,
            boolean wasPickedUp,
            String outcome,
            String replacementTripId,
            Instant failedAt)
            implements HelpRequestEvent {}

    /** The trip will not run (request cancelled, reservation released, dispatcher); a picked-up load goes back. */
    record TransportCancelled(String tripId, String reason, boolean wasPickedUp, Instant cancelledAt)
            implements HelpRequestEvent {}

    /** The trip waited for a vehicle longer than the request's priority allows (dispatch escalated it). */
    record TransportWaitOverdue(String tripId, Instant queuedAt, Instant deadline, Instant escalatedAt)
            implements HelpRequestEvent {}

    // volunteers: driven by volunteer-service events; a CARE_VISIT call decides a care request's status, LOADING and
    // HAND_OUT calls of a freight trip are on the timeline only

    record VolunteerCallOpened(
            String callId,
            String tripId,
            String purpose,
            String skill,
            int needed,
            String district,
            String place,
            Instant windowStart,
            Instant windowEnd,
            Instant openedAt)
            implements HelpRequestEvent {}

    /** Not enough matching volunteers are free: {@code assigned} of {@code needed}, the call waits. */
    record VolunteersShort(
            String callId, String tripId, String purpose, int needed, int assigned, String reason, Instant at)
            implements HelpRequestEvent {}

    record VolunteerAssigned(
            String callId,
            String tripId,
            String purpose,
            String assignmentId,
            String volunteerId,
            String volunteerName,
            Instant windowStart,
            Instant windowEnd,
            int assigned,
            int needed,
            Instant assignedAt)
            implements HelpRequestEvent {}

    /** The volunteer accepted or declined (a decline frees the place: someone else is looked for). */
    record VolunteerAnswered(
            String callId,
            String tripId,
            String purpose,
            String assignmentId,
            String volunteerId,
            boolean accepted,
            String reason,
            Instant answeredAt)
            implements HelpRequestEvent {}

    record VolunteerCallCancelled(String callId, String tripId, String purpose, String reason, Instant cancelledAt)
            implements HelpRequestEvent {}

    /** The task is done; {@code hours} logged for {@code personTimes} volunteers. */
    record VolunteerCallCompleted(
            String callId, String tripId, String purpose, int personTimes, BigDecimal hours, Instant completedAt)
            implements HelpRequestEvent {}
}
