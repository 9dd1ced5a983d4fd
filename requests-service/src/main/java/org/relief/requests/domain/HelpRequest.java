package org.relief.requests.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.AggregateRoot;
import org.relief.kernel.personaldata.Sealer;

/**
 * A help request from a partner organisation: the aggregate whose events tell the request's whole story. Commands
 * check the rules against {@link RequestState} and raise events; the status is always derived, never assigned.
 */
public final class HelpRequest extends AggregateRoot<HelpRequestEvent> {
    /** the event store's stream type of a request: its stream is "help-request-{id}" */
    public static final String STREAM_TYPE = "help-request";

    private RequestState state = RequestState.EMPTY;

    /** Starts a new request; {@code likelyDuplicateOf} links it to an earlier look-alike (stored anyway). */
    /**
     * A new request with the given id. The personal fields (contact, address, passenger, person, note) are stored only
     * as {@code seal} makes them: sealed under the request's own data key, so erasing that key erases them.
     */
    public static HelpRequest submit(
            String id, SubmitHelpRequest cmd, String likelyDuplicateOf, Clock clock, Sealer seal) {
        Instant now = clock.instant();
        RequestKind kind = cmd.kind() == null ? RequestKind.SUPPLIES : cmd.kind();
        List<SupplyLine> lines = cmd.linesOrEmpty();
        if (kind == RequestKind.SUPPLIES) {
            if (lines.isEmpty()) {
                throw RuleViolation.invalid(Texts.of("request.supplies-need-lines"));
            }
            Set<String> items = new HashSet<>();
            for (SupplyLine l : lines) {
                if (!items.add(l.item())) {
                    throw RuleViolation.invalid(Texts.of("request.item-on-two-lines", l.item()));
                }
            }
        } else if (!lines.isEmpty()) {
            throw RuleViolation.invalid(Texts.of("request.lines-only-for-supplies"));
        }
        if (kind == RequestKind.RIDE) {
            RideDetails ride = require(cmd.ride(), "ride", kind);
            checkWindow(ride.windowStart(), ride.windowEnd(), "ride", now);
        } else if (cmd.ride() != null) {
            throw RuleViolation.invalid(Texts.of("request.ride-only-for-ride"));
        }
        if (kind == RequestKind.CARE) {
            CareDetails care = require(cmd.care(), "care", kind);
            checkWindow(care.windowStart(), care.windowEnd(), "care", now);
        } else if (cmd.care() != null) {
            throw RuleViolation.invalid(Texts.of("request.care-only-for-care"));
        }
        if (cmd.neededBy() != null && cmd.neededBy().isBefore(now.minusSeconds(60))) {
            throw RuleViolation.invalid(Texts.of("request.needed-by-in-past"));
        }
        HelpRequest r = new HelpRequest();
        RideDetails ride = cmd.ride() == null
                ? null
                : new RideDetails(
                        seal.seal(id, cmd.ride().passengerName()),
                        seal.seal(id, cmd.ride().passengerPhone()),
                        seal.seal(id, cmd.ride().pickupAddress()),
                        cmd.ride().pickupDistrict(),
                        seal.seal(id, cmd.ride().dropoffAddress()),
                        cmd.ride().dropoffDistrict(),
                        cmd.ride().windowStart(),
                        cmd.ride().windowEnd(),
                        cmd.ride().accessibility());
        CareDetails care = cmd.care() == null
                ? null
                : new CareDetails(
                        cmd.care().need(),
                        cmd.care().skill(),
                        seal.seal(id, cmd.care().personName()),
                        cmd.care().windowStart(),
                        cmd.care().windowEnd());
        r.raise(new HelpRequestEvent.Submitted(
                id,
                cmd.organisationId(),
                kind,
                cmd.priority(),
                cmd.vulnerabilities() == null ? List.of() : List.copyOf(cmd.vulnerabilities()),
                cmd.community(),
                cmd.district(),
                seal.seal(id, cmd.address()),
                seal.seal(id, cmd.contactName()),
                seal.seal(id, cmd.contactPhone()),
                List.copyOf(lines),
                ride,
                care,
                cmd.neededBy(),
                seal.seal(id, cmd.note()),
                now,
                likelyDuplicateOf));
        return r;
    }

