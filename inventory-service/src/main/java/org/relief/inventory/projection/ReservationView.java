package org.relief.inventory.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Read model of the reservation for one help request; rebuilt from its events. */
@Entity
@Table(name = "reservation_view")
public class ReservationView extends PanacheEntityBase {
    @Id
    @Column(name = "request_id")
    public String requestId;

    @Column(name = "reservation_id")
    public String reservationId;

    @Column(name = "organisation_id")
    public String organisationId;

    public String priority;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> vulnerabilities;

    public String district;
    public String status;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<ReservationLineView> lines;
    /** the reasons of the latest allocation round */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> explanation;
    /** the same in Chinese (empty for allocations made before it had one) */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "explanation_zh")
    public List<String> explanationZh;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "submitted_at")
    public Instant submittedAt;
    /** when the held stock goes back if not picked up (null when nothing is held); the expiry job's deadline */
    @Column(name = "expires_at")
    public Instant expiresAt;
    /**
     * when transport first picked up part of the load while the reservation was open; from then on it no longer
     * expires (expiresAt stays null), because the goods are on their way
     */
    @Column(name = "picked_up_at")
    public Instant pickedUpAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public long version;
}
