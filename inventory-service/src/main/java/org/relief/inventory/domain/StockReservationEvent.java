package org.relief.inventory.domain;

import java.time.Instant;
import java.util.List;

/** Everything that happens to the reservation of stock for one help request. */
public sealed interface StockReservationEvent {

    /**
     * Inventory took a supplies request on; allocation against the stock ledger follows. {@code vulnerabilities} and
     * {@code submittedAt} were added with allocation (null in events stored before: no flags, queue by openedAt).
     * {@code lines} are the lines that fit the catalogue; {@code rejectedLines} those refused at once (unknown item,
     * wrong unit), added with the catalogue check (null in events stored before: none). With no line left the
     * reservation is REJECTED (closed) from the start.
     */
    record Opened(
            String reservationId,
            String requestId,
            String organisationId,
            String priority,
            String district,
            List<ReservationLine> lines,
            Instant openedAt,
            List<String> vulnerabilities,
            Instant submittedAt,
            List<RejectedLine> rejectedLines)
            implements StockReservationEvent {}

    /**
     * An allocation round added {@code allocations} (possibly none on the first round, which moves OPEN to WAITING),
     * with the reasons and the new expiry.
     */
    record Allocated(
            List<Allocation> allocations,
            List<String> explanation,
            Instant expiresAt,
            Instant allocatedAt,
            List<String> explanationZh)
            implements StockReservationEvent {
        /** As stored before the explanation had a Chinese text (it reads back with {@code explanationZh} null). */
        public Allocated(
                List<Allocation> allocations, List<String> explanation, Instant expiresAt, Instant allocatedAt) {
            this(allocations, explanation, expiresAt, allocatedAt, null);
        }
    }

    /** Everything held went back to stock (reason CANCELLED or EXPIRED); the reservation is closed. */
    record Released(String reason, List<Allocation> released, Instant releasedAt) implements StockReservationEvent {}

    /**
     * Stored before receipts could be partial: the first receipt issued the accepted units, released everything else
     * held and closed the reservation. Kept so those streams still fold to ISSUED; no longer raised.
     */
    record Issued(List<Allocation> issued, List<Allocation> released, Instant issuedAt)
            implements StockReservationEvent {}

    /**
     * A receipt settled part of what is held: {@code issued} left stock (accepted); {@code quarantined} (rejected,
     * issue 10) left the reservation for quarantine and is reserved again for the line, so it does not cover the
     * line. {@code released} is the rejected units of events stored before quarantine existed: they went back to
     * available stock and still cover their line (never replaced); {@code quarantined} reads null in those events.
     * Everything else stays held; the reservation is ISSUED once nothing is held and every line is covered.
     */
    record ReceiptSettled(
            List<Allocation> issued, List<Allocation> released, Instant settledAt, List<Allocation> quarantined)
            implements StockReservationEvent {
        public ReceiptSettled {
            quarantined = quarantined == null ? List.of() : quarantined;
            released = released == null ? List.of() : released;
        }
    }

    /**
     * The partner accepted the shortfall (issue 10): {@code released} (what was still held, for replacements) went
     * back to available stock, and the reservation is closed as ISSUED with what receipts issued.
     */
    record ShortfallAccepted(List<Allocation> released, Instant acceptedAt) implements StockReservationEvent {}

    /**
     * Transport collected (part of) the reserved load for trip {@code tripId}: from then on the reservation no longer
     * expires as a whole, because the goods are on their way (held units are settled by the partner's receipt).
     * {@code afterClose}: the reservation had already been released or issued when the pickup was reported; then it
     * is recorded for the timeline only and changes no stock.
     */
    record TransportPickedUp(String tripId, Instant pickedUpAt, boolean afterClose) implements StockReservationEvent {}

    /**
     * Ops corrected the request's priority and vulnerability flags in requests-service (issue 11,
     * HelpRequestPriorityCorrected): the reservation takes its new place in the allocation queue from the next round.
     * {@code priorityBefore} and {@code vulnerabilitiesBefore} are what the reservation had.
     */
    record PriorityCorrected(
            String priorityBefore,
            String priority,
            List<String> vulnerabilitiesBefore,
            List<String> vulnerabilities,
            String reason,
            Instant correctedAt)
            implements StockReservationEvent {}
}