    private static <T> T require(T part, String name, RequestKind kind) {
        if (part == null) {
            throw RuleViolation.invalid(Texts.of("request.part-required", name, kind));
        }
        return part;
    }

    private static void checkWindow(Instant start, Instant end, String part, Instant now) {
        if (start != null && end != null && !start.isBefore(end)) {
            throw RuleViolation.invalid(Texts.of("request.window-start-after-end", part));
        }
        if (end != null && end.isBefore(now)) {
            throw RuleViolation.invalid(Texts.of("request.window-end-in-past", part));
        }
    }

    /**
     * Inventory opened a reservation. Repeating the same reservation changes nothing; a different one while one is
     * known is a contract violation. Dispatch's and volunteer-service's events travel on other topics and may arrive
     * first (a trip scheduled before this consumer saw the reservation open), so any status of an open request takes
     * it. A request that has already ended (cancelled before inventory took it on, say) ignores it: inventory releases
     * what it reserves when it sees the cancellation, and parking the answer would only block the request's later
     * events.
     */
    public void reservationOpened(String reservationId, Clock clock) {
        reservationOpened(reservationId, List.of(), clock);
    }

    /**
     * Inventory opened a reservation and refused {@code rejected} lines at once because they do not fit its catalogue
     * (issue 10, path 5): those lines are marked with the reason and the catalogue's unit ({@code LinesRejected}) and
     * never reserved; with no line left the request ends REJECTED. Lines the request does not have are ignored.
     */
    public void reservationOpened(String reservationId, List<HelpRequestEvent.RejectedLine> rejected, Clock clock) {
        if (reservationId.equals(state.reservationId()) || status().terminal()) {
            return;
        }
        if (state.reservationId() != null) {
            throw RuleViolation.conflict(
                    Texts.of("request.reservation-already-open", id(), state.reservationId(), reservationId));
        }
        raise(new HelpRequestEvent.ReservationOpened(reservationId, clock.instant()));
        List<HelpRequestEvent.RejectedLine> refused = (rejected == null
                        ? List.<HelpRequestEvent.RejectedLine>of()
                        : rejected)
                .stream().filter(l -> state.line(l.item()) != null).toList();
        if (!refused.isEmpty()) {
            raise(new HelpRequestEvent.LinesRejected(reservationId, List.copyOf(refused), clock.instant()));
        }
    }

    /**
     * Inventory's latest allocation (cumulative per line: held, plus what receipts already issued or rejected). Late
     * answers for a request that has already ended are ignored: the stock comes back through inventory's own release.
     */
    public void stockAllocated(
            String reservationId,
            HelpRequestEvent.AllocationOutcome outcome,
            List<HelpRequestEvent.ReservedQuantity> reserved,
            List<String> explanation,
            Instant expiresAt,
            Clock clock) {
        stockAllocated(reservationId, outcome, reserved, explanation, null, expiresAt, clock);
    }

    /** As above, with inventory's explanation in Chinese too ({@code explanationZh} null if it sent none). */
    public void stockAllocated(
            String reservationId,
            HelpRequestEvent.AllocationOutcome outcome,
            List<HelpRequestEvent.ReservedQuantity> reserved,
            List<String> explanation,
            List<String> explanationZh,
            Instant expiresAt,
            Clock clock) {
        if (status().terminal()) {
            return;
        }
        requireSupplies();
        for (var q : reserved) {
            if (state.line(q.item()) == null) {
                throw RuleViolation.invalid(Texts.of("allocation.item-not-requested", q.item(), id()));
            }
            if (q.reserved() == null || q.reserved().signum() < 0) {
                throw RuleViolation.invalid(Texts.of("allocation.negative", q.item()));
            }
        }
        raise(new HelpRequestEvent.StockAllocated(
                reservationId,
                outcome,
                List.copyOf(reserved),
                explanation == null ? List.of() : List.copyOf(explanation),
                expiresAt,
                clock.instant(),
                explanationZh == null ? null : List.copyOf(explanationZh)));
    }

