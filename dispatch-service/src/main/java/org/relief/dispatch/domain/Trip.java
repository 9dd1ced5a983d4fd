package org.relief.dispatch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.AggregateRoot;

/**
 * One vehicle movement for a request: a warehouse load to a community (FREIGHT) or a passenger (RIDE). Every
 * transition is an event; the rules of the lifecycle live here.
 */
public final class Trip extends AggregateRoot<TripEvent> {
    /** The event store's stream type of trips (stream id "trip-&lt;id&gt;"). */
    public static final String STREAM_TYPE = "trip";

    public static final String FAILED_REPLANNED = "REPLANNED";
    public static final String FAILED_RETURNED = "RETURNED";
    /** Why a trip was cancelled (stored, and published as TripCancelled's reason: the same words). */
    public static final String CANCELLED_REQUEST_CANCELLED = "REQUEST_CANCELLED";

    public static final String CANCELLED_RESERVATION_RELEASED = "RESERVATION_RELEASED";
    public static final String CANCELLED_BY_DISPATCHER = "DISPATCHER";

    private String tripId;
    private TripKind kind;
    private String requestId;
    private String organisationId;
    private Priority priority;
    private Place from;
    private Place to;
    private String warehouseId;
    private List<TripLine> lines = List.of();
    private List<TripLine> loaded = List.of();
    private Ride ride;
    private String replanOf;
    /** null between Planned and the Queued/Scheduled that follows it in the same command */
    private TripStatus status;

    private VehicleBooking vehicle;
    private Instant queuedAt;
    private boolean overdue;

    public static Trip plan(
            String tripId,
            TripKind kind,
            String requestId,
            String organisationId,
            Priority priority,
            Place from,
            Place to,
            String warehouseId,
            List<TripLine> lines,
            Ride ride,
            String replanOf,
            List<String> explanation,
            Instant now) {
        if (kind == TripKind.FREIGHT
                && (lines == null
                        || lines.isEmpty()
                        || lines.stream()
                                .anyMatch(l ->
                                        l.quantity() == null || l.quantity().signum() <= 0))) {
            throw RuleViolation.invalid(Texts.of("trip.freight-needs-lines"));
        }
        if (kind == TripKind.RIDE && (ride == null || lines != null && !lines.isEmpty())) {
            throw RuleViolation.invalid(Texts.of("trip.ride-carries-no-goods"));
        }
        List<TripLine> load = lines == null ? List.of() : List.copyOf(lines);
        Trip t = new Trip();
        t.raise(new TripEvent.Planned(
                tripId,
                kind,
                requestId,
                organisationId,
                priority,
                from,
                to,
                warehouseId,
                load,
                Loads.weight(load),
                Loads.volume(load),
                ride,
                replanOf,
                List.copyOf(explanation),
                now));
        return t;
    }

    /** No vehicle can take the trip now; it waits in the queue. */
    public void queue(QueueReason reason, List<String> explanation, Instant now) {
        if (status != null) {
            throw RuleViolation.conflict(Texts.of("trip.not-queueable", tripId, status));
        }
        raise(new TripEvent.Queued(reason.en(), List.copyOf(explanation), now, reason.zh()));
    }

    /**
     * A vehicle was booked for the whole load, or for {@code part} of it (a queued load split when planned: the rest
     * becomes another trip).
     */
    public void schedule(VehicleBooking booking, List<TripLine> part, List<String> explanation, Instant now) {
        if (status != null && status != TripStatus.QUEUED) {
            throw RuleViolation.conflict(Texts.of("trip.not-schedulable", tripId, status));
        }
        List<TripLine> load = part == null ? lines : List.copyOf(part);
        for (TripLine l : load) {
            if (l.quantity().signum() <= 0 || l.quantity().compareTo(Loads.quantityOf(lines, l.item())) > 0) {
                throw RuleViolation.invalid(Texts.of("trip.part-exceeds-load", l.item()));
            }
        }
        raise(new TripEvent.Scheduled(
                booking, load, Loads.weight(load), Loads.volume(load), List.copyOf(explanation), now));
    }

