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
import org.relief.inventory.projection.ItemView;
import org.relief.inventory.projection.ReservationProjector;
import org.relief.inventory.projection.WarehouseView;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    @Inject
    Clock clock;
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
                        clock.instant(), r.rejectedLines().stream().map(l -> new org.relief.contracts.inventory.RejectedLine(
                                l.item(), l.quantity(), l.unit(), l.reason(), l.catalogueUnit())).toList()), ctx));
    }

    /**
     * StockReserved, StockPartiallyReserved or StockUnavailable, with cumulative quantities per line: {@code reserved}
     * counts everything reserved for the line so far, including units a receipt already issued or rejected (so the
     * requesting side can still account for what is held), and the replacements of rejected units on top (so it may
     * exceed what was asked: 1000 asked, 5 rejected and replaced → 1005); {@code allocations} are the lots held now. Each line
     * carries the catalogue's unit weight and volume and each allocation its warehouse's district and address, for
     * dispatch's freight planning; {@code facts} is what the caller already loaded (completed here if needed).
     */
    public void publishAllocation(Connection c, StockReservation r, EventContext ctx, ShippingFacts facts) {
        String type = switch (r.status()) {
            case RESERVED -> StockAllocation.RESERVED;
            case PARTIALLY_RESERVED -> StockAllocation.PARTIALLY_RESERVED;
            default -> StockAllocation.UNAVAILABLE;
        };
        facts.cover(r, r.held());
        List<ReservedLine> lines = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            ReservedLine held = line(r.lines().get(i), i, r.held(), facts);
            lines.add(new ReservedLine(held.item(), held.unit(), held.requested(), r.reservedSoFar(i), held.allocations(),
                    held.unitWeightKg(), held.unitVolumeM3()));
        }
        outbox.enqueue(c, OutgoingEvent.of(Topics.INVENTORY, r.id(), type, StockAllocation.VERSION, r.reservationId(),
                new StockAllocation(r.id(), r.reservationId(), lines, r.explanation(), r.expiresAt(), clock.instant()), ctx));
    }

    /** What went back to stock, per line that had something held. */
    public void publishReleased(Connection c, StockReservation r, String reason, List<Allocation> released, EventContext ctx) {
        ShippingFacts facts = new ShippingFacts(Map.of(), Map.of());
        facts.cover(r, released);
        List<ReservedLine> lines = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            ReservedLine l = line(r.lines().get(i), i, released, facts);
            if (!l.allocations().isEmpty()) {
                lines.add(l);
            }
        }
        outbox.enqueue(c, OutgoingEvent.of(Topics.INVENTORY, r.id(), StockReservationReleased.TYPE,
                StockReservationReleased.VERSION, r.reservationId(),
                new StockReservationReleased(r.id(), r.reservationId(), reason, lines, clock.instant()), ctx));
    }

    private static ReservedLine line(ReservationLine l, int index, List<Allocation> allocations, ShippingFacts facts) {
        List<ReservedLine.Allocation> mine = allocations.stream().filter(a -> a.line() == index)
                .map(a -> {
                    WarehouseView w = facts.warehouse(a.warehouseId());
                    return new ReservedLine.Allocation(a.warehouseId(), a.warehouseName(), a.lotId(), a.donationId(),
                            a.donorOrganisationId(), a.quantity(), a.expiresOn(), w == null ? null : w.district,
                            w == null ? null : w.address);
                })
                .toList();
        BigDecimal sum = mine.stream().map(ReservedLine.Allocation::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        ItemView item = facts.item(l.item());
        return new ReservedLine(l.item(), l.unit(), l.quantity(), sum, mine, item == null ? null : item.unitWeightKg,
                item == null ? null : item.unitVolumeM3);
    }

    /**
     * Catalogue items (unit weight and volume) and warehouses (district, address) for the lines inventory publishes:
     * an allocation round passes what it already loaded; anything missing is fetched with one query per kind, so a
     * publication costs at most two small look-ups, not one per allocation. An item not in the catalogue has no
     * figures (null in the event).
     */
    public static final class ShippingFacts {
        private final Map<String, ItemView> items;
        private final Map<String, WarehouseView> warehouses;
        private final Set<String> looked = new java.util.HashSet<>();

        public ShippingFacts(Map<String, ItemView> items, Map<String, WarehouseView> warehouses) {
            this.items = new HashMap<>(items);
            this.warehouses = new HashMap<>(warehouses);
        }

        /** Makes sure the items of {@code r} and the warehouses of {@code allocations} are known. */
        void cover(StockReservation r, Collection<Allocation> allocations) {
            Set<String> missingItems = new LinkedHashSet<>();
            r.lines().forEach(l -> {
                if (!items.containsKey(l.item()) && !looked.contains("item:" + l.item())) {
                    missingItems.add(l.item());
                }
            });
            Set<String> missingWarehouses = new LinkedHashSet<>();
            allocations.forEach(a -> {
                if (!warehouses.containsKey(a.warehouseId()) && !looked.contains("warehouse:" + a.warehouseId())) {
                    missingWarehouses.add(a.warehouseId());
                }
            });
            if (!missingItems.isEmpty()) {
                ItemView.<ItemView>list("code in ?1", List.copyOf(missingItems)).forEach(i -> items.put(i.code, i));
                missingItems.forEach(i -> looked.add("item:" + i));
            }
            if (!missingWarehouses.isEmpty()) {
                WarehouseView.<WarehouseView>list("id in ?1", List.copyOf(missingWarehouses)).forEach(w -> warehouses.put(w.id, w));
                missingWarehouses.forEach(w -> looked.add("warehouse:" + w));
            }
        }

        ItemView item(String code) {
            return items.get(code);
        }

        WarehouseView warehouse(String id) {
            return warehouses.get(id);
        }
    }

    /**
     * A pickup dispatch reported before inventory took the request on (cross-topic order): kept until the reservation
     * opens, never dropped.
     */
    public void rememberPickup(Connection c, String requestId, String tripId, java.time.Instant at) {
        try (var ps = c.prepareStatement("insert into transport_pickup_waiting (request_id, trip_id, picked_up_at) "
                + "values (?, ?, ?) on conflict do nothing")) {
            ps.setString(1, requestId);
            ps.setString(2, tripId);
            ps.setTimestamp(3, java.sql.Timestamp.from(at));
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new org.relief.kernel.eventstore.EventStoreException("remembering the pickup of trip " + tripId + " failed", e);
        }
    }

    /** The pickups waiting for this request's reservation, removed from the waiting table (tripId → when). */
    public Map<String, java.time.Instant> takeWaitingPickups(Connection c, String requestId) {
        Map<String, java.time.Instant> found = new java.util.LinkedHashMap<>();
        try (var ps = c.prepareStatement("delete from transport_pickup_waiting where request_id = ? "
                + "returning trip_id, picked_up_at")) {
            ps.setString(1, requestId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        } catch (java.sql.SQLException e) {
            throw new org.relief.kernel.eventstore.EventStoreException("reading waiting pickups of " + requestId + " failed", e);
        }
        return found;
    }
}
