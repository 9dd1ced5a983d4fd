package org.relief.requests.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.relief.requests.domain.Priority;
import org.relief.requests.domain.RequestStatus;
import org.relief.requests.domain.SupplyLine;

import java.time.Instant;
import java.util.List;

/** Read model of a help request for lists and filters; rebuilt from the request's events. */
@Entity
@Table(name = "help_request_view")
public class HelpRequestView extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "organisation_id")
    public String organisationId;
    @Enumerated(EnumType.STRING)
    public RequestStatus status;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    public String community;
    public String district;
    public String address;
    @Column(name = "contact_name")
    public String contactName;
    @Column(name = "contact_phone")
    public String contactPhone;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<SupplyLine> lines;
    public String note;
    @Column(name = "reservation_id")
    public String reservationId;
    @Column(name = "needed_by")
    public Instant neededBy;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** the stream version this view reflects */
    public long version;
}
