package org.relief.inventory.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.AggregateRoot;

/**
 * The reservation of stock for one help request (one per request, identified by the request id): what was asked,
 * what is held from which lots, until when, and why. The stock itself is held in the {@link StockItem} ledgers; this
 * aggregate guards the request's side (never more than asked, nothing after it was closed).
 */
public final class StockReservation extends AggregateRoot<StockReservationEvent> {
    /** Its event-store streams are {@code stock-reservation-<requestId>}. */
    public static final String STREAM_TYPE = "stock-reservation";

    public enum Status {
        OPEN,
        WAITING,
        PARTIALLY_RESERVED,
        RESERVED,
        RELEASED,
        ISSUED,
        /** every requested line was refused by the catalogue check: closed from the start, never queued */
        REJECTED;

        public boolean closed() {
            return this == RELEASED || this == ISSUED || this == REJECTED;
        }

        /**
         * The status that follows from the figures, for the aggregate and the read model alike. A line is covered by
         * what is held for it plus what receipts settled (issued or rejected).
         */
        public static Status of(boolean everyLineCovered, boolean anyCovered, boolean anyHeld) {
            if (everyLineCovered) {
                return anyHeld ? RESERVED : ISSUED;
            }
            return anyCovered ? PARTIALLY_RESERVED : WAITING;
        }
    }

    private String requestId;
    private String reservationId;
    private String organisationId;
    private String priority;
    private String district;
    private List<String> vulnerabilities = List.of();
    private Instant submittedAt;
    private Status status;
    private List<ReservationLine> lines = List.of();
    private List<RejectedLine> rejectedLines = List.of();
    private final List<Allocation> held = new ArrayList<>();
    /** per line: units issued on receipts (accepted) and released as rejected; both count as settled */
    private final Map<Integer, BigDecimal> issued = new HashMap<>();

    private final Map<Integer, BigDecimal> rejected = new HashMap<>();
    /** per line: units rejected at receipts and taken into quarantine; they are reserved again, so they cover nothing */
    private final Map<Integer, BigDecimal> quarantined = new HashMap<>();

    private Instant expiresAt;
    private List<String> explanation = List.of();
    private List<String> explanationZh = List.of();
    /** trips that reported a pickup (once each); the first one while open stops the expiry */
    private final Set<String> pickedUpTrips = new LinkedHashSet<>();

    private Instant pickedUpAt;

    public static StockReservation open(
            String requestId,
            String organisationId,
            String priority,
            String district,
            List<ReservationLine> lines,
            List<String> vulnerabilities,
            Instant submittedAt,
            Clock clock) {
        return open(
                requestId, organisationId, priority, district, lines, List.of(), vulnerabilities, submittedAt, clock);
    }

    /**
     * Opens the reservation for the {@code lines} that fit the catalogue; {@code rejected} are the lines the catalogue
     * check refused (see {@link RejectedLine#split}). With no line left it is REJECTED at once and never queued.
     */
    public static StockReservation open(
            String requestId,
            String organisationId,
            String priority,
            String district,
            List<ReservationLine> lines,
            List<RejectedLine> rejected,
            List<String> vulnerabilities,
            Instant submittedAt,
            Clock clock) {
        List<ReservationLine> fit = lines == null ? List.of() : lines;
        List<RejectedLine> refused = rejected == null ? List.of() : rejected;
        if (fit.isEmpty() && refused.isEmpty()) {
            throw RuleViolation.invalid(Texts.of("reservation.no-lines", requestId));
        }
        StockReservation r = new StockReservation();
        Instant now = clock.instant();
        r.raise(new StockReservationEvent.Opened(
                UUID.randomUUID().toString(),
                requestId,
                organisationId,
                priority,
                district,
                List.copyOf(fit),
                now,
                vulnerabilities == null ? List.of() : List.copyOf(vulnerabilities),
                submittedAt == null ? now : submittedAt,
                List.copyOf(refused)));
        return r;
    }

    /**
     * Records one allocation round. Returns false (and raises nothing) when the round added nothing to a reservation
     * that was already allocated before: nothing changed, so nothing is published.
     */
    public boolean allocate(List<Allocation> picks, List<String> why, Duration ttl, Clock clock) {
        return allocate(picks, why, List.of(), ttl, clock);
    }

