package org.relief.inventory.service;

import org.relief.kernel.runtime.TransactionRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.relief.contracts.dispatch.TripPickedUp;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestPriorityCorrected;
import org.relief.contracts.requests.HelpRequestReceiptConfirmed;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.inventory.domain.Allocation;
import org.relief.inventory.domain.AllocationPolicy;
import org.relief.inventory.domain.RejectedLine;
import org.relief.inventory.domain.ReservationLine;
import org.relief.inventory.domain.StockItem;
import org.relief.inventory.domain.StockReservation;
import org.relief.inventory.domain.StockReservationEvent;
import org.relief.inventory.projection.ReservationView;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.eventstore.EventStoreException;
import org.relief.kernel.web.ProblemException;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reservation side of the saga: takes supplies requests on and allocates for them, releases on cancel and on
 * expiry, issues on confirmed receipt. Every method runs in the caller's transaction and takes the advisory locks of
 * the items it touches before loading anything it decides on.
 */
@ApplicationScoped
public class ReservationService {
    public static final String ACTOR = "inventory-service";

    @Inject
    ReservationStore store;
    @Inject
    org.relief.kernel.runtime.JobTracing jobTracing;
    @Inject
    StockLedger ledger;
    @Inject
    Allocator allocator;
    @Inject
    TransactionRunner runner;
    @Inject
    DonorOrigins origins;

    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    @Inject
    Clock clock;

    /** A help request was submitted: a supplies request gets its reservation and a first allocation round. */
    public void takeOn(Connection c, HelpRequestSubmitted submitted, EventContext trigger) {
        if (submitted.kind() != null && !"SUPPLIES".equals(submitted.kind())) {
            return; // rides and care visits need no stock; the inbox records that the event was seen
        }
        if (store.load(c, submitted.requestId()).isPresent()) {
            return;
        }
        // the catalogue check: a line with an unknown item or another unit than the catalogue's is refused at once
        // (published with the reservation's opening) and never takes a place in the queue
        List<ReservationLine> requested = submitted.lines().stream()
                .map(l -> new ReservationLine(l.item(), l.quantity(), l.unit())).toList();
        Map<String, String> catalogueUnits = new HashMap<>();
        org.relief.inventory.projection.ItemView.<org.relief.inventory.projection.ItemView>list("code in ?1",
                requested.stream().map(ReservationLine::item).distinct().toList())
                .forEach(i -> catalogueUnits.put(i.code, i.unit));
        RejectedLine.Split split = RejectedLine.split(requested, catalogueUnits);
        Set<String> items = new LinkedHashSet<>();
        split.fit().forEach(l -> items.add(l.item()));
        ledger.lock(c, items);
        StockReservation r = StockReservation.open(submitted.requestId(), submitted.organisationId(),
                submitted.priority(), submitted.district(), split.fit(), split.rejected(),
                submitted.vulnerabilities(), submitted.submittedAt(), clock);
        EventContext ctx = ReservationStore.contextFor(r, trigger);
        store.save(c, r, ctx);
        store.publishOpened(c, r, ctx);
        if (r.status().closed()) {
            return; // every line refused: nothing to reserve, nothing queued
        }
        // a pickup reported before the request reached us (topics cross in any order) applies now, before allocating,
        // so the first allocation already carries no expiry
        var waiting = store.takeWaitingPickups(c, r.id());
        if (!waiting.isEmpty()) {
            waiting.forEach((trip, at) -> r.transportPickedUp(trip, at, clock));
            store.save(c, r, ctx);
        }
        allocator.allocate(c, items, r.id(), trigger);
    }

