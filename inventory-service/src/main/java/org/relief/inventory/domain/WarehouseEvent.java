package org.relief.inventory.domain;

import java.time.Instant;

/** Everything that happens to a warehouse. */
public sealed interface WarehouseEvent {

    record Registered(String warehouseId, String name, String district, String address, Instant registeredAt)
            implements WarehouseEvent {}
}