    /** As {@link #allocate(List, List, Duration, Clock)}, with the explanation in Chinese too. */
    public boolean allocate(List<Allocation> picks, List<String> why, List<String> whyZh, Duration ttl, Clock clock) {
        if (status.closed()) {
            throw RuleViolation.conflict(Texts.of("reservation.closed", requestId, status));
        }
        Map<Integer, BigDecimal> added = new HashMap<>();
        for (Allocation a : picks) {
            if (a.line() < 0
                    || a.line() >= lines.size()
                    || !lines.get(a.line()).item().equals(a.item())
                    || a.quantity() == null
                    || a.quantity().signum() <= 0) {
                throw RuleViolation.invalid(Texts.of("reservation.allocation-mismatch", a, requestId));
            }
            added.merge(a.line(), a.quantity(), BigDecimal::add);
        }
        for (var e : added.entrySet()) {
            if (e.getValue().compareTo(outstanding(e.getKey())) > 0) {
                throw RuleViolation.conflict(Texts.of(
                        "reservation.line-needs-less",
                        e.getKey(),
                        requestId,
                        outstanding(e.getKey()).toPlainString()));
            }
        }
        if (picks.isEmpty() && status != Status.OPEN) {
            return false;
        }
        Instant now = clock.instant();
        // the clock restarts whenever units are added: transport needs the time to pick the now larger load up; once
        // transport has picked up, the reservation no longer expires as a whole (its goods are on their way)
        Instant expiry = pickedUpAt != null ? null : picks.isEmpty() ? expiresAt : now.plus(ttl);
        raise(new StockReservationEvent.Allocated(
                List.copyOf(picks), List.copyOf(why), expiry, now, List.copyOf(whyZh)));
        return true;
    }

    /**
     * Dispatch reports that trip {@code tripId} picked up (part of) this reservation's load. From the first pickup the
     * reservation no longer expires: a reservation partly picked up is on its way and is settled by the receipt, not
     * by time. A pickup for a reservation already released or issued is recorded only (no stock change: what was
     * released is available to others again). Idempotent per trip.
     *
     * @return whether an event was raised (false for a trip already recorded)
     */
    public boolean transportPickedUp(String tripId, Instant at, Clock clock) {
        if (tripId == null || tripId.isBlank()) {
            throw RuleViolation.invalid(Texts.of("reservation.pickup-needs-trip", requestId));
        }
        if (pickedUpTrips.contains(tripId)) {
            return false;
        }
        raise(new StockReservationEvent.TransportPickedUp(tripId, at == null ? clock.instant() : at, status.closed()));
        return true;
    }

    /** Gives everything held back; returns what was held. */
    public List<Allocation> release(String reason, Clock clock) {
        if (status.closed()) {
            throw RuleViolation.conflict(Texts.of("reservation.already-closed", requestId, status));
        }
        List<Allocation> released = List.copyOf(held);
        raise(new StockReservationEvent.Released(reason, released, clock.instant()));
        return released;
    }

    /**
     * A receipt settles what it lists and nothing else: per item, up to {@code accepted} held units are issued and
     * then up to {@code rejected} of the rest taken into quarantine, earliest allocations first. Units of items the
     * receipt does not mention (or beyond its figures) stay held, so a later receipt can settle them. Rejected units
     * do not cover their line: the shortfall is reserved again for this request (the reservation is back in the
     * allocation queue) unless the partner accepts it ({@link #acceptShortfall}).
     *
     * @return the settlement, or null when the receipt matched nothing held (nothing is raised then)
     */
    public StockReservationEvent.ReceiptSettled settleReceipt(
            Map<String, BigDecimal> acceptedByItem, Map<String, BigDecimal> rejectedByItem, Clock clock) {
        if (status != Status.RESERVED && status != Status.PARTIALLY_RESERVED) {
            throw RuleViolation.conflict(Texts.of("reservation.nothing-to-issue", requestId, status));
        }
        Map<String, BigDecimal> accept = new HashMap<>(acceptedByItem);
        Map<String, BigDecimal> reject = new HashMap<>(rejectedByItem);
        List<Allocation> toIssue = new ArrayList<>();
        List<Allocation> toQuarantine = new ArrayList<>();
        for (Allocation a : held) {
            BigDecimal take = take(accept, a.item(), a.quantity());
            if (take.signum() > 0) {
                toIssue.add(a.withQuantity(take));
            }
            BigDecimal back = take(reject, a.item(), a.quantity().subtract(take));
            if (back.signum() > 0) {
                toQuarantine.add(a.withQuantity(back));
            }
        }
        if (toIssue.isEmpty() && toQuarantine.isEmpty()) {
            return null;
        }
        var e = new StockReservationEvent.ReceiptSettled(
                List.copyOf(toIssue), List.of(), clock.instant(), List.copyOf(toQuarantine));
        raise(e);
        return e;
    }

