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
            throw RuleViolation.invalid(
                    "a freight trip carries at least one line of positive quantity", "货运行程至少要运送一行数量为正的物资");
        }
        if (kind == TripKind.RIDE && (ride == null || lines != null && !lines.isEmpty())) {
            throw RuleViolation.invalid("a ride carries a passenger, not goods", "网约出行只载乘客，不载货物");
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
            throw RuleViolation.conflict(
                    "trip " + tripId + " is " + status + " and cannot be queued",
                    "行程 " + tripId + " 状态为 " + status + "，不能排队");
        }
        raise(new TripEvent.Queued(reason.en(), List.copyOf(explanation), now, reason.zh()));
    }

    /**
     * A vehicle was booked for the whole load, or for {@code part} of it (a queued load split when planned: the rest
     * becomes another trip).
     */
    public void schedule(VehicleBooking booking, List<TripLine> part, List<String> explanation, Instant now) {
        if (status != null && status != TripStatus.QUEUED) {
            throw RuleViolation.conflict(
                    "trip " + tripId + " is " + status + " and cannot be scheduled",
                    "行程 " + tripId + " 状态为 " + status + "，不能安排车辆");
        }
        List<TripLine> load = part == null ? lines : List.copyOf(part);
        for (TripLine l : load) {
            if (l.quantity().signum() <= 0 || l.quantity().compareTo(Loads.quantityOf(lines, l.item())) > 0) {
                throw RuleViolation.invalid(
                        "a scheduled part may not carry more " + l.item() + " than the trip",
                        "安排的部分装载的 " + l.item() + " 不能超过行程的数量");
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
            out.add(RuleViolation.conflict(
                    "the trip's window has passed: no vehicle can take it now", "该行程的时间窗口已过，无法再安排车辆"));
        }
        if (kind == TripKind.FREIGHT && !FreightPlanner.carries(v.kind())) {
            out.add(RuleViolation.conflict(
                    v.plate() + " is a " + v.kind() + ": goods go by truck or van",
                    v.plate() + " 是 " + v.kind() + "：货物只能由货车或厢式车运送"));
        }
        if (kind == TripKind.RIDE && v.kind() != VehicleKind.TAXI) {
            out.add(RuleViolation.conflict(
                    v.plate() + " is a " + v.kind() + ": a ride goes by taxi",
                    v.plate() + " 是 " + v.kind() + "：乘客出行只能由出租车运送"));
        }
        if (kind == TripKind.FREIGHT) {
            BigDecimal weight = Loads.weight(lines);
            BigDecimal volume = Loads.volume(lines);
            if (v.payloadKg().compareTo(weight) < 0 || v.volumeM3().compareTo(volume) < 0) {
                out.add(RuleViolation.conflict(
                        v.plate() + " carries " + plain(v.payloadKg()) + " kg and " + plain(v.volumeM3())
                                + " m³; the load is " + plain(weight) + " kg and " + plain(volume) + " m³",
                        v.plate() + " 载重 " + plain(v.payloadKg()) + " 公斤、容积 " + plain(v.volumeM3()) + " 立方米；本次装载 "
                                + plain(weight) + " 公斤、" + plain(volume) + " 立方米"));
            }
        }
        if (kind == TripKind.RIDE && ride != null && ride.needsWheelchair() && !v.wheelchairAccessible()) {
            out.add(RuleViolation.conflict(
                    "the passenger needs a wheelchair place and " + v.plate() + " has none",
                    "乘客需要轮椅位，" + v.plate() + " 没有"));
        }
        if (!v.available()) {
            out.add(RuleViolation.conflict(v.plate() + " is off duty", v.plate() + " 不在岗"));
        } else if (!v.dispatchableFor(start, end)) {
            out.add(RuleViolation.conflict(
                    v.plate() + " has no dispatch window covering " + start + " to " + end,
                    v.plate() + " 没有覆盖 " + start + " 至 " + end + " 的调度时段"));
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
            throw RuleViolation.conflict(
                    "trip " + tripId + " is " + status + ": only a waiting or scheduled trip takes another vehicle",
                    "行程 " + tripId + " 状态为 " + status + "：只有等待车辆或已安排车辆的行程才能改派车辆");
        }
        if (vehicle != null && vehicle.vehicleId().equals(v.vehicleId())) {
            throw RuleViolation.conflict(
                    "trip " + tripId + " is already on " + v.plate(), "行程 " + tripId + " 已由 " + v.plate() + " 承运");
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
            throw RuleViolation.invalid("a priority is required", "必须指定优先级");
        }
        if (status != TripStatus.QUEUED) {
            throw RuleViolation.conflict(
                    "trip " + tripId + " is " + status + ": only a queued trip changes its priority",
                    "行程 " + tripId + " 状态为 " + status + "：只有排队中的行程才能调整优先级");
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
            throw RuleViolation.conflict(
                    "trip " + tripId + " is " + status + ": only a scheduled trip can be picked up",
                    "行程 " + tripId + " 状态为 " + status + "：只有已安排车辆的行程才能取货");
        }
        if (kind == TripKind.FREIGHT && reservationExpiresAt != null && !reservationExpiresAt.isAfter(now)) {
            throw RuleViolation.conflict(
                    "the reservation of request " + requestId + " expired at " + reservationExpiresAt
                            + ": the goods are no longer held for it",
                    "需求 " + requestId + " 的物资预留已于 " + reservationExpiresAt + " 过期，不能取货");
        }
        List<TripLine> load;
        if (kind == TripKind.RIDE) {
            if (reported != null && !reported.isEmpty()) {
                throw RuleViolation.invalid("a ride loads no goods", "网约出行不装货");
            }
            load = List.of();
        } else if (reported == null) {
            load = lines;
        } else {
            if (reported.isEmpty()) {
                throw RuleViolation.invalid("nothing loaded: report a failure instead", "没有装货：请报告行程失败");
            }
            Set<String> seen = new HashSet<>();
            List<TripLine> out = new ArrayList<>();
            for (TripLine r : reported) {
                if (!seen.add(r.item())) {
                    throw RuleViolation.invalid("item " + r.item() + " is reported twice", "物资 " + r.item() + " 重复");
                }
                TripLine planned = lines.stream()
                        .filter(l -> l.item().equals(r.item()))
                        .findFirst()
                        .orElseThrow(() -> RuleViolation.invalid(
                                "item " + r.item() + " is not on this trip", "物资 " + r.item() + " 不在本行程中"));
                if (r.quantity() == null
                        || r.quantity().signum() <= 0
                        || r.quantity().compareTo(planned.quantity()) > 0) {
                    throw RuleViolation.invalid(
                            "loaded " + r.item() + " must be more than 0 and at most "
                                    + planned.quantity().toPlainString(),
                            "装载的 " + r.item() + " 必须大于 0 且不超过 "
                                    + planned.quantity().toPlainString());
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
            throw RuleViolation.conflict(
                    "trip " + tripId + " is " + status + ": only a picked-up trip can be delivered",
                    "行程 " + tripId + " 状态为 " + status + "：只有已取货的行程才能送达");
        }
        List<DeliveredLine> out = new ArrayList<>();
        if (kind == TripKind.RIDE) {
            if (delivered != null && !delivered.isEmpty()) {
                throw RuleViolation.invalid("a ride delivers a passenger, not goods: no lines", "网约出行送达乘客，没有物资行");
            }
        } else {
            if (receivedBy == null || receivedBy.isBlank()) {
                throw RuleViolation.invalid("receivedBy: who signed for the goods", "receivedBy：必须填写签收人");
            }
            if (delivered == null || delivered.isEmpty()) {
                throw RuleViolation.invalid("a delivery lists what was accepted and rejected", "送达必须列出接收和拒收的物资");
            }
            Set<String> seen = new HashSet<>();
            for (DeliveredLine d : delivered) {
                if (!seen.add(d.item())) {
                    throw RuleViolation.invalid("item " + d.item() + " is reported twice", "物资 " + d.item() + " 重复");
                }
                TripLine onBoard = loaded.stream()
                        .filter(l -> l.item().equals(d.item()))
                        .findFirst()
                        .orElseThrow(() -> RuleViolation.invalid(
                                "item " + d.item() + " was not loaded on this trip", "物资 " + d.item() + " 不在本行程的装载中"));
                BigDecimal accepted = d.accepted() == null ? BigDecimal.ZERO : d.accepted();
                BigDecimal rejected = d.rejected() == null ? BigDecimal.ZERO : d.rejected();
                if (accepted.signum() < 0 || rejected.signum() < 0) {
                    throw RuleViolation.invalid("accepted and rejected may not be negative", "接收和拒收数量不能为负");
                }
                if (accepted.add(rejected).compareTo(onBoard.quantity()) > 0) {
                    throw RuleViolation.invalid(
                            d.item() + ": accepted + rejected is more than the "
                                    + onBoard.quantity().toPlainString() + " loaded",
                            d.item() + "：接收与拒收之和超过装载的 " + onBoard.quantity().toPlainString());
                }
                if (rejected.signum() > 0
                        && (d.rejectionReason() == null || d.rejectionReason().isBlank())) {
                    throw RuleViolation.invalid(d.item() + ": rejected units need a reason", d.item() + "：拒收必须说明原因");
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
            throw RuleViolation.conflict(
                    "trip " + tripId + " is " + status + ": only a scheduled or picked-up trip can fail",
                    "行程 " + tripId + " 状态为 " + status + "：只有已安排或已取货的行程才能报告失败");
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
            throw RuleViolation.conflict(
                    "trip " + tripId + " is " + status + " and cannot be cancelled",
                    "行程 " + tripId + " 状态为 " + status + "，不能取消");
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
            throw RuleViolation.invalid("a reason is required", "必须说明原因");
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
