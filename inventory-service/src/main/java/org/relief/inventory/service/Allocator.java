package org.relief.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relief.inventory.domain.Allocation;
import org.relief.inventory.domain.AllocationPolicy;
import org.relief.inventory.domain.LotPosition;
import org.relief.inventory.domain.StockItem;
import org.relief.inventory.domain.StockReservation;
import org.relief.inventory.projection.ItemView;
import org.relief.inventory.projection.ReservationLineView;
import org.relief.inventory.projection.ReservationView;
import org.relief.inventory.projection.WarehouseView;
import org.relief.inventory.publishing.ReservationPublisher;
import org.relief.inventory.publishing.ShippingFacts;
import org.relief.kernel.envelope.EventContext;

/**
 * One allocation round: the waiting queue against the available stock of some items, decided by
 * {@link AllocationPolicy}, applied to the StockItem ledgers and the reservations, and published, in the caller's
 * transaction. The caller must hold the advisory locks of {@code items}.
 */
@ApplicationScoped
public class Allocator {
    static final List<String> QUEUE_STATUSES = List.of(
            StockReservation.Status.OPEN.name(),
            StockReservation.Status.WAITING.name(),
            StockReservation.Status.PARTIALLY_RESERVED.name());

    private final StockLedger ledger;
    private final ReservationStore reservations;
    private final ReservationPublisher publisher;
    private final Duration ttl;
    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    public Allocator(
            StockLedger ledger,
            ReservationStore reservations,
            ReservationPublisher publisher,
            @ConfigProperty(name = "relief.reservation.ttl", defaultValue = "PT48H") Duration ttl,
            Clock clock) {
        this.ledger = ledger;
        this.reservations = reservations;
        this.publisher = publisher;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * @param items         the items this round may touch (locked by the caller)
     * @param mustRecord    a request just taken on: its first round is recorded and published even if it gets nothing
     * @param trigger       what caused the round (its causation and actor go on every event)
     */
    public void allocate(Connection c, Set<String> items, String mustRecord, EventContext trigger) {
        LocalDate today = LocalDate.now(clock);
        List<ReservationView> waiting = ReservationView.list("status in ?1", QUEUE_STATUSES);
        List<AllocationPolicy.Demand> demands =
                waiting.stream().map(v -> demand(v, items)).toList();

        Map<String, ItemView> catalogue = ItemView.<ItemView>list("code in ?1", List.copyOf(items)).stream()
                .collect(Collectors.toMap(i -> i.code, Function.identity()));
        Map<String, String> units = catalogue.values().stream().collect(Collectors.toMap(i -> i.code, i -> i.unit));
        Map<String, WarehouseView> warehouses = WarehouseView.<WarehouseView>listAll().stream()
                .collect(Collectors.toMap(w -> w.id, Function.identity()));
        Map<String, StockItem> ledgers = new TreeMap<>();
        List<AllocationPolicy.StockLot> stock = new ArrayList<>();
        for (String item : items) {
            StockItem s = ledger.load(c, item);
            ledgers.put(item, s);
            for (LotPosition p : s.positions()) {
                if (p.available().signum() > 0) {
                    WarehouseView w = warehouses.get(p.warehouseId());
                    stock.add(new AllocationPolicy.StockLot(
                            item,
                            p.warehouseId(),
                            w == null ? p.warehouseId() : w.name,
                            w == null ? null : w.district,
                            p.lotId(),
                            p.lotCode(),
                            p.donationId(),
                            p.donorOrganisationId(),
                            p.expiresOn(),
                            p.available()));
                }
            }
        }

        // what the published lines carry (weights, warehouse districts), from what this round loaded anyway
        ShippingFacts facts = new ShippingFacts(catalogue, warehouses);
        Map<String, StockItem> touched = new HashMap<>();
        for (AllocationPolicy.Decision d : AllocationPolicy.allocate(demands, units, stock, today)) {
            String requestId = d.demand().requestId();
            if (d.picks().isEmpty() && !requestId.equals(mustRecord)) {
                continue;
            }
            StockReservation r = reservations.load(c, requestId).orElseThrow();
            for (Allocation a : d.picks()) {
                StockItem s = ledgers.get(a.item());
                s.reserve(requestId, a.lotId(), a.quantity(), today, clock);
                touched.put(a.item(), s);
            }
            if (r.allocate(d.picks(), d.explanation(), d.explanationZh(), ttl, clock)) {
                EventContext ctx = ReservationStore.contextFor(r, trigger);
                reservations.save(c, r, ctx);
                publisher.allocation(c, r, ctx, facts);
            }
        }
        for (StockItem s : touched.values()) {
            ledger.save(c, s, trigger);
        }
    }

    private static AllocationPolicy.Demand demand(ReservationView v, Set<String> items) {
        List<AllocationPolicy.DemandLine> lines = new ArrayList<>();
        for (int i = 0; i < v.lines.size(); i++) {
            ReservationLineView l = v.lines.get(i);
            if (items.contains(l.item())) {
                lines.add(new AllocationPolicy.DemandLine(
                        i,
                        l.item(),
                        l.unit(),
                        l.requested().subtract(l.covered()).max(java.math.BigDecimal.ZERO)));
            }
        }
        return new AllocationPolicy.Demand(
                v.requestId, v.priority, v.vulnerabilities, v.submittedAt, v.district, lines);
    }
}
