package org.relief.dispatch.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.relief.kernel.eventstore.AggregateRoot;

/**
 * Dispatch's memory of one help request: facts from requests-service and inventory-service, which arrive on two
 * topics in any order. Each method answers whether the fact is new, so a repeated fact (another event with the
 * same meaning) changes nothing.
 */
public final class TransportRequest extends AggregateRoot<TransportRequestEvent> {
    /** The event store's stream type of transport requests. */
    public static final String STREAM_TYPE = "transport-request";
    /** Request kinds as requests-service names them: goods to move, a passenger to carry, a visit (not dispatch's). */
    public static final String SUPPLIES = "SUPPLIES";

    public static final String RIDE = "RIDE";
    public static final String CARE = "CARE";

    /** Why inventory released a reservation (StockReservationReleased's reason). */
    public static final String RELEASE_EXPIRED = "EXPIRED";

    public static final String RELEASE_CANCELLED = "CANCELLED";
    public static final String RELEASE_REJECTED = "REJECTED";
    public static final String RELEASE_SHORTFALL_ACCEPTED = "SHORTFALL_ACCEPTED";

    /**
     * Whether a release closes the reservation: EXPIRED, CANCELLED or SHORTFALL_ACCEPTED leave the goods in the
     * warehouse; REJECTED only takes refused units out of it (they go to quarantine), so trips stay as they are.
     */
    public static boolean releaseClosesReservation(String reason) {
        return RELEASE_EXPIRED.equals(reason)
                || RELEASE_CANCELLED.equals(reason)
                || RELEASE_SHORTFALL_ACCEPTED.equals(reason);
    }

    /** What requests-service told about a submitted request, in dispatch's terms (messaging translates it). */
    public record Submission(
            String requestId,
            String organisationId,
            String kind,
            String priority,
            String community,
            String district,
            String address,
            RideDetails ride,
            Instant submittedAt) {}

    private String requestId;
    private boolean submitted;
    private String organisationId;
    private String kind;
    private Priority priority = Priority.NORMAL;
    private String community;
    private String district;
    private String address;
    private RideDetails ride;
    private List<ReservedLine> allocation;
    private Instant expiresAt;
    private Instant allocatedAt;
    private boolean reservationClosed;
    private boolean cancelled;
    private Instant priorityCorrectedAt;

    public static TransportRequest start(String requestId) {
        TransportRequest r = new TransportRequest();
        r.requestId = requestId;
        return r;
    }

    public boolean submit(Submission s) {
        if (submitted) {
            return false;
        }
        raise(new TransportRequestEvent.Submitted(
                s.requestId(),
                s.organisationId(),
                s.kind(),
                Priority.of(s.priority()),
                s.community(),
                s.district(),
                s.address(),
                s.ride(),
                s.submittedAt()));
        return true;
    }

    /** Keeps only the latest allocation; an older or identical one is not news. */
    public boolean noteAllocation(String reservationId, List<ReservedLine> lines, Instant expires, Instant at) {
        if (allocatedAt != null && at != null && at.isBefore(allocatedAt)) {
            return false;
        }
        if (Objects.equals(allocation, lines) && Objects.equals(expiresAt, expires)) {
            return false;
        }
        raise(new TransportRequestEvent.AllocationNoted(requestId, reservationId, List.copyOf(lines), expires, at));
        return true;
    }

    public boolean closeReservation(String reason, Instant at) {
        if (reservationClosed) {
            return false;
        }
        raise(new TransportRequestEvent.ReservationClosed(reason, at));
        return true;
    }

    /**
     * Ops corrected the priority (issue 11). Not news for a request dispatch has not heard of (no Submitted: it knows no
     * priority to correct), a cancelled one (nothing more is planned), the priority it already has, or a correction
     * older than the last one taken (a late copy). A priority this service does not know is refused.
     */
    public boolean correctPriority(String newPriority, String reason, Instant at) {
        if (!submitted || cancelled) {
            return false;
        }
        Priority to = Priority.strict(newPriority);
        if (to == priority || at != null && priorityCorrectedAt != null && at.isBefore(priorityCorrectedAt)) {
            return false;
        }
        raise(new TransportRequestEvent.PriorityCorrected(priority, to, reason, at));
        return true;
    }

    public boolean cancel(String reason, Instant at) {
        if (cancelled) {
            return false;
        }
        raise(new TransportRequestEvent.Cancelled(reason, at));
        return true;
    }

    @Override
    protected void apply(TransportRequestEvent event) {
        if (event instanceof TransportRequestEvent.Submitted s) {
            requestId = s.requestId();
            submitted = true;
            organisationId = s.organisationId();
            kind = s.kind();
            priority = s.priority() == null ? Priority.NORMAL : s.priority();
            community = s.community();
            district = s.district();
            address = s.address();
            ride = s.ride();
        } else if (event instanceof TransportRequestEvent.AllocationNoted a) {
            requestId = a.requestId();
            allocation = a.lines();
            expiresAt = a.expiresAt();
            allocatedAt = a.allocatedAt();
        } else if (event instanceof TransportRequestEvent.ReservationClosed) {
            reservationClosed = true;
        } else if (event instanceof TransportRequestEvent.PriorityCorrected pc) {
            if (pc.priority() != null) {
                priority = pc.priority();
            }
            if (pc.correctedAt() != null) {
                priorityCorrectedAt = pc.correctedAt();
            }
        } else if (event instanceof TransportRequestEvent.Cancelled) {
            cancelled = true;
        }
    }

    public boolean isRide() {
        return RIDE.equals(kind);
    }

    /** Goods can be planned once the destination is known and the request and its reservation are still open. */
    public boolean plannable() {
        return submitted && !cancelled && !reservationClosed && allocation != null;
    }

    @Override
    public String id() {
        return requestId;
    }

    public boolean submitted() {
        return submitted;
    }

    public String organisationId() {
        return organisationId;
    }

    public String kind() {
        return kind;
    }

    public Priority priority() {
        return priority;
    }

    public String community() {
        return community;
    }

    public String district() {
        return district;
    }

    public String address() {
        return address;
    }

    public RideDetails ride() {
        return ride;
    }

    public List<ReservedLine> allocation() {
        return allocation;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean reservationClosed() {
        return reservationClosed;
    }

    public boolean cancelled() {
        return cancelled;
    }
}
