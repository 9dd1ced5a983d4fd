package org.relief.inventory.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.relief.inventory.domain.Item;
import org.relief.inventory.domain.ItemCategory;
import org.relief.inventory.domain.ItemEvent;
import org.relief.inventory.domain.Texts;
import org.relief.inventory.domain.Warehouse;
import org.relief.inventory.domain.WarehouseEvent;
import org.relief.inventory.projection.CatalogueProjector;
import org.relief.inventory.projection.ItemView;
import org.relief.inventory.projection.WarehouseView;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.runtime.TransactionRunner;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.kernel.web.ProblemException;

/** Warehouses and the item catalogue: event-sourced (streams {@code warehouse-<id>}, {@code item-<code>}). */
@ApplicationScoped
public class CatalogueService {
    private final EventStore eventStore;
    private final ObjectMapper json;
    private final CatalogueProjector projector;
    private final TransactionRunner runner;

    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    private EventSourcedRepository<Warehouse, WarehouseEvent> warehouses;
    private EventSourcedRepository<Item, ItemEvent> items;

    @Inject
    public CatalogueService(
            EventStore eventStore,
            ObjectMapper json,
            CatalogueProjector projector,
            TransactionRunner runner,
            Clock clock) {
        this.eventStore = eventStore;
        this.json = json;
        this.projector = projector;
        this.runner = runner;
        this.clock = clock;
    }

    @PostConstruct
    void init() {
        warehouses = new EventSourcedRepository<>(
                eventStore,
                "warehouse",
                new EventCodec<>(WarehouseEvent.class, json),
                Warehouse::new,
                projector::warehouse);
        items = new EventSourcedRepository<>(
                eventStore, "item", new EventCodec<>(ItemEvent.class, json), Item::new, projector::item);
    }

    /** With an Idempotency-Key (null without), a repeat of the same body returns the warehouse the first POST registered. */
    public IdempotencyKeys.Outcome<WarehouseView> registerWarehouse(
            String name, String district, String address, IdempotencyKeys.Key idempotencyKey, EventContext ctx) {
        return runner.inTransaction(c -> {
            Optional<String> earlier = IdempotencyKeys.earlier(c, idempotencyKey);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(warehouse(earlier.get()));
            }
            Warehouse w = Warehouse.register(name, district, address, clock);
            earlier = IdempotencyKeys.claim(c, idempotencyKey, w.id());
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(warehouse(earlier.get()));
            }
            warehouses.save(c, w, ctx.withCorrelation(w.id()));
            return IdempotencyKeys.Outcome.created(WarehouseView.<WarehouseView>findById(w.id()));
        });
    }

    /**
     * A taken code is a 409; two concurrent registrations of one code both append version 1 of {@code item-<code>},
     * so the store's unique (stream, version) lets exactly one through and the other gets a 409 too. With an
     * Idempotency-Key (null without) the key is looked up first: a retry of a registration that succeeded gets the
     * item again, not the 409 its own first attempt would cause.
     */
    public IdempotencyKeys.Outcome<ItemView> registerItem(
            String code,
            String nameZh,
            String nameEn,
            ItemCategory category,
            String unit,
            BigDecimal unitWeightKg,
            BigDecimal unitVolumeM3,
            boolean perishable,
            IdempotencyKeys.Key idempotencyKey,
            EventContext ctx) {
        return runner.inTransaction(c -> {
            Optional<String> earlier = IdempotencyKeys.earlier(c, idempotencyKey);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(item(earlier.get()));
            }
            if (ItemView.findById(code) != null) {
                throw RuleViolation.conflict(Texts.of("item.code-taken", code));
            }
            Item item =
                    Item.register(code, nameZh, nameEn, category, unit, unitWeightKg, unitVolumeM3, perishable, clock);
            earlier = IdempotencyKeys.claim(c, idempotencyKey, code);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(item(earlier.get()));
            }
            items.save(c, item, ctx.withCorrelation(code));
            return IdempotencyKeys.Outcome.created(ItemView.<ItemView>findById(code));
        });
    }

    public List<WarehouseView> warehouses() {
        return WarehouseView.list("order by name, id");
    }

    public WarehouseView warehouse(String id) {
        WarehouseView w = WarehouseView.findById(id);
        if (w == null) {
            throw ProblemException.notFound("warehouse", id);
        }
        return w;
    }

    public List<ItemView> items() {
        return ItemView.list("order by code");
    }

    public ItemView item(String code) {
        ItemView i = ItemView.findById(code);
        if (i == null) {
            throw ProblemException.notFound("item", code);
        }
        return i;
    }
}