    /**
     * Inventory released reserved stock. CANCELLED after our own cancellation needs nothing more; EXPIRED ends the
     * request (the partner may submit again); both are ignored once the request has ended. REJECTED returns the units
     * the community rejected at a receipt: the receipt already counted them, so it changes no quantity and no status,
     * and it is recorded on the timeline even after the request ended (it is what happened to those units).
     */
    public void reservationReleased(
            String reservationId, String reason, List<HelpRequestEvent.ReservedQuantity> released, Clock clock) {
        // SHORTFALL_ACCEPTED (issue 10) answers the partner's acceptance of the shortfall: like REJECTED, it is what
        // happened to those units, recorded after the request ended and changing no quantity
        boolean rejected = HelpRequestEvent.ReservationReleased.REJECTED.equals(reason)
                || HelpRequestEvent.ReservationReleased.SHORTFALL_ACCEPTED.equals(reason);
        if (!rejected
                && !HelpRequestEvent.ReservationReleased.EXPIRED.equals(reason)
                && !HelpRequestEvent.ReservationReleased.CANCELLED.equals(reason)) {
            throw RuleViolation.invalid(Texts.of("release.unknown-reason", reason));
        }
        // the release that answers our cancellation is what happened to the stock: on the timeline once (issue 10,
        // path 6), without changing the status
        boolean answersCancellation = status() == RequestStatus.CANCELLED && !stockReleased;
        if (status().terminal() && !rejected && !answersCancellation) {
            return;
        }
        raise(new HelpRequestEvent.ReservationReleased(
                reservationId, reason, released == null ? List.of() : List.copyOf(released), clock.instant()));
    }

    public void cancel(String reason, String cancelledBy, Clock clock) {
        if (status().terminal()) {
            throw RuleViolation.conflict(Texts.of("cancel.request-ended", id(), status()));
        }
        if (reason == null || reason.isBlank()) {
            throw RuleViolation.invalid(Texts.of("cancel.reason-required"));
        }
        if (state.trips().stream().anyMatch(t -> t.status() == TripState.Status.DELIVERED && !t.settled())) {
            // the goods are at the community: a cancellation would release them to inventory as if they were still
            // on a shelf, for the next request to be promised units that are no longer there
            throw RuleViolation.conflict(Texts.of("cancel.delivery-awaiting-receipt", id()));
        }
        raise(new HelpRequestEvent.Cancelled(reason, cancelledBy, clock.instant()));
    }

    /**
     * Ops correct the priority the partner submitted and, when {@code vulnerabilities} is not null, its vulnerability
     * flags (issue 11). Refused once the request has ended and when nothing would change; needs a reason of at most
     * 500 characters.
     */
    public void correctPriority(
            Priority to, List<Vulnerability> vulnerabilities, String reason, String correctedBy, Clock clock) {
        if (to == null) {
            throw RuleViolation.invalid(Texts.of("priority.required"));
        }
        if (reason == null || reason.isBlank()) {
            throw RuleViolation.invalid(Texts.of("priority.reason-required"));
        }
        if (reason.strip().length() > 500) {
            throw RuleViolation.invalid(Texts.of("reason.too-long"));
        }
        if (status().terminal()) {
            throw RuleViolation.conflict(Texts.of("priority.request-ended", id(), status()));
        }
        List<Vulnerability> after = vulnerabilities == null
                ? this.vulnerabilities
                : vulnerabilities.stream().distinct().sorted().toList();
        if (to == state.priority() && sameFlags(after, this.vulnerabilities)) {
            throw RuleViolation.conflict(Texts.of("priority.nothing-to-correct", id(), to));
        }
        raise(new HelpRequestEvent.PriorityCorrected(
                state.priority(), to, this.vulnerabilities, after, reason.strip(), correctedBy, clock.instant()));
    }