    /**
     * The partner accepts that the rest will not come: what is still held (replacements not picked up) goes back to
     * available stock and the reservation closes as ISSUED with what receipts issued. Returns what was held.
     */
    public List<Allocation> acceptShortfall(Clock clock) {
        if (status.closed()) {
            throw RuleViolation.conflict(Texts.of("reservation.already-closed", requestId, status));
        }
        List<Allocation> released = List.copyOf(held);
        raise(new StockReservationEvent.ShortfallAccepted(released, clock.instant()));
        return released;
    }

    /**
     * Ops corrected the request's priority and flags (issue 11): an open reservation takes the new ones, and with them
     * its place in the allocation queue. A closed reservation (no longer queued) and a correction that changes nothing
     * here (a repeat) are ignored.
     *
     * @return whether an event was raised
     */
    public boolean correctPriority(
            String newPriority, List<String> newVulnerabilities, String reason, Instant at, Clock clock) {
        List<String> flags = newVulnerabilities == null ? List.of() : List.copyOf(newVulnerabilities);
        if (status.closed()
                || (java.util.Objects.equals(newPriority, priority)
                        && new java.util.HashSet<>(flags).equals(new java.util.HashSet<>(vulnerabilities)))) {
            return false;
        }
        if (AllocationPolicy.priorityRank(newPriority) > 2) {
            throw RuleViolation.invalid(Texts.of("priority.unknown", newPriority));
        }
        raise(new StockReservationEvent.PriorityCorrected(
                priority, newPriority, vulnerabilities, flags, reason, at == null ? clock.instant() : at));
        return true;
    }

    /** Takes up to {@code max} from what is left for {@code item}. */
    private static BigDecimal take(Map<String, BigDecimal> left, String item, BigDecimal max) {
        BigDecimal want = left.getOrDefault(item, BigDecimal.ZERO).max(BigDecimal.ZERO);
        BigDecimal take = want.min(max);
        left.put(item, want.subtract(take));
        return take;
    }

    @Override
    protected void apply(StockReservationEvent event) {
        if (event instanceof StockReservationEvent.Opened o) {
            requestId = o.requestId();
            reservationId = o.reservationId();
            organisationId = o.organisationId();
            priority = o.priority();
            district = o.district();
            lines = o.lines();
            vulnerabilities = o.vulnerabilities() == null ? List.of() : o.vulnerabilities();
            submittedAt = o.submittedAt() == null ? o.openedAt() : o.submittedAt();
            rejectedLines = o.rejectedLines() == null ? List.of() : o.rejectedLines();
            status = lines.isEmpty() && !rejectedLines.isEmpty() ? Status.REJECTED : Status.OPEN;
        } else if (event instanceof StockReservationEvent.Allocated a) {
            a.allocations().forEach(this::hold);
            explanation = a.explanation();
            explanationZh = a.explanationZh() == null ? List.of() : a.explanationZh();
            expiresAt = a.expiresAt();
            status = computeStatus();
        } else if (event instanceof StockReservationEvent.Released r) {
            held.clear();
            expiresAt = null;
            status = Status.RELEASED;
        } else if (event instanceof StockReservationEvent.Issued i) {
            held.clear();
            expiresAt = null;
            status = Status.ISSUED;
        } else if (event instanceof StockReservationEvent.ReceiptSettled rs) {
            rs.issued().forEach(a -> {
                unhold(a);
                issued.merge(a.line(), a.quantity(), BigDecimal::add);
            });
            rs.released().forEach(a -> {
                unhold(a);
                rejected.merge(a.line(), a.quantity(), BigDecimal::add);
            });
            rs.quarantined().forEach(a -> {
                unhold(a);
                quarantined.merge(a.line(), a.quantity(), BigDecimal::add);
            });
            if (held.isEmpty()) {
                expiresAt = null; // nothing left to go back
            }
            status = computeStatus();
        } else if (event instanceof StockReservationEvent.ShortfallAccepted sa) {
            held.clear();
            expiresAt = null;
            status = Status.ISSUED;
        } else if (event instanceof StockReservationEvent.PriorityCorrected pc) {
            priority = pc.priority();
            vulnerabilities = pc.vulnerabilities() == null ? List.of() : pc.vulnerabilities();
        } else if (event instanceof StockReservationEvent.TransportPickedUp t) {
            pickedUpTrips.add(t.tripId());
            if (!t.afterClose()) {
                if (pickedUpAt == null) {
                    pickedUpAt = t.pickedUpAt();
                }
                expiresAt = null;
            }
        }
    }

