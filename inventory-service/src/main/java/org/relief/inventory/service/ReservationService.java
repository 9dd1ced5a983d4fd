package org.relief.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.relief.inventory.domain.Allocation;
import org.relief.inventory.domain.RejectedLine;
import org.relief.inventory.domain.ReleaseReason;
import org.relief.inventory.domain.ReservationLine;
import org.relief.inventory.domain.StockItem;
import org.relief.inventory.domain.StockReservation;
import org.relief.inventory.domain.StockReservationEvent;
import org.relief.inventory.domain.SuppliesRequest;
import org.relief.inventory.domain.Texts;
import org.relief.inventory.projection.ItemView;
import org.relief.inventory.publishing.ReservationPublisher;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.envelope.EventContext;

/**
 * The reservation side of the saga, one step per event of requests and dispatch: takes supplies requests on and
 * allocates for them, releases on cancel, issues on confirmed receipt. (Expiry is {@link ReservationExpiry}, reads are
 * {@link ReservationQueries}.) Every method runs in the caller's transaction and takes the advisory locks of the items
 * it touches before loading anything it decides on ({@link ReservationStore#loadLocked}).
 */
@ApplicationScoped
public class ReservationService {
    public static final String ACTOR = "inventory-service";

    private final ReservationStore store;
    private final ReservationPublisher publisher;
    private final ReservationRelease releases;
    private final StockLedger ledger;
    private final Allocator allocator;
    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    public ReservationService(
            ReservationStore store,
            ReservationPublisher publisher,
            ReservationRelease releases,
            StockLedger ledger,
            Allocator allocator,
            Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.releases = releases;
        this.ledger = ledger;
        this.allocator = allocator;
        this.clock = clock;
    }