    private static boolean sameFlags(List<Vulnerability> a, List<Vulnerability> b) {
        return new HashSet<>(a).equals(new HashSet<>(b));
    }

    /**
     * Records that the request's personal data was erased (its data key deleted). Only once the request has ended: an
     * open request still needs the address and the person to be served. Returns false, raising nothing, when it was
     * erased before.
     */
    public boolean erasePersonalData(String reason, String erasedBy, Clock clock) {
        if (reason == null || reason.isBlank()) {
            throw RuleViolation.invalid(Texts.of("erasure.reason-required"));
        }
        if (reason.strip().length() > 500) {
            throw RuleViolation.invalid(Texts.of("reason.too-long"));
        }
        if (!status().terminal()) {
            throw RuleViolation.conflict(Texts.of("erasure.request-open", id(), status()));
        }
        if (personalDataErased) {
            return false;
        }
        raise(new HelpRequestEvent.PersonalDataErased(reason.strip(), erasedBy, clock.instant()));
        return true;
    }

    public boolean personalDataErased() {
        return personalDataErased;
    }

    /** The vulnerability flags as submitted or last corrected. */
    public List<Vulnerability> vulnerabilities() {
        return vulnerabilities;
    }

    /**
     * The partner confirms what arrived. A receipt settles only the lines it lists: per listed line the accepted units
     * count as delivered (inventory issues them) and the rejected ones as rejected (inventory releases them,
     * {@code REJECTED}); lines not listed, and whatever of a listed line is neither accepted nor rejected, stay
     * reserved and may be confirmed by a later receipt. Each line may account for at most what is reserved or in
     * transit and not yet received ({@link LineState#receivable()}); rejected units need a reason.
     */
    public void confirmReceipt(List<ReceiptLine> received, String confirmedBy, Clock clock) {
        requireReceivable();
        if (received == null || received.isEmpty()) {
            throw RuleViolation.invalid(Texts.of("receipt.lines-required"));
        }
        settle(received, confirmedBy, List.of(), clock);
    }

    /**
     * A receipt without lines: the partner confirms exactly what the proofs of delivery of the reported trips say
     * (accepted, rejected and why) and that no earlier receipt confirmed yet. Refused when no reported delivery waits
     * for confirmation (then the partner lists the lines).
     */
    public void confirmDeliveredReceipt(String confirmedBy, Clock clock) {
        requireReceivable();
        List<TripState> proofs = state.trips().stream()
                .filter(t -> t.status() == TripState.Status.DELIVERED && !t.settled())
                .toList();
        if (proofs.isEmpty()) {
            throw RuleViolation.conflict(Texts.of("receipt.no-delivery-awaiting", id()));
        }
        java.util.Map<String, BigDecimal> accepted = new java.util.LinkedHashMap<>();
        java.util.Map<String, BigDecimal> rejected = new java.util.LinkedHashMap<>();
        java.util.Map<String, java.util.LinkedHashSet<String>> reasons = new java.util.HashMap<>();
        for (TripState t : proofs) {
            for (HelpRequestEvent.DeliveredQuantity d : t.proof()) {
                if (state.line(d.item()) == null) {
                    continue; // not on this request: dispatch's business, not the partner's receipt
                }
                accepted.merge(d.item(), nonNull(d.accepted()), BigDecimal::add);
                rejected.merge(d.item(), nonNull(d.rejected()), BigDecimal::add);
                if (nonNull(d.rejected()).signum() > 0) {
                    reasons.computeIfAbsent(d.item(), k -> new java.util.LinkedHashSet<>())
                            .add(
                                    d.rejectionReason() == null
                                                    || d.rejectionReason().isBlank()
                                            ? "rejected at delivery of trip " + t.tripId()
                                            : d.rejectionReason());
                }
            }
        }
        if (accepted.isEmpty()) {
            throw RuleViolation.conflict(Texts.of("receipt.proofs-list-nothing", id()));
        }
        List<ReceiptLine> lines = accepted.keySet().stream()
                .map(item -> new ReceiptLine(
                        item,
                        accepted.get(item),
                        rejected.get(item),
                        reasons.containsKey(item) ? String.join("; ", reasons.get(item)) : null))
                .toList();
        settle(lines, confirmedBy, proofs.stream().map(TripState::tripId).toList(), clock);
    }