    private void unhold(Allocation a) {
        for (int i = 0; i < held.size(); i++) {
            Allocation h = held.get(i);
            if (h.line() == a.line() && h.lotId().equals(a.lotId())) {
                BigDecimal rest = h.quantity().subtract(a.quantity());
                if (rest.signum() > 0) {
                    held.set(i, h.withQuantity(rest));
                } else {
                    held.remove(i);
                }
                return;
            }
        }
    }

    private void hold(Allocation a) {
        for (int i = 0; i < held.size(); i++) {
            Allocation h = held.get(i);
            if (h.line() == a.line() && h.lotId().equals(a.lotId())) {
                held.set(i, h.withQuantity(h.quantity().add(a.quantity())));
                return;
            }
        }
        held.add(a);
    }

    private Status computeStatus() {
        boolean all = true;
        boolean any = false;
        for (int i = 0; i < lines.size(); i++) {
            BigDecimal covered = coveredOn(i);
            any |= covered.signum() > 0;
            all &= covered.compareTo(lines.get(i).quantity()) >= 0;
        }
        return Status.of(all, any, !held.isEmpty());
    }

    /** Units held for the line now. */
    public BigDecimal reservedOn(int line) {
        return held.stream()
                .filter(a -> a.line() == line)
                .map(Allocation::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal issuedOn(int line) {
        return issued.getOrDefault(line, BigDecimal.ZERO);
    }

    public BigDecimal rejectedOn(int line) {
        return rejected.getOrDefault(line, BigDecimal.ZERO);
    }

    /** Units rejected at receipts and taken into quarantine (to be replaced). */
    public BigDecimal quarantinedOn(int line) {
        return quarantined.getOrDefault(line, BigDecimal.ZERO);
    }

    /**
     * What no allocation may add to again: held, issued, or rejected before quarantine existed. Quarantined units are
     * not covered: they are replaced.
     */
    public BigDecimal coveredOn(int line) {
        return reservedOn(line).add(issuedOn(line)).add(rejectedOn(line));
    }

    /**
     * Inventory's cumulative figure for the line (published as {@code ReservedLine.reserved}): everything ever reserved
     * for it and not returned by a cancel or expiry, including units issued, rejected and quarantined. It may exceed
     * what was asked by the replaced units, so that the units on trips (which carried the rejected ones) are always
     * subtracted from a figure that counts them too.
     */
    public BigDecimal reservedSoFar(int line) {
        return coveredOn(line).add(quarantinedOn(line));
    }

    public BigDecimal outstanding(int line) {
        return lines.get(line).quantity().subtract(coveredOn(line)).max(BigDecimal.ZERO);
    }

    /** Still in the allocation queue: open, or not all lines covered yet. */
    public boolean waiting() {
        return status == Status.OPEN || status == Status.WAITING || status == Status.PARTIALLY_RESERVED;
    }

    @Override
    public String id() {
        return requestId;
    }

    public String reservationId() {
        return reservationId;
    }

    public String organisationId() {
        return organisationId;
    }

    public String priority() {
        return priority;
    }

    public String district() {
        return district;
    }

    public List<String> vulnerabilities() {
        return vulnerabilities;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public Status status() {
        return status;
    }

    public List<ReservationLine> lines() {
        return lines;
    }

    /** the requested lines the catalogue check refused when the reservation opened (never reserved) */
    public List<RejectedLine> rejectedLines() {
        return rejectedLines;
    }

    public List<Allocation> held() {
        return List.copyOf(held);
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** when transport first picked up while the reservation was open (null: not yet; the reservation may expire) */
    public Instant pickedUpAt() {
        return pickedUpAt;
    }

    public Set<String> pickedUpTrips() {
        return Set.copyOf(pickedUpTrips);
    }

    /** The latest allocation's explanation in Chinese (empty for allocations stored before it had one). */
    public List<String> explanationZh() {
        return explanationZh;
    }

    public List<String> explanation() {
        return explanation;
    }
}
