package org.relief.requests.projection;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.relief.requests.domain.CareDetails;
import org.relief.requests.domain.Priority;
import org.relief.requests.domain.Progress;
import org.relief.requests.domain.RequestKind;
import org.relief.requests.domain.RequestState;
import org.relief.requests.domain.RequestStatus;
import org.relief.requests.domain.RideDetails;
import org.relief.requests.domain.Vulnerability;

/** Read model of a help request for lists and filters; rebuilt from the request's events. */
@Entity
@Table(name = "help_request_view")
public class HelpRequestView extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "organisation_id")
    public String organisationId;

    @Enumerated(EnumType.STRING)
    public RequestKind kind;

    @Enumerated(EnumType.STRING)
    public RequestStatus status;

    @Enumerated(EnumType.STRING)
    public Priority priority;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Vulnerability> vulnerabilities;
    /** the priority the partner submitted (priority is the one in force, after any correction by ops) */
    @Enumerated(EnumType.STRING)
    @Column(name = "submitted_priority")
    public Priority submittedPriority;
    /** the vulnerability flags the partner submitted */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "submitted_vulnerabilities")
    public List<Vulnerability> submittedVulnerabilities;
    /** how many times ops corrected the priority or the flags (PriorityCorrected) */
    @Column(name = "priority_corrections")
    public int priorityCorrections;

    public String community;
    public String district;
    public String address;

    @Column(name = "contact_name")
    public String contactName;

    @Column(name = "contact_phone")
    public String contactPhone;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<LineView> lines;

    @JdbcTypeCode(SqlTypes.JSON)
    public RideDetails ride;

    @JdbcTypeCode(SqlTypes.JSON)
    public CareDetails care;

    public String note;

    @Column(name = "reservation_id")
    public String reservationId;

    @Column(name = "reservation_expires_at")
    public Instant reservationExpiresAt;

    @Column(name = "needed_by")
    public Instant neededBy;

    @Column(name = "likely_duplicate_of")
    public String likelyDuplicateOf;

    @Column(name = "cancellation_reason")
    public String cancellationReason;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "status_changed_at")
    public Instant statusChangedAt;
    /** when the current status must have moved on; null once the request has ended */
    @Column(name = "progress_deadline")
    public Instant progressDeadline;
    /** escalated in the current status (cleared when the status changes) */
    public boolean overdue;
    /** when the request's data key was erased: its names, phones, addresses and note read [erased] from then on */
    @Column(name = "personal_data_erased_at")
    public Instant personalDataErasedAt;

    @Column(name = "escalated_at")
    public Instant escalatedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
    /** the stream version this view reflects */
    public long version;

    /** the domain fold the status is derived from, cached so the projection derives exactly as the aggregate does */
    @JsonIgnore
    @JdbcTypeCode(SqlTypes.JSON)
    public RequestState state;

    @JsonIgnore
    @Column(name = "community_key")
    public String communityKey;

    @JsonIgnore
    @Column(name = "district_key")
    public String districtKey;

    @JsonIgnore
    @Column(name = "match_key")
    public String matchKey;

    /** later requests linked to this one as likely duplicates (filled for a single request's GET) */
    @Transient
    @JsonProperty
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public List<String> likelyDuplicates;

    /** the partner accepted the shortfall (issue 10): FULFILLED with what was received, not everything asked */
    @JsonProperty("shortfallAccepted")
    public boolean shortfallAccepted() {
        return state != null && state.shortfallAccepted();
    }

    /**
     * Part of what was asked (or of the replacements of rejected units) still waits for stock, whatever the status: a
     * request whose reserved part is scheduled or on its way shows TRANSPORT_SCHEDULED, IN_TRANSIT... while the rest
     * waits for the next donation. False once the request has ended or the partner accepted the shortfall.
     */
    @JsonProperty("waitingForStock")
    public boolean waitingForStock() {
        if (status == null || status.terminal() || shortfallAccepted() || lines == null) {
            return false;
        }
        return lines.stream()
                .filter(l -> l.catalogueRejection() == null)
                .anyMatch(l -> l.reserved().compareTo(l.requested().add(l.rejected())) < 0);
    }

    /** overall progress of the lines: NONE, PARTIAL or COMPLETE for reserved, in transit and delivered */
    @JsonProperty("progress")
    public Map<String, Progress> progressSummary() {
        Map<String, Progress> p = new LinkedHashMap<>();
        // lines inventory's catalogue refused never come and do not count
        List<LineView> live = lines == null
                ? List.of()
                : lines.stream().filter(l -> l.catalogueRejection() == null).toList();
        p.put(
                "reserved",
                Progress.overall(live.stream().map(LineView::reservedProgress).toList()));
        p.put(
                "inTransit",
                Progress.overall(live.stream().map(LineView::inTransitProgress).toList()));
        p.put(
                "delivered",
                Progress.overall(live.stream().map(LineView::deliveredProgress).toList()));
        return p;
    }
}
