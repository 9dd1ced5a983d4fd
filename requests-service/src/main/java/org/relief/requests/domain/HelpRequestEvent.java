package org.relief.requests.domain;

import org.relief.kernel.eventstore.EventCodec;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Everything that can happen to a help request; its state is the fold of these ({@link RequestState#apply}). */
public sealed interface HelpRequestEvent {

    /**
     * v2 added kind, vulnerabilities, ride, care and likelyDuplicateOf. A stored v1 event reads with those null and
     * is folded as a supplies request without flags (see {@link RequestState}).
     */
    @EventCodec.Version(2)
    record Submitted(String requestId, String organisationId, RequestKind kind, Priority priority,
                     List<Vulnerability> vulnerabilities, String community, String district, String address,
                     String contactName, String contactPhone, List<SupplyLine> lines, RideDetails ride,
                     CareDetails care, Instant neededBy, String note, Instant submittedAt,
                     String likelyDuplicateOf) implements HelpRequestEvent {
    }

    /** Inventory took the request on: a reservation is open for it. */
    record ReservationOpened(String reservationId, Instant openedAt) implements HelpRequestEvent {
    }

    /**
     * Inventory's allocation round: cumulative reserved quantity per line, and inventory's explanation (queue place,
     * warehouses and lots chosen, what is missing) so the timeline says why.
     */
    record StockAllocated(String reservationId, AllocationOutcome outcome, List<ReservedQuantity> lines,
                          List<String> explanation, Instant expiresAt, Instant allocatedAt) implements HelpRequestEvent {
    }

    enum AllocationOutcome { RESERVED, PARTIALLY_RESERVED, UNAVAILABLE }

    record ReservedQuantity(String item, String unit, BigDecimal reserved) {
    }

    /**
     * Inventory gave reserved stock back: EXPIRED (time to live passed: everything), CANCELLED (after our
     * cancellation: everything) or REJECTED (only the units the community rejected at a receipt; the receipt already
     * counted them, so this changes no quantity and no status and is there for the timeline; the rest stays
     * reserved). v2 added
     * {@code released} (what went back, per line); a stored v1 event reads with it null.
     */
    @EventCodec.Version(2)
    record ReservationReleased(String reservationId, String reason, List<ReservedQuantity> released,
                               Instant releasedAt) implements HelpRequestEvent {
        public static final String EXPIRED = "EXPIRED";
        public static final String CANCELLED = "CANCELLED";
        public static final String REJECTED = "REJECTED";
    }

    record Cancelled(String reason, String cancelledBy, Instant cancelledAt) implements HelpRequestEvent {
    }

    /** The partner confirmed what it received, per line. */
    record ReceiptConfirmed(List<ReceivedLine> lines, String confirmedBy, Instant confirmedAt) implements HelpRequestEvent {
    }

    record ReceivedLine(String item, String unit, BigDecimal accepted, BigDecimal rejected, String rejectionReason) {
    }

    /** No progress within the priority's limit while in {@code status}. */
    record Escalated(RequestStatus status, Instant deadline, Instant escalatedAt) implements HelpRequestEvent {
    }

    // transport: driven by dispatch-service events in the next issue; no endpoint raises them yet

    record TransportScheduled(String tripId, Instant scheduledAt) implements HelpRequestEvent {
    }

    record LoadPickedUp(String tripId, List<LoadedQuantity> lines, Instant pickedUpAt) implements HelpRequestEvent {
    }

    record LoadedQuantity(String item, BigDecimal quantity) {
    }

    /** The carrier reported the drop-off; quantities stay in transit until the partner confirms receipt. */
    record DeliveryReported(String tripId, Instant deliveredAt) implements HelpRequestEvent {
    }
}
