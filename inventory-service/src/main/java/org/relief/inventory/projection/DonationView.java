package org.relief.inventory.projection;

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
import org.relief.inventory.domain.DonatedLot;

/** Read model of a donation and the lots it became. */
@Entity
@Table(name = "donation_view")
public class DonationView extends PanacheEntityBase {
    @Id
    @Column(name = "donation_id")
    public String donationId;

    @Column(name = "donor_organisation_id")
    public String donorOrganisationId;

    @Column(name = "warehouse_id")
    public String warehouseId;

    @Column(name = "value_yuan")
    public BigDecimal valueYuan;

    public String note;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<DonatedLot> lots;

    @Column(name = "received_at")
    public Instant receivedAt;
}