    /**
     * Why {@code v} may not take this trip from {@code start} to {@code end}, by the rules a dispatcher cannot
     * override: the right kind of vehicle, the capacity for the load (FREIGHT), a wheelchair place when the passenger
     * needs one (RIDE), on duty and inside its dispatch windows. Empty: it may (whether it is free is the bookings'
     * question).
     */
    public List<RuleViolation> refusals(VehicleCandidate v, Instant start, Instant end) {
        List<RuleViolation> out = new ArrayList<>();
        if (!RideMatcher.validWindow(start, end)) {
            out.add(RuleViolation.conflict(Texts.of("refusal.window-passed")));
        }
        if (kind == TripKind.FREIGHT && !FreightPlanner.carries(v.kind())) {
            out.add(RuleViolation.conflict(Texts.of("refusal.goods-need-truck-or-van", v.plate(), v.kind())));
        }
        if (kind == TripKind.RIDE && v.kind() != VehicleKind.TAXI) {
            out.add(RuleViolation.conflict(Texts.of("refusal.ride-needs-taxi", v.plate(), v.kind())));
        }
        if (kind == TripKind.FREIGHT) {
            BigDecimal weight = Loads.weight(lines);
            BigDecimal volume = Loads.volume(lines);
            if (v.payloadKg().compareTo(weight) < 0 || v.volumeM3().compareTo(volume) < 0) {
                out.add(RuleViolation.conflict(Texts.of(
                        "refusal.too-small",
                        v.plate(),
                        plain(v.payloadKg()),
                        plain(v.volumeM3()),
                        plain(weight),
                        plain(volume))));
            }
        }
        if (kind == TripKind.RIDE && ride != null && ride.needsWheelchair() && !v.wheelchairAccessible()) {
            out.add(RuleViolation.conflict(Texts.of("refusal.no-wheelchair-place", v.plate())));
        }
        if (!v.available()) {
            out.add(RuleViolation.conflict(Texts.of("refusal.off-duty", v.plate())));
        } else if (!v.dispatchableFor(start, end)) {
            out.add(RuleViolation.conflict(Texts.of("refusal.outside-windows", v.plate(), start, end)));
        }
        return out;
    }

    /** Waiting or scheduled: a desk may (re)assign its vehicle. */
    public boolean takesAnotherVehicle() {
        return status == TripStatus.QUEUED || status == TripStatus.SCHEDULED;
    }