    /**
     * A supplies request was submitted: it gets its reservation and a first allocation round (the consumer passes
     * supplies requests only).
     */
    public void takeOn(Connection c, SuppliesRequest submitted, EventContext trigger) {
        if (store.load(c, submitted.requestId()).isPresent()) {
            return;
        }
        // the catalogue check: a line with an unknown item or another unit than the catalogue's is refused at once
        // (published with the reservation's opening) and never takes a place in the queue
        List<ReservationLine> requested = submitted.lines();
        Map<String, String> catalogueUnits = new HashMap<>();
        ItemView.<ItemView>list(
                        "code in ?1",
                        requested.stream().map(ReservationLine::item).distinct().toList())
                .forEach(i -> catalogueUnits.put(i.code, i.unit));
        RejectedLine.Split split = RejectedLine.split(requested, catalogueUnits);
        Set<String> items = new LinkedHashSet<>();
        split.fit().forEach(l -> items.add(l.item()));
        ledger.lock(c, items);
        StockReservation r = StockReservation.open(
                submitted.requestId(),
                submitted.organisationId(),
                submitted.priority(),
                submitted.district(),
                split.fit(),
                split.rejected(),
                submitted.vulnerabilities(),
                submitted.submittedAt(),
                clock);
        EventContext ctx = ReservationStore.contextFor(r, trigger);
        store.save(c, r, ctx);
        publisher.opened(c, r, ctx);
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
     * applied when the reservation opens. (The consumer passes freight trips only.)
     */
    public void transportPickedUp(
            Connection c, String requestId, String tripId, Instant pickedUpAt, EventContext trigger) {
        if (requestId == null || tripId == null) {
            throw RuleViolation.invalid(Texts.of("reservation.pickup-without-ids"));
        }
        Instant at = pickedUpAt == null ? clock.instant() : pickedUpAt;
        // the item locks order this after a running expiry or allocation of the same stock (same lock order as they
        // use)
        Optional<ReservationStore.Locked> locked = store.loadLocked(c, requestId, any -> true);
        if (locked.isEmpty()) {
            store.rememberPickup(c, requestId, tripId, at);
            return;
        }
        StockReservation r = locked.get().reservation();
        if (r.transportPickedUp(tripId, at, clock)) {
            store.save(c, r, ReservationStore.contextFor(r, trigger));
        }
    }

    /**
     * Ops corrected the request's priority (issue 11): an open reservation takes the new priority and flags, so its
     * place in the waiting queue changes from the next allocation round (no stock moves now). Taken under the
     * reservation's item locks, like an allocation round, so a round never sees half of it. A request without an
     * open reservation is ignored; nothing is published.
     */
    public void priorityCorrected(
            Connection c,
            String requestId,
            String priority,
            List<String> vulnerabilities,
            String reason,
            Instant correctedAt,
            EventContext trigger) {
        Optional<ReservationStore.Locked> locked = store.loadLocked(c, requestId, ReservationService::open);
        if (locked.isEmpty()) {
            return;
        }
        StockReservation r = locked.get().reservation();
        if (r.correctPriority(priority, vulnerabilities, reason, correctedAt, clock)) {
            store.save(c, r, ReservationStore.contextFor(r, trigger));
        }
    }

    /** The request was cancelled: everything held goes back, the request leaves the queue, freed units go to the next. */
    public void cancel(Connection c, String requestId, EventContext trigger) {
        Optional<ReservationStore.Locked> locked = store.loadLocked(c, requestId, ReservationService::open);
        if (locked.isEmpty()) {
            return; // not a supplies request, or already closed: nothing held
        }
        releases.release(c, locked.get().reservation(), ReleaseReason.CANCELLED, trigger);
        allocator.allocate(c, locked.get().items(), null, trigger);
    }

    /**
     * Delivery confirmed: a receipt settles what it lists. Accepted units are issued (they leave on hand and
     * reserved); rejected ones leave the reservation for quarantine (on hand, never available until ops writes them
     * off or releases them; published as a release with reason REJECTED, those only), and the shortfall is allocated
     * again for the same request by the same queue rules in the same transaction (or waits like any line).
     * Everything the receipt does not mention stays reserved for a later receipt. The reservation becomes ISSUED once
     * nothing is held and every line is covered.
     *
     * @param accepted units accepted per item (the receipt's lines summed)
     * @param rejected units rejected per item
     */
    public void receiptConfirmed(
            Connection c,
            String requestId,
            Map<String, BigDecimal> accepted,
            Map<String, BigDecimal> rejected,
            EventContext trigger) {
        Optional<ReservationStore.Locked> locked = store.loadLocked(c, requestId, ReservationService::settleable);
        if (locked.isEmpty()) {
            return; // not a supplies request, nothing held yet, or closed: nothing to settle
        }
        StockReservation r = locked.get().reservation();
        Set<String> items = locked.get().items();
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
                    .quarantine(r.id(), a.lotId(), a.quantity(), ReleaseReason.REJECTED, clock);
        }
        EventContext ctx = ReservationStore.contextFor(r, trigger);
        store.save(c, r, ctx);
        for (StockItem s : ledgers.values()) {
            ledger.save(c, s, ctx);
        }
        if (!settled.quarantined().isEmpty()) {
            publisher.released(c, r, ReleaseReason.REJECTED, settled.quarantined(), ctx);
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
        Optional<ReservationStore.Locked> locked = store.loadLocked(c, requestId, ReservationService::open);
        if (locked.isEmpty()) {
            return;
        }
        StockReservation r = locked.get().reservation();
        List<Allocation> released = r.acceptShortfall(clock);
        Map<String, StockItem> ledgers = new TreeMap<>();
        for (Allocation a : released) {
            ledgers.computeIfAbsent(a.item(), i -> ledger.load(c, i))
                    .release(r.id(), a.lotId(), a.quantity(), ReleaseReason.SHORTFALL_ACCEPTED, clock);
        }
        EventContext ctx = ReservationStore.contextFor(r, trigger);
        store.save(c, r, ctx);
        for (StockItem s : ledgers.values()) {
            ledger.save(c, s, ctx);
        }
        publisher.released(c, r, ReleaseReason.SHORTFALL_ACCEPTED, released, ctx);
        if (!released.isEmpty()) {
            allocator.allocate(c, locked.get().items(), null, trigger);
        }
    }

    private static boolean open(StockReservation r) {
        return !r.status().closed();
    }

    private static boolean settleable(StockReservation r) {
        return r.status() == StockReservation.Status.RESERVED
                || r.status() == StockReservation.Status.PARTIALLY_RESERVED;
    }
}
