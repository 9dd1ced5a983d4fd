package org.relief.inventory.domain;

import java.time.Clock;
import java.util.UUID;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.AggregateRoot;

/** A place where donated stock is kept; its district decides which requests it serves first. */
public final class Warehouse extends AggregateRoot<WarehouseEvent> {
    private String warehouseId;

    public static Warehouse register(String name, String district, String address, Clock clock) {
        if (name == null || name.isBlank() || district == null || district.isBlank()) {
            throw RuleViolation.invalid(Texts.of("warehouse.name-and-district-required"));
        }
        Warehouse w = new Warehouse();
        w.raise(new WarehouseEvent.Registered(
                UUID.randomUUID().toString(),
                name.strip(),
                district.strip(),
                address == null ? null : address.strip(),
                clock.instant()));
        return w;
    }

    @Override
    protected void apply(WarehouseEvent event) {
        if (event instanceof WarehouseEvent.Registered r) {
            warehouseId = r.warehouseId();
        }
    }

    @Override
    public String id() {
        return warehouseId;
    }
}
