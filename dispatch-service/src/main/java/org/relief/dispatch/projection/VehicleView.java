package org.relief.dispatch.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.relief.kernel.domain.TimeWindow;

/** Read model of a vehicle; carries its carrier's organisation so that scoping needs no join. */
@Entity
@Table(name = "vehicle_view")
public class VehicleView extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "carrier_id")
    public String carrierId;

    @Column(name = "organisation_id")
    public String organisationId;

    public String kind;
    public String plate;

    @Column(name = "payload_kg")
    public BigDecimal payloadKg;

    @Column(name = "volume_m3")
    public BigDecimal volumeM3;

    public int seats;

    @Column(name = "wheelchair_accessible")
    public boolean wheelchairAccessible;

    @Column(name = "home_district")
    public String homeDistrict;

    @Column(name = "driver_name")
    public String driverName;

    @Column(name = "driver_phone")
    public String driverPhone;
    /** when the driver's name and phone were erased (the vehicle's key deleted) */
    @jakarta.persistence.Column(name = "driver_data_erased_at")
    public java.time.Instant driverDataErasedAt;

    public boolean available;

    @Column(name = "availability_reason")
    public String availabilityReason;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<TimeWindow> windows;

    @Column(name = "registered_at")
    public Instant registeredAt;

    public long version;
}
