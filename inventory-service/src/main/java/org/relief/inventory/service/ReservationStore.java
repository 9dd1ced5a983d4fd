package org.relief.inventory.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.relief.contracts.RequestedLine;
import org.relief.contracts.Topics;
import org.relief.contracts.inventory.ReservedLine;
import org.relief.contracts.inventory.StockAllocation;
import org.relief.contracts.inventory.StockReservationOpened;
import org.relief.contracts.inventory.StockReservationReleased;
import org.relief.inventory.domain.Allocation;
import org.relief.inventory.domain.ReservationLine;
import org.relief.inventory.domain.StockReservation;
import org.relief.inventory.domain.StockReservationEvent;
import org.relief.inventory.projection.ReservationProjector;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.outbox.Outbox;
import org.relief.kernel.outbox.OutgoingEvent;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** StockReservation streams ({@code stock-reservation-<requestId>}) and the integration events built from them. */
@ApplicationScoped
public class ReservationStore {
    public static final String STREAM_TYPE = "stock-reservation";

    @Inject
    EventStore eventStore;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;
    @Inject
    ReservationProjector projector;

    private final Clock clock = Clock.systemUTC();
    private EventSourcedRepository<StockReservation, StockReservationEvent> repository;

    @PostConstruct
    void init() {
        repository = new EventSourcedRepository<>(eventStore, STREAM_TYPE,
                new EventCodec<>(StockReservationEvent.class, json), StockReservation::new, projector::project);
    }

    public Optional<StockReservation> load(Connection c, String requestId) {
        return repository.load(c, requestId);
    }

    public void save(Connection c, StockReservation r, EventContext ctx) {
        repository.save(c, r, ctx);
    }

    /** The context for events about one request: its own flow and organisation, caused by what triggered them. */
    public static EventContext contextFor(StockReservation r, EventContext trigger) {
        return new EventContext(r.id(), trigger.causationId(), trigger.actor(), r.organisationId(), trigger.traceparent());
    }

    public void publishOpened(Connection c, StockReservation r, EventContext ctx) {
        outbox.enqueue(c, OutgoingEvent.of(Topics.INVENTORY, r.id(), StockReservationOpened.TYPE,
                StockReservationOpened.VERSION, r.reservationId(),
                new StockReservationOpened(r.id(), r.reservationId(),
                        r.lines().stream().map(l -> new RequestedLine(l.item(), l.quantity(), l.unit())).toList(),
                        clock.instant()), ctx));
    }

    /**
     * StockReserved, StockPartiallyReserved or StockUnavailable, with cumulative quantities per line: {@code reserved}
     * counts everything reserved for the line so far, including units a receipt already issued or rejected (so the
     * requesting side can still account for what is held); {@code allocations} are the lots held now.
     */
    public void publishAllocation(Connection c, StockReservation r, EventContext ctx) {
        String type = switch (r.status()) {
            case RESERVED -> StockAllocation.RESERVED;
            case PARTIALLY_RESERVED -> StockAllocation.PARTIALLY_RESERVED;
            default -> StockAllocation.UNAVAILABLE;
        };
        List<ReservedLine> lines = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            ReservedLine held = line(r.lines().get(i), i, r.held());
            lines.add(new ReservedLine(held.item(), held.unit(), held.requested(), r.coveredOn(i), held.allocations(), held.unitWeightKg(), held.unitVolumeM3()));
        }
        outbox.enqueue(c, OutgoingEvent.of(Topics.INVENTORY, r.id(), type, StockAllocation.VERSION, r.reservationId(),
                new StockAllocation(r.id(), r.reservationId(), lines, r.explanation(), r.expiresAt(), clock.instant()), ctx));
    }

    /** What went back to stock, per line that had something held. */
    public void publishReleased(Connection c, StockReservation r, String reason, List<Allocation> released, EventContext ctx) {
        List<ReservedLine> lines = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            ReservedLine l = line(r.lines().get(i), i, released);
            if (!l.allocations().isEmpty()) {
                lines.add(l);
            }
        }
        outbox.enqueue(c, OutgoingEvent.of(Topics.INVENTORY, r.id(), StockReservationReleased.TYPE,
                StockReservationReleased.VERSION, r.reservationId(),
                new StockReservationReleased(r.id(), r.reservationId(), reason, lines, clock.instant()), ctx));
    }

    private static ReservedLine line(ReservationLine l, int index, List<Allocation> allocations) {
        List<ReservedLine.Allocation> mine = allocations.stream().filter(a -> a.line() == index)
                .map(a -> new ReservedLine.Allocation(a.warehouseId(), a.warehouseName(), a.lotId(), a.donationId(),
                        a.donorOrganisationId(), a.quantity(), a.expiresOn(), null, null))
                .toList();
        BigDecimal sum = mine.stream().map(ReservedLine.Allocation::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new ReservedLine(l.item(), l.unit(), l.quantity(), sum, mine, null, null);
    }
}