    private static BigDecimal nonNull(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }

    private void requireReceivable() {
        if (state.kind() != RequestKind.SUPPLIES || !RequestStatus.RECEIVABLE.contains(status())) {
            throw RuleViolation.conflict(Texts.of("receipt.nothing-receivable", id(), status()));
        }
    }

    private void settle(List<ReceiptLine> received, String confirmedBy, List<String> trips, Clock clock) {
        Set<String> seen = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        List<HelpRequestEvent.ReceivedLine> lines = new java.util.ArrayList<>();
        for (ReceiptLine r : received) {
            LineState line = state.line(r.item());
            if (line == null) {
                throw RuleViolation.invalid(Texts.of("receipt.item-not-on-request", r.item(), id()));
            }
            if (!seen.add(r.item())) {
                throw RuleViolation.invalid(Texts.of("receipt.item-twice", r.item()));
            }
            BigDecimal accepted = r.accepted() == null ? BigDecimal.ZERO : r.accepted();
            BigDecimal rejected = r.rejected() == null ? BigDecimal.ZERO : r.rejected();
            if (accepted.signum() < 0 || rejected.signum() < 0) {
                throw RuleViolation.invalid(Texts.of("receipt.negative"));
            }
            if (rejected.signum() > 0
                    && (r.rejectionReason() == null || r.rejectionReason().isBlank())) {
                throw RuleViolation.invalid(Texts.of("receipt.rejection-reason-required", r.item()));
            }
            BigDecimal receivable = line.receivable();
            if (accepted.add(rejected).compareTo(receivable) > 0) {
                throw RuleViolation.conflict(Texts.of(
                        "receipt.exceeds-receivable",
                        r.item(),
                        accepted.add(rejected).toPlainString(),
                        receivable.toPlainString()));
            }
            total = total.add(accepted).add(rejected);
            lines.add(new HelpRequestEvent.ReceivedLine(
                    r.item(), line.unit(), accepted, rejected, rejected.signum() > 0 ? r.rejectionReason() : null));
        }
        if (total.signum() == 0) {
            throw RuleViolation.invalid(Texts.of("receipt.nothing-settled"));
        }
        raise(new HelpRequestEvent.ReceiptConfirmed(
                List.copyOf(lines), confirmedBy, clock.instant(), List.copyOf(trips)));
    }

    /**
     * The partner accepts that what has not arrived will not come (issue 10, path 4; typically units rejected as
     * damaged, which inventory would otherwise reserve again and dispatch send on a follow-up trip): the request ends
     * FULFILLED with what was received. Only for a supplies request that has received something (otherwise it is a
     * cancellation) and has nothing on its way or delivered awaiting the receipt (confirm that first); refused once
     * the request has ended.
     */
    public void acceptShortfall(String note, String acceptedBy, Clock clock) {
        if (state.kind() != RequestKind.SUPPLIES || status().terminal()) {
            throw RuleViolation.conflict(Texts.of("shortfall.request-ended", id(), status()));
        }
        if (state.lines().stream().allMatch(l -> l.delivered().signum() == 0)) {
            throw RuleViolation.conflict(Texts.of("shortfall.nothing-received", id()));
        }
        if (state.trips().stream().anyMatch(TripState::carrying)) {
            throw RuleViolation.conflict(Texts.of("shortfall.goods-on-their-way", id()));
        }
        List<HelpRequestEvent.ShortLine> lines = state.lines().stream()
                .filter(l -> l.requested().compareTo(l.delivered()) > 0)
                .map(l -> new HelpRequestEvent.ShortLine(
                        l.item(),
                        l.unit(),
                        l.requested(),
                        l.delivered(),
                        l.requested().subtract(l.delivered())))
                .toList();
        raise(new HelpRequestEvent.ShortfallAccepted(
                lines, note == null || note.isBlank() ? null : note.strip(), acceptedBy, clock.instant()));
    }

