package org.relief.inventory.publishing;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relief.inventory.domain.Allocation;
import org.relief.inventory.domain.StockReservation;
import org.relief.inventory.projection.ItemView;
import org.relief.inventory.projection.WarehouseView;

/**
 * Catalogue items (unit weight and volume) and warehouses (district, address) for the lines inventory publishes:
 * an allocation round passes what it already loaded; anything missing is fetched with one query per kind, so a
 * publication costs at most two small look-ups, not one per allocation. An item not in the catalogue has no
 * figures (null in the event).
 */
public final class ShippingFacts {
    private final Map<String, ItemView> items;
    private final Map<String, WarehouseView> warehouses;
    private final Set<String> looked = new HashSet<>();

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
            WarehouseView.<WarehouseView>list("id in ?1", List.copyOf(missingWarehouses))
                    .forEach(w -> warehouses.put(w.id, w));
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