    /**
     * A dispatcher puts the trip on {@code v}: a queued trip is scheduled with its whole load, a scheduled one moves
     * from its vehicle to {@code v}. The rules of {@link #refusals} hold; the caller has booked {@code v} for the
     * window (and freed the previous vehicle).
     */
    public void assign(VehicleCandidate v, Instant start, Instant end, String reason, Instant now) {
        if (!takesAnotherVehicle()) {
            throw RuleViolation.conflict(Texts.of("trip.not-reassignable", tripId, status));
        }
        if (vehicle != null && vehicle.vehicleId().equals(v.vehicleId())) {
            throw RuleViolation.conflict(Texts.of("trip.already-on-vehicle", tripId, v.plate()));
        }
        List<RuleViolation> refused = refusals(v, start, end);
        if (!refused.isEmpty()) {
            throw refused.get(0);
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        List<String> explanation = new ArrayList<>();
        explanation.add("assigned at the dispatch desk: " + v.describe() + (why == null ? "" : "; reason: " + why));
        VehicleBooking booking = v.booking(start, end);
        if (status == TripStatus.QUEUED) {
            schedule(booking, null, explanation, now);
        } else {
            raise(new TripEvent.Reassigned(vehicle, booking, why, List.copyOf(explanation), now));
        }
    }

    /**
     * The request's priority was corrected: a trip still waiting in the queue takes it (a trip that has a vehicle keeps
     * the one it was planned with). Returns false when the trip already has it.
     */
    public boolean changePriority(Priority to, String reason, Instant now) {
        if (to == null) {
            throw RuleViolation.invalid(Texts.of("trip.priority-required"));
        }
        if (status != TripStatus.QUEUED) {
            throw RuleViolation.conflict(Texts.of("trip.priority-not-changeable", tripId, status));
        }
        if (to == priority) {
            return false;
        }
        raise(new TripEvent.PriorityChanged(priority, to, reason, now));
        return true;
    }

    /** Raised once, while the trip still waits in the queue. */
    public boolean markOverdue(Instant deadline, Instant now) {
        if (status != TripStatus.QUEUED || overdue) {
            return false;
        }
        raise(new TripEvent.WaitOverdue(queuedAt, deadline, now));
        return true;
    }

    /**
     * The vehicle collected its load (FREIGHT) or passenger (RIDE). {@code reported} null means the planned load; a
     * freight report names each item loaded, at most as planned.
     */
    public void pickUp(List<TripLine> reported, Instant now) {
        pickUp(reported, null, now);
    }

    /**
     * @param reservationExpiresAt when inventory releases the reserved stock if nothing is picked up (from its latest
     *                             allocation; null: no expiry known). A freight pickup after it is refused: the goods
     *                             are no longer held for this request.
     */
    public void pickUp(List<TripLine> reported, Instant reservationExpiresAt, Instant now) {
        if (status != TripStatus.SCHEDULED) {
            throw RuleViolation.conflict(Texts.of("trip.not-pickable", tripId, status));
        }
        if (kind == TripKind.FREIGHT && reservationExpiresAt != null && !reservationExpiresAt.isAfter(now)) {
            throw RuleViolation.conflict(Texts.of("trip.reservation-expired", requestId, reservationExpiresAt));
        }
        List<TripLine> load;
        if (kind == TripKind.RIDE) {
            if (reported != null && !reported.isEmpty()) {
                throw RuleViolation.invalid(Texts.of("trip.ride-loads-no-goods"));
            }
            load = List.of();
        } else if (reported == null) {
            load = lines;
        } else {
            if (reported.isEmpty()) {
                throw RuleViolation.invalid(Texts.of("trip.nothing-loaded"));
            }
            Set<String> seen = new HashSet<>();
            List<TripLine> out = new ArrayList<>();
            for (TripLine r : reported) {
                if (!seen.add(r.item())) {
                    throw RuleViolation.invalid(Texts.of("trip.item-reported-twice", r.item()));
                }
                TripLine planned = lines.stream()
                        .filter(l -> l.item().equals(r.item()))
                        .findFirst()
                        .orElseThrow(() -> RuleViolation.invalid(Texts.of("trip.item-not-on-trip", r.item())));
                if (r.quantity() == null
                        || r.quantity().signum() <= 0
                        || r.quantity().compareTo(planned.quantity()) > 0) {
                    throw RuleViolation.invalid(Texts.of(
                            "trip.loaded-quantity", r.item(), planned.quantity().toPlainString()));
                }
                out.add(Loads.withQuantity(planned, r.quantity()));
            }
            load = out;
        }
        raise(new TripEvent.PickedUp(load, now));
    }

    /** Proof of delivery (FREIGHT: accepted and rejected per loaded line) or a completed ride (no lines). */
    public void deliver(String receivedBy, List<DeliveredLine> delivered, String note, Instant now) {
        if (status != TripStatus.PICKED_UP) {
            throw RuleViolation.conflict(Texts.of("trip.not-deliverable", tripId, status));
        }
        List<DeliveredLine> out = new ArrayList<>();
        if (kind == TripKind.RIDE) {
            if (delivered != null && !delivered.isEmpty()) {
                throw RuleViolation.invalid(Texts.of("trip.ride-delivers-no-goods"));
            }
        } else {
            if (receivedBy == null || receivedBy.isBlank()) {
                throw RuleViolation.invalid(Texts.of("delivery.received-by-required"));
            }
            if (delivered == null || delivered.isEmpty()) {
                throw RuleViolation.invalid(Texts.of("delivery.lines-required"));
            }
            Set<String> seen = new HashSet<>();
            for (DeliveredLine d : delivered) {
                if (!seen.add(d.item())) {
                    throw RuleViolation.invalid(Texts.of("trip.item-reported-twice", d.item()));
                }
                TripLine onBoard = loaded.stream()
                        .filter(l -> l.item().equals(d.item()))
                        .findFirst()
                        .orElseThrow(() -> RuleViolation.invalid(Texts.of("delivery.item-not-loaded", d.item())));
                BigDecimal accepted = d.accepted() == null ? BigDecimal.ZERO : d.accepted();
                BigDecimal rejected = d.rejected() == null ? BigDecimal.ZERO : d.rejected();
                if (accepted.signum() < 0 || rejected.signum() < 0) {
                    throw RuleViolation.invalid(Texts.of("delivery.negative"));
                }
                if (accepted.add(rejected).compareTo(onBoard.quantity()) > 0) {
                    throw RuleViolation.invalid(Texts.of(
                            "delivery.more-than-loaded",
                            d.item(),
                            onBoard.quantity().toPlainString()));
                }
                if (rejected.signum() > 0
                        && (d.rejectionReason() == null || d.rejectionReason().isBlank())) {
                    throw RuleViolation.invalid(Texts.of("delivery.rejection-reason-required", d.item()));
                }
                out.add(new DeliveredLine(
                        d.item(),
                        onBoard.unit(),
                        Loads.plain(accepted),
                        Loads.plain(rejected),
                        rejected.signum() > 0 ? d.rejectionReason().strip() : null));
            }
        }
        raise(new TripEvent.Delivered(strip(receivedBy), out, strip(note), now));
    }

    /**
     * The trip could not be completed; the load goes back with the vehicle. {@code outcome} REPLANNED names the
     * replacement trip, RETURNED has none.
     */
    public void fail(String reason, String outcome, String replacementTripId, Instant now) {
        if (status != TripStatus.SCHEDULED && status != TripStatus.PICKED_UP) {
            throw RuleViolation.conflict(Texts.of("trip.not-failable", tripId, status));
        }
        requireReason(reason);
        if (FAILED_REPLANNED.equals(outcome) == (replacementTripId == null)) {
            throw new IllegalArgumentException("REPLANNED names its replacement, RETURNED none");
        }
        raise(new TripEvent.Failed(reason.strip(), status == TripStatus.PICKED_UP, outcome, replacementTripId, now));
    }

    public boolean cancellable() {
        return status == TripStatus.QUEUED || status == TripStatus.SCHEDULED || status == TripStatus.PICKED_UP;
    }

    public void cancel(String reason, String note, Instant now) {
        if (!cancellable()) {
            throw RuleViolation.conflict(Texts.of("trip.not-cancellable", tripId, status));
        }
        requireReason(reason);
        raise(new TripEvent.Cancelled(reason, strip(note), status == TripStatus.PICKED_UP, now));
    }

    @Override
    protected void apply(TripEvent event) {
        if (event instanceof TripEvent.Planned p) {
            tripId = p.tripId();
            kind = p.kind();
            requestId = p.requestId();
            organisationId = p.organisationId();
            priority = p.priority();
            from = p.from();
            to = p.to();
            warehouseId = p.warehouseId();
            lines = p.lines();
            ride = p.ride();
            replanOf = p.replanOf();
        } else if (event instanceof TripEvent.Queued q) {
            status = TripStatus.QUEUED;
            queuedAt = q.queuedAt();
        } else if (event instanceof TripEvent.Scheduled s) {
            status = TripStatus.SCHEDULED;
            vehicle = s.vehicle();
            lines = s.lines();
        } else if (event instanceof TripEvent.Reassigned r) {
            vehicle = r.vehicle();
        } else if (event instanceof TripEvent.PriorityChanged pc) {
            if (pc.priority() != null) {
                priority = pc.priority();
            }
        } else if (event instanceof TripEvent.WaitOverdue) {
            overdue = true;
        } else if (event instanceof TripEvent.PickedUp p) {
            status = TripStatus.PICKED_UP;
            loaded = p.lines();
        } else if (event instanceof TripEvent.Delivered) {
            status = TripStatus.DELIVERED;
        } else if (event instanceof TripEvent.Failed) {
            status = TripStatus.FAILED;
        } else if (event instanceof TripEvent.Cancelled) {
            status = TripStatus.CANCELLED;
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw RuleViolation.invalid(Texts.of("trip.reason-required"));
        }
    }

    private static String plain(BigDecimal d) {
        return Loads.plain(d).toPlainString();
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String id() {
        return tripId;
    }

    public TripKind kind() {
        return kind;
    }

    public String requestId() {
        return requestId;
    }

    public String organisationId() {
        return organisationId;
    }

    public Priority priority() {
        return priority;
    }

    public Place from() {
        return from;
    }

    public Place to() {
        return to;
    }

    public String warehouseId() {
        return warehouseId;
    }

    public List<TripLine> lines() {
        return lines;
    }

    public List<TripLine> loaded() {
        return loaded;
    }

    public Ride ride() {
        return ride;
    }

    public String replanOf() {
        return replanOf;
    }

    public TripStatus status() {
        return status;
    }

    public VehicleBooking vehicle() {
        return vehicle;
    }

    public Instant queuedAt() {
        return queuedAt;
    }

    public boolean overdue() {
        return overdue;
    }
}