    /**
     * No progress before {@code deadline}: raises Escalated once per status (a later status may escalate again).
     *
     * @return whether an event was raised
     */
    public boolean escalate(Instant deadline, Clock clock) {
        if (status().terminal() || state.escalatedFor() == status()) {
            return false;
        }
        raise(new HelpRequestEvent.Escalated(status(), deadline, clock.instant()));
        return true;
    }

    // transport: dispatch-service's trip events. None of these throws for a late or repeated event (a parked event
    // would block the request's later ones): a repeat changes nothing, and once the request has ended only what
    // physically happened (a pickup, a delivery, a failure, a cancellation) is still recorded on the timeline.

    public void transportQueued(HelpRequestEvent.TransportQueued e) {
        TripState t = state.trip(e.tripId());
        if (status().terminal() || t != null) {
            return; // a trip seen before is queued already or further on
        }
        raise(e);
    }

    /** A vehicle booked; a later booking of the same trip with another vehicle (re-assignment) is recorded too. */
    public void transportScheduled(HelpRequestEvent.TransportScheduled e) {
        TripState t = state.trip(e.tripId());
        if (status().terminal()
                || (t != null
                        && t.status() != TripState.Status.QUEUED
                        && !(t.status() == TripState.Status.SCHEDULED
                                && !java.util.Objects.equals(lastVehicle.get(e.tripId()), e.vehicleId())))) {
            return;
        }
        raise(e);
    }

    public void loadPickedUp(HelpRequestEvent.LoadPickedUp e) {
        TripState t = state.trip(e.tripId());
        if (t != null && t.status() != TripState.Status.QUEUED && t.status() != TripState.Status.SCHEDULED) {
            return;
        }
        // only the request's own items count as in transit (the fold ignores others, which stay on the timeline); a
        // line without a positive quantity carries nothing
        List<HelpRequestEvent.LoadedQuantity> loaded = (e.lines() == null
                        ? List.<HelpRequestEvent.LoadedQuantity>of()
                        : e.lines())
                .stream()
                        .filter(l -> l.item() != null
                                && l.quantity() != null
                                && l.quantity().signum() > 0)
                        .toList();
        raise(new HelpRequestEvent.LoadPickedUp(e.tripId(), loaded, e.pickedUpAt()));
    }

    public void deliveryReported(HelpRequestEvent.DeliveryReported e) {
        TripState t = state.trip(e.tripId());
        if (t != null && (t.status() == TripState.Status.DELIVERED || t.status().abandoned())) {
            return;
        }
        raise(new HelpRequestEvent.DeliveryReported(
                e.tripId(),
                e.receivedBy(),
                e.lines() == null ? List.of() : List.copyOf(e.lines()),
                e.note(),
                e.deliveredAt()));
    }

    public void transportFailed(HelpRequestEvent.TransportFailed e) {
        TripState t = state.trip(e.tripId());
        if (t != null && (t.status().abandoned() || t.status() == TripState.Status.DELIVERED)) {
            return;
        }
        raise(e);
    }

    public void transportCancelled(HelpRequestEvent.TransportCancelled e) {
        TripState t = state.trip(e.tripId());
        if (t != null && (t.status().abandoned() || t.status() == TripState.Status.DELIVERED)) {
            return;
        }
        raise(e);
    }

