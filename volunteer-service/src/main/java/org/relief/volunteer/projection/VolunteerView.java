package org.relief.volunteer.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.relief.kernel.domain.TimeWindow;

/** Read model of a volunteer; the windows are also in volunteer_window for searching by time. */
@Entity
@Table(name = "volunteer_view")
public class VolunteerView extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "organisation_id")
    public String organisationId;

    public String name;
    public String phone;
    public String district;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> skills;

    public String note;
    public boolean active;

    @Column(name = "deactivation_reason")
    public String deactivationReason;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<TimeWindow> windows;
    /** when the volunteer's name, phone and note were erased (their key deleted) */
    @Column(name = "personal_data_erased_at")
    public java.time.Instant personalDataErasedAt;

    @Column(name = "registered_at")
    public Instant registeredAt;

    public long version;
}
