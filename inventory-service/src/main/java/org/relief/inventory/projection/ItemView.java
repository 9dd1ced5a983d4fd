package org.relief.inventory.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** Read model of a catalogue item. */
@Entity
@Table(name = "item_view")
public class ItemView extends PanacheEntityBase {
    @Id
    public String code;

    @Column(name = "name_zh")
    public String nameZh;

    @Column(name = "name_en")
    public String nameEn;

    public String category;
    public String unit;

    @Column(name = "unit_weight_kg")
    public BigDecimal unitWeightKg;

    @Column(name = "unit_volume_m3")
    public BigDecimal unitVolumeM3;

    public boolean perishable;

    @Column(name = "registered_at")
    public Instant registeredAt;

    public long version;
}
