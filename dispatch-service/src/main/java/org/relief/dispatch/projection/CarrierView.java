package org.relief.dispatch.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Read model of a carrier organisation. */
@Entity
@Table(name = "carrier_view")
public class CarrierView extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "organisation_id")
    public String organisationId;

    public String name;
    public String kind;
    public String association;

    @Column(name = "contact_phone")
    public String contactPhone;

    @Column(name = "registered_at")
    public Instant registeredAt;

    public long version;
}