    /**
     * Dispatch picked up (part of) a request's load: its reservation no longer expires, because the goods are on
     * their way; the partner's receipt settles them (issues what was accepted, releases what was rejected). A second
     * report of the same trip changes nothing. A pickup for a reservation already released (expired or cancelled) or
     * issued is recorded on the reservation's stream only: no stock changes (what was released belongs to the queue
     * again). A ride carries no stock. A freight pickup for a request inventory has not taken on yet is kept and
     * applied when the reservation opens.
     */
    public void transportPickedUp(Connection c, TripPickedUp picked, EventContext trigger) {
        if (picked.kind() != null && !"FREIGHT".equals(picked.kind())) {
            return; // a ride: no stock involved
        }
        if (picked.requestId() == null || picked.tripId() == null) {
            throw org.relief.kernel.domain.RuleViolation.invalid("TripPickedUp without requestId or tripId",
                    "TripPickedUp 缺少 requestId 或 tripId");
        }
        Instant at = picked.pickedUpAt() == null ? clock.instant() : picked.pickedUpAt();
        Optional<StockReservation> before = store.load(c, picked.requestId());
        if (before.isEmpty()) {
            store.rememberPickup(c, picked.requestId(), picked.tripId(), at);
            return;
        }
        // the item locks order this after a running expiry or allocation of the same stock (same lock order as they use)
        ledger.lock(c, itemsOf(before.get()));
        StockReservation r = store.load(c, picked.requestId()).orElseThrow();
        if (r.transportPickedUp(picked.tripId(), at, clock)) {
            store.save(c, r, ReservationStore.contextFor(r, trigger));
        }
    }

    /**
     * Ops corrected the request's priority (issue 11): an open reservation takes the new priority and flags, so its
     * place in the waiting queue changes from the next allocation round (no stock moves now). Taken under the
     * reservation's item locks, like an allocation round, so a round never sees half of it. A request without an
     * open reservation is ignored; nothing is published.
     */
    public void priorityCorrected(Connection c, HelpRequestPriorityCorrected corrected, EventContext trigger) {
        Optional<StockReservation> before = store.load(c, corrected.requestId());
        if (before.isEmpty() || before.get().status().closed()) {
            return;
        }
        ledger.lock(c, itemsOf(before.get()));
        StockReservation r = store.load(c, corrected.requestId()).orElseThrow();
        if (r.correctPriority(corrected.priority(), corrected.vulnerabilities(), corrected.reason(),
                corrected.correctedAt(), clock)) {
            store.save(c, r, ReservationStore.contextFor(r, trigger));
        }
    }

    /** The request was cancelled: everything held goes back, the request leaves the queue, freed units go to the next. */
    public void cancel(Connection c, HelpRequestCancelled cancelled, EventContext trigger) {
        Optional<StockReservation> before = store.load(c, cancelled.requestId());
        if (before.isEmpty() || before.get().status().closed()) {
            return; // not a supplies request, or already closed: nothing held
        }
        Set<String> items = itemsOf(before.get());
        ledger.lock(c, items);
        StockReservation r = store.load(c, cancelled.requestId()).orElseThrow();
        if (r.status().closed()) {
            return;
        }
        release(c, r, "CANCELLED", trigger);
        allocator.allocate(c, items, null, trigger);
    }

