package org.relief.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.relief.inventory.domain.Allocation;
import org.relief.inventory.domain.StockItem;
import org.relief.inventory.domain.StockReservation;
import org.relief.inventory.publishing.ReservationPublisher;
import org.relief.kernel.envelope.EventContext;

/**
 * Closes a reservation by giving back everything it holds (cancel and expiry share it): the reservation, the item
 * ledgers and the published release in the caller's transaction, which holds the items' locks.
 */
@ApplicationScoped
public class ReservationRelease {
    private final ReservationStore store;
    private final StockLedger ledger;
    private final ReservationPublisher publisher;
    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    public ReservationRelease(ReservationStore store, StockLedger ledger, ReservationPublisher publisher, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** @param reason a {@link org.relief.inventory.domain.ReleaseReason} */
    void release(Connection c, StockReservation r, String reason, EventContext trigger) {
        List<Allocation> released = r.release(reason, clock);
        Map<String, StockItem> ledgers = new TreeMap<>();
        for (Allocation a : released) {
            ledgers.computeIfAbsent(a.item(), i -> ledger.load(c, i))
                    .release(r.id(), a.lotId(), a.quantity(), reason, clock);
        }
        EventContext ctx = ReservationStore.contextFor(r, trigger);
        store.save(c, r, ctx);
        for (StockItem s : ledgers.values()) {
            ledger.save(c, s, ctx);
        }
        publisher.released(c, r, reason, released, ctx);
    }
}
