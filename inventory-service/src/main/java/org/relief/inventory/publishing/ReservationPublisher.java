package org.relief.inventory.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.relief.contracts.RequestedLine;
import org.relief.contracts.Topics;
import org.relief.contracts.inventory.ReservedLine;
import org.relief.contracts.inventory.StockAllocation;
import org.relief.contracts.inventory.StockReservationOpened;
import org.relief.contracts.inventory.StockReservationReleased;
import org.relief.inventory.domain.Allocation;
import org.relief.inventory.domain.ReservationLine;
import org.relief.inventory.domain.StockReservation;
import org.relief.inventory.projection.ItemView;
import org.relief.inventory.projection.WarehouseView;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.outbox.Outbox;
import org.relief.kernel.outbox.OutgoingEvent;

/**
 * A reservation's integration events (StockReservationOpened, StockReserved / StockPartiallyReserved /
 * StockUnavailable, StockReservationReleased on {@code inventory.events.v1}, key = requestId), built from the
 * aggregate and enqueued in the caller's transaction.
 */
@ApplicationScoped
public class ReservationPublisher {
    private final Outbox outbox;
    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    public ReservationPublisher(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public void opened(Connection c, StockReservation r, EventContext ctx) {
        outbox.enqueue(
                c,
                OutgoingEvent.of(
                        Topics.INVENTORY,
                        r.id(),
                        StockReservationOpened.TYPE,
                        StockReservationOpened.VERSION,
                        r.reservationId(),
                        new StockReservationOpened(
                                r.id(),
                                r.reservationId(),
                                r.lines().stream()
                                        .map(l -> new RequestedLine(l.item(), l.quantity(), l.unit()))
                                        .toList(),
                                clock.instant(),
                                r.rejectedLines().stream()
                                        .map(l -> new org.relief.contracts.inventory.RejectedLine(
                                                l.item(), l.quantity(), l.unit(), l.reason(), l.catalogueUnit()))
                                        .toList()),
                        ctx));
    }

    /**
     * StockReserved, StockPartiallyReserved or StockUnavailable, with cumulative quantities per line: {@code reserved}
     * counts everything reserved for the line so far, including units a receipt already issued or rejected (so the
     * requesting side can still account for what is held), and the replacements of rejected units on top (so it may
     * exceed what was asked: 1000 asked, 5 rejected and replaced → 1005); {@code allocations} are the lots held now. Each line
     * carries the catalogue's unit weight and volume and each allocation its warehouse's district and address, for
     * dispatch's freight planning; {@code facts} is what the caller already loaded (completed here if needed).
     */
    public void allocation(Connection c, StockReservation r, EventContext ctx, ShippingFacts facts) {
        String type =
                switch (r.status()) {
                    case RESERVED -> StockAllocation.RESERVED;
                    case PARTIALLY_RESERVED -> StockAllocation.PARTIALLY_RESERVED;
                    default -> StockAllocation.UNAVAILABLE;
                };
        facts.cover(r, r.held());
        List<ReservedLine> lines = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            ReservedLine held = line(r.lines().get(i), i, r.held(), facts);
            lines.add(new ReservedLine(
                    held.item(),
                    held.unit(),
                    held.requested(),
                    r.reservedSoFar(i),
                    held.allocations(),
                    held.unitWeightKg(),
                    held.unitVolumeM3()));
        }
        outbox.enqueue(
                c,
                OutgoingEvent.of(
                        Topics.INVENTORY,
                        r.id(),
                        type,
                        StockAllocation.VERSION,
                        r.reservationId(),
                        new StockAllocation(
                                r.id(),
                                r.reservationId(),
                                lines,
                                r.explanation(),
                                r.expiresAt(),
                                clock.instant(),
                                r.explanationZh()),
                        ctx));
    }

    /** What went back to stock ({@link org.relief.inventory.domain.ReleaseReason}), per line that had something held. */
    public void released(Connection c, StockReservation r, String reason, List<Allocation> released, EventContext ctx) {
        ShippingFacts facts = new ShippingFacts(Map.of(), Map.of());
        facts.cover(r, released);
        List<ReservedLine> lines = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            ReservedLine l = line(r.lines().get(i), i, released, facts);
            if (!l.allocations().isEmpty()) {
                lines.add(l);
            }
        }
        outbox.enqueue(
                c,
                OutgoingEvent.of(
                        Topics.INVENTORY,
                        r.id(),
                        StockReservationReleased.TYPE,
                        StockReservationReleased.VERSION,
                        r.reservationId(),
                        new StockReservationReleased(r.id(), r.reservationId(), reason, lines, clock.instant()),
                        ctx));
    }

    private static ReservedLine line(ReservationLine l, int index, List<Allocation> allocations, ShippingFacts facts) {
        List<ReservedLine.Allocation> mine = allocations.stream()
                .filter(a -> a.line() == index)
                .map(a -> {
                    WarehouseView w = facts.warehouse(a.warehouseId());
                    return new ReservedLine.Allocation(
                            a.warehouseId(),
                            a.warehouseName(),
                            a.lotId(),
                            a.donationId(),
                            a.donorOrganisationId(),
                            a.quantity(),
                            a.expiresOn(),
                            w == null ? null : w.district,
                            w == null ? null : w.address);
                })
                .toList();
        BigDecimal sum = mine.stream().map(ReservedLine.Allocation::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        ItemView item = facts.item(l.item());
        return new ReservedLine(
                l.item(),
                l.unit(),
                l.quantity(),
                sum,
                mine,
                item == null ? null : item.unitWeightKg,
                item == null ? null : item.unitVolumeM3);
    }
}