    public void transportWaitOverdue(HelpRequestEvent.TransportWaitOverdue e) {
        TripState t = state.trip(e.tripId());
        if (status().terminal() || (t != null && (t.overdue() || !t.status().active()))) {
            return;
        }
        raise(e);
    }

    // volunteers: volunteer-service's call events. A CARE_VISIT call drives a care request; LOADING and HAND_OUT calls
    // of a freight trip are on the timeline only. Same tolerance as above.

    public void volunteerCallOpened(HelpRequestEvent.VolunteerCallOpened e) {
        if (status().terminal() || state.call(e.callId()) != null) {
            return;
        }
        raise(e);
    }

    public void volunteersShort(HelpRequestEvent.VolunteersShort e) {
        CallState c = state.call(e.callId());
        if (status().terminal()
                || (c != null && (!c.open() || (c.waiting() && c.assignments().size() == e.assigned())))) {
            return;
        }
        raise(e);
    }

    public void volunteerAssigned(HelpRequestEvent.VolunteerAssigned e) {
        CallState c = state.call(e.callId());
        if (status().terminal()
                || (c != null
                        && (!c.open()
                                || c.assignments().contains(e.assignmentId())
                                || c.hasAnswer(e.assignmentId(), false)))) {
            return;
        }
        raise(e);
    }

    public void volunteerAnswered(HelpRequestEvent.VolunteerAnswered e) {
        CallState c = state.call(e.callId());
        if (status().terminal() || (c != null && (!c.open() || c.hasAnswer(e.assignmentId(), e.accepted())))) {
            return;
        }
        raise(e);
    }

    public void volunteerCallCancelled(HelpRequestEvent.VolunteerCallCancelled e) {
        CallState c = state.call(e.callId());
        if (c != null && !c.open()) {
            return;
        }
        raise(e);
    }

    public void volunteerCallCompleted(HelpRequestEvent.VolunteerCallCompleted e) {
        CallState c = state.call(e.callId());
        if (c != null && (c.completed() || c.cancelled())) {
            return;
        }
        raise(e);
    }

    private void requireSupplies() {
        if (state.kind() != RequestKind.SUPPLIES) {
            throw RuleViolation.conflict(Texts.of("request.not-supplies", state.kind(), id()));
        }
    }

    /** the vehicle each trip was last booked with, to tell a re-assignment from a repeated booking */
    private final java.util.Map<String, String> lastVehicle = new java.util.HashMap<>();

    /** inventory gave the reservation's stock back (CANCELLED or EXPIRED) at least once */
    private boolean stockReleased;

    private boolean personalDataErased;
    /** the vulnerability flags as submitted, or as ops last corrected them */
    private List<Vulnerability> vulnerabilities = List.of();

    @Override
    protected void apply(HelpRequestEvent event) {
        if (event instanceof HelpRequestEvent.ReservationReleased r
                && (HelpRequestEvent.ReservationReleased.CANCELLED.equals(r.reason())
                        || HelpRequestEvent.ReservationReleased.EXPIRED.equals(r.reason()))) {
            stockReleased = true;
        }
        if (event instanceof HelpRequestEvent.TransportScheduled t) {
            lastVehicle.put(t.tripId(), t.vehicleId());
        }
        if (event instanceof HelpRequestEvent.Submitted s) {
            vulnerabilities = s.vulnerabilities() == null ? List.of() : List.copyOf(s.vulnerabilities());
        } else if (event instanceof HelpRequestEvent.PriorityCorrected pc) {
            vulnerabilities = pc.vulnerabilitiesAfter() == null ? List.of() : List.copyOf(pc.vulnerabilitiesAfter());
        } else if (event instanceof HelpRequestEvent.PersonalDataErased) {
            personalDataErased = true;
        }
        state = state.apply(event);
    }

    @Override
    public String id() {
        return state.id();
    }

    public String organisationId() {
        return state.organisationId();
    }

    public RequestStatus status() {
        return state.status();
    }

    public RequestState state() {
        return state;
    }

    public List<LineState> lines() {
        return state.lines();
    }
}