    /**
     * Releases one reservation whose time-to-live has passed. The item locks are taken first, then the reservation's
     * row is picked {@code FOR UPDATE SKIP LOCKED}: the same lock order as allocation (which locks items, then writes
     * the row), so an expiry and an allocation never deadlock, and another instance's job skips the row.
     *
     * @return whether it was released here
     */
    public boolean expire(Connection c, String requestId, Instant now) {
        Optional<StockReservation> before = store.load(c, requestId);
        if (before.isEmpty() || before.get().status().closed()) {
            return false;
        }
        Set<String> items = itemsOf(before.get());
        ledger.lock(c, items);
        try (PreparedStatement ps = c.prepareStatement("select request_id from reservation_view where request_id = ? "
                + "and expires_at <= ? and picked_up_at is null and status in ('RESERVED', 'PARTIALLY_RESERVED') "
                + "for update skip locked")) {
            ps.setString(1, requestId);
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false; // topped up since (new expiry), picked up, closed, or being expired by another instance
                }
            }
        } catch (SQLException e) {
            throw new EventStoreException("picking expired reservation " + requestId + " failed", e);
        }
        StockReservation r = store.load(c, requestId).orElseThrow();
        if (r.pickedUpAt() != null) {
            return false; // the goods are on their way: settled by the receipt, not by time
        }
        EventContext trigger = new EventContext(requestId, null, ACTOR, r.organisationId(),
                jobTracing.traceparent(c, "reservation-expiry", ReservationStore.STREAM_TYPE + "-" + requestId));
        release(c, r, "EXPIRED", trigger);
        allocator.allocate(c, items, null, trigger);
        return true;
    }

    /** Reservations whose time-to-live has passed, oldest deadline first (read only; {@link #expire} re-checks). */
    public List<String> dueForExpiry(Connection c, Instant now, int limit) {
        try (PreparedStatement ps = c.prepareStatement("select request_id from reservation_view where expires_at <= ? "
                + "and picked_up_at is null and status in ('RESERVED', 'PARTIALLY_RESERVED') order by expires_at limit ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new EventStoreException("finding expired reservations failed", e);
        }
    }

    /** Runs every expiry due now, each in its own transaction; returns how many were released. */
    public int expireDue(int limit) {
        Instant now = clock.instant();
        List<String> due = runner.inTransaction(c -> dueForExpiry(c, now, limit));
        int released = 0;
        for (String requestId : due) {
            if (runner.inTransaction(c -> expire(c, requestId, now))) {
                released++;
            }
        }
        return released;
    }

    /**
     * Delivery confirmed: a receipt settles what it lists. Accepted units are issued (they leave on hand and
     * reserved); rejected ones leave the reservation for quarantine (on hand, never available until ops writes them
     * off or releases them; published as a release with reason REJECTED, those only), and the shortfall is allocated
     * again for the same request by the same queue rules in the same transaction (or waits like any line).
     * Everything the receipt does not mention stays reserved for a later receipt. The reservation becomes ISSUED once
     * nothing is held and every line is covered.
     */
    public void receiptConfirmed(Connection c, HelpRequestReceiptConfirmed confirmed, EventContext trigger) {
        Optional<StockReservation> before = store.load(c, confirmed.requestId());
        if (before.isEmpty() || !settleable(before.get())) {
            return; // not a supplies request, nothing held yet, or closed: nothing to settle
        }
        Set<String> items = itemsOf(before.get());
        ledger.lock(c, items);
        StockReservation r = store.load(c, confirmed.requestId()).orElseThrow();
        if (!settleable(r)) {
            return;
        }
        Map<String, BigDecimal> accepted = new HashMap<>();
        Map<String, BigDecimal> rejected = new HashMap<>();
        for (var l : confirmed.lines()) {
            if (l.accepted() != null) {
                accepted.merge(l.item(), l.accepted(), BigDecimal::add);
            }
            if (l.rejected() != null) {
                rejected.merge(l.item(), l.rejected(), BigDecimal::add);
            }
        }
        StockReservationEvent.ReceiptSettled settled = r.settleReceipt(accepted, rejected, clock);
        if (settled == null) {
            return; // the receipt names nothing this reservation holds
        }
        Map<String, StockItem> ledgers = new TreeMap<>();
        for (Allocation a : settled.issued()) {
            ledgers.computeIfAbsent(a.item(), i -> ledger.load(c, i)).issue(r.id(), a.lotId(), a.quantity(), clock);
        }
        for (Allocation a : settled.quarantined()) {
            ledgers.computeIfAbsent(a.item(), i -> ledger.load(c, i))
                    .quarantine(r.id(), a.lotId(), a.quantity(), "REJECTED", clock);
        }
        EventContext ctx = ReservationStore.contextFor(r, trigger);
        store.save(c, r, ctx);
        for (StockItem s : ledgers.values()) {
            ledger.save(c, s, ctx);
        }
        if (!settled.quarantined().isEmpty()) {
            store.publishReleased(c, r, "REJECTED", settled.quarantined(), ctx);
            // the shortfall is back in the queue: reserve it again now if stock allows (this request or any other
            // waiting for these items, in queue order)
            allocator.allocate(c, items, null, trigger);
        }
    }

    /**
     * The partner accepted the shortfall: what is still held for the request (replacements not yet picked up) goes
     * back to available stock (reason SHORTFALL_ACCEPTED, published even when nothing was held, so dispatch cancels
     * trips not yet picked up), the reservation closes as ISSUED and leaves the queue; the freed units go to the next
     * in the queue. Quarantined units stay in quarantine. A request without an open reservation is ignored.
     */
    public void shortfallAccepted(Connection c, String requestId, EventContext trigger) {
        Optional<StockReservation> before = store.load(c, requestId);
        if (before.isEmpty() || before.get().status().closed()) {
            return;
        }
        Set<String> items = itemsOf(before.get());
        ledger.lock(c, items);
        StockReservation r = store.load(c, requestId).orElseThrow();
        if (r.status().closed()) {
            return;
        }
        List<Allocation> released = r.acceptShortfall(clock);
        Map<String, StockItem> ledgers = new TreeMap<>();
        for (Allocation a : released) {
            ledgers.computeIfAbsent(a.item(), i -> ledger.load(c, i))
                    .release(r.id(), a.lotId(), a.quantity(), "SHORTFALL_ACCEPTED", clock);
        }
        EventContext ctx = ReservationStore.contextFor(r, trigger);
        store.save(c, r, ctx);
        for (StockItem s : ledgers.values()) {
            ledger.save(c, s, ctx);
        }
        store.publishReleased(c, r, "SHORTFALL_ACCEPTED", released, ctx);
        if (!released.isEmpty()) {
            allocator.allocate(c, items, null, trigger);
        }
    }

    private static boolean settleable(StockReservation r) {
        return r.status() == StockReservation.Status.RESERVED || r.status() == StockReservation.Status.PARTIALLY_RESERVED;
    }

    private void release(Connection c, StockReservation r, String reason, EventContext trigger) {
        List<Allocation> released = r.release(reason, clock);
        Map<String, StockItem> ledgers = new TreeMap<>();
        for (Allocation a : released) {
            ledgers.computeIfAbsent(a.item(), i -> ledger.load(c, i)).release(r.id(), a.lotId(), a.quantity(), reason, clock);
        }
        EventContext ctx = ReservationStore.contextFor(r, trigger);
        store.save(c, r, ctx);
        for (StockItem s : ledgers.values()) {
            ledger.save(c, s, ctx);
        }
        store.publishReleased(c, r, reason, released, ctx);
    }

    private static Set<String> itemsOf(StockReservation r) {
        Set<String> items = new LinkedHashSet<>();
        r.lines().forEach(l -> items.add(l.item()));
        return items;
    }

    /** One reservation for a REST caller, the held lots' donor origin filtered ({@link DonorOrigins}). */
    public ReservationAnswer get(String requestId) {
        ReservationView v = ReservationView.findById(requestId);
        if (v == null) {
            throw ProblemException.notFound("reservation for request", requestId);
        }
        return origins.reservation(v);
    }

    /** Reservations of one status; WAITING means the whole queue (nothing or only part reserved), in allocation order. */
    public List<ReservationAnswer> list(String status) {
        List<ReservationView> found = "WAITING".equals(status)
                ? ReservationView.list("status in ?1", Allocator.QUEUE_STATUSES)
                : ReservationView.list("status", status);
        Comparator<ReservationView> order = Comparator.comparing(v -> new AllocationPolicy.Demand(v.requestId, v.priority,
                v.vulnerabilities, v.submittedAt, v.district, List.of()), AllocationPolicy.QUEUE_ORDER);
        return origins.reservations(found.stream().sorted(order).toList());
    }
}
