package org.relief.inventory.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.relief.inventory.domain.CountedUnits;
import org.relief.inventory.domain.DonatedLot;
import org.relief.inventory.domain.Donation;
import org.relief.inventory.domain.DonationEvent;
import org.relief.inventory.domain.StockItem;
import org.relief.inventory.domain.Texts;
import org.relief.inventory.projection.CatalogueProjector;
import org.relief.inventory.projection.DonationView;
import org.relief.inventory.projection.ItemView;
import org.relief.inventory.projection.WarehouseView;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.runtime.TransactionRunner;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.kernel.web.ProblemException;

/**
 * Receives donations: the donation's lots enter the stock ledger and, in the same transaction, are offered to the
 * waiting queue first (so a donation never sits on the shelf while someone waits for it).
 */
@ApplicationScoped
public class DonationService {
    private final EventStore eventStore;
    private final ObjectMapper json;
    private final CatalogueProjector projector;
    private final StockLedger ledger;
    private final Allocator allocator;
    private final TransactionRunner runner;

    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    private EventSourcedRepository<Donation, DonationEvent> donations;

    @Inject
    public DonationService(
            EventStore eventStore,
            ObjectMapper json,
            CatalogueProjector projector,
            StockLedger ledger,
            Allocator allocator,
            TransactionRunner runner,
            Clock clock) {
        this.eventStore = eventStore;
        this.json = json;
        this.projector = projector;
        this.ledger = ledger;
        this.allocator = allocator;
        this.runner = runner;
        this.clock = clock;
    }

    public record Line(String item, BigDecimal quantity, String lotCode, LocalDate expiresOn) {}

    @PostConstruct
    void init() {
        donations = new EventSourcedRepository<>(
                eventStore,
                "donation",
                new EventCodec<>(DonationEvent.class, json),
                Donation::new,
                projector::donation);
    }

    /**
     * With an Idempotency-Key (null without), a repeat of the same body returns the donation the first POST created
     * and adds no stock; the key is claimed before anything is written, so concurrent copies wait for the first.
     */
    public IdempotencyKeys.Outcome<DonationView> receive(
            String donorOrganisationId,
            String warehouseId,
            BigDecimal valueYuan,
            String note,
            List<Line> lines,
            IdempotencyKeys.Key idempotencyKey,
            EventContext ctx) {
        Set<String> items = new LinkedHashSet<>();
        lines.forEach(l -> items.add(l.item()));
        return runner.inTransaction(c -> {
            Optional<String> earlier = IdempotencyKeys.earlier(c, idempotencyKey);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(get(earlier.get()));
            }
            validate(warehouseId, lines);
            List<DonatedLot> lots = lines.stream()
                    .map(l -> new DonatedLot(
                            UUID.randomUUID().toString(), l.item(), l.quantity(), l.lotCode(), l.expiresOn()))
                    .toList();
            Donation d = Donation.receive(donorOrganisationId, warehouseId, valueYuan, note, lots, clock);
            earlier = IdempotencyKeys.claim(c, idempotencyKey, d.id());
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(get(earlier.get()));
            }
            ledger.lock(c, items);
            EventContext dctx = ctx.withCorrelation(d.id());
            donations.save(c, d, dctx);
            Map<String, StockItem> ledgers = new TreeMap<>();
            for (DonatedLot lot : lots) {
                ledgers.computeIfAbsent(lot.item(), i -> ledger.load(c, i))
                        .receive(
                                warehouseId,
                                lot.lotId(),
                                lot.lotCode(),
                                d.id(),
                                donorOrganisationId,
                                lot.quantity(),
                                lot.expiresOn(),
                                clock);
            }
            for (StockItem s : ledgers.values()) {
                ledger.save(c, s, dctx);
            }
            allocator.allocate(c, items, null, dctx);
            return IdempotencyKeys.Outcome.created(DonationView.<DonationView>findById(d.id()));
        });
    }

    /** References the body makes that only the database can check: each answered as a field error. */
    private static void validate(String warehouseId, List<Line> lines) {
        List<FieldProblem.Field> errors = new ArrayList<>();
        if (WarehouseView.findById(warehouseId) == null) {
            errors.add(new FieldProblem.Field("warehouseId", Texts.of("field.unknown-warehouse", warehouseId)));
        }
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            ItemView item = ItemView.findById(l.item());
            if (item == null) {
                errors.add(new FieldProblem.Field(
                        "lines[" + i + "].item", Texts.of("field.unknown-item-register-first", l.item())));
            } else {
                if (!CountedUnits.fits(item.unit, l.quantity())) {
                    errors.add(new FieldProblem.Field(
                            "lines[" + i + "].quantity", CountedUnits.text(l.item(), item.unit, l.quantity())));
                }
                if (item.perishable && l.expiresOn() == null) {
                    errors.add(new FieldProblem.Field(
                            "lines[" + i + "].expiresOn", Texts.of("field.perishable-needs-expiry", l.item())));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new FieldProblem(errors);
        }
    }

    /** List filters; a null field does not filter. {@code receivedTo} is exclusive. */
    public record Filter(String donorOrganisationId, String warehouseId, Instant receivedFrom, Instant receivedTo) {}

    public record DonationPage(List<DonationView> items, int page, int size, long total)
            implements org.relief.kernel.web.PagedList<DonationView> {}

    /** Donations, newest first. */
    public DonationPage list(Filter f, int page, int size) {
        List<String> where = new java.util.ArrayList<>();
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (f.donorOrganisationId() != null) {
            where.add("donorOrganisationId = :donor");
            params.put("donor", f.donorOrganisationId());
        }
        if (f.warehouseId() != null) {
            where.add("warehouseId = :warehouse");
            params.put("warehouse", f.warehouseId());
        }
        if (f.receivedFrom() != null) {
            where.add("receivedAt >= :from");
            params.put("from", f.receivedFrom());
        }
        if (f.receivedTo() != null) {
            where.add("receivedAt < :to");
            params.put("to", f.receivedTo());
        }
        var found = DonationView.<DonationView>find(
                where.isEmpty() ? "1 = 1" : String.join(" and ", where),
                io.quarkus.panache.common.Sort.by("receivedAt").descending().and("donationId"),
                params);
        return new DonationPage(
                found.page(io.quarkus.panache.common.Page.of(page, size)).list(), page, size, found.count());
    }

    public DonationView get(String donationId) {
        DonationView d = DonationView.findById(donationId);
        if (d == null) {
            throw ProblemException.notFound("donation", donationId);
        }
        return d;
    }
}
