package org.relief.inventory.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Read model of a warehouse. */
@Entity
@Table(name = "warehouse_view")
public class WarehouseView extends PanacheEntityBase {
    @Id
    public String id;

    public String name;
    public String district;
    public String address;

    @Column(name = "registered_at")
    public Instant registeredAt;

    public long version;
}
