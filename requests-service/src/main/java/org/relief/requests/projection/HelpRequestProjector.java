package org.relief.requests.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.personaldata.PersonalDataVault;
import org.relief.kernel.personaldata.SealedText;
import org.relief.requests.config.EscalationSettings;
import org.relief.requests.domain.CareDetails;
import org.relief.requests.domain.DuplicateKeys;
import org.relief.requests.domain.HelpRequestEvent;
import org.relief.requests.domain.LineState;
import org.relief.requests.domain.Priority;
import org.relief.requests.domain.RequestKind;
import org.relief.requests.domain.RequestState;
import org.relief.requests.domain.RequestStatus;
import org.relief.requests.domain.RideDetails;

/**
 * Keeps {@link HelpRequestView} in step with the request's events, in the transaction that appends them. The status
 * comes from the same {@link RequestState} fold the aggregate uses; the progress deadline is set from the event's
 * time whenever the status changes, so a replay sets the same deadline.
 */
@ApplicationScoped
public class HelpRequestProjector {
    private final EscalationSettings escalation;
    private final SagaMetrics metrics;
    private final PersonalDataVault vault;
    private final PartnerNotifications notifications;

    public HelpRequestProjector(
            EscalationSettings escalation,
            SagaMetrics metrics,
            PersonalDataVault vault,
            PartnerNotifications notifications) {
        this.escalation = escalation;
        this.metrics = metrics;
        this.vault = vault;
        this.notifications = notifications;
    }

    public void project(String requestId, StoredEvent stored, HelpRequestEvent event) {
        project(requestId, stored, event, true);
    }

    /** The same, for a rebuild from the event store: the view is written alike, but no metric is recorded. */
    public void replay(String requestId, StoredEvent stored, HelpRequestEvent event) {
        project(requestId, stored, event, false);
    }

    private void project(String requestId, StoredEvent stored, HelpRequestEvent event, boolean live) {
        HelpRequestView v;
        if (event instanceof HelpRequestEvent.Submitted s) {
            v = new HelpRequestView();
            v.id = requestId;
            v.state = RequestState.EMPTY;
            v.organisationId = s.organisationId();
            v.priority = s.priority();
            v.vulnerabilities = s.vulnerabilities() == null ? List.of() : s.vulnerabilities();
            v.submittedPriority = s.priority();
            v.submittedVulnerabilities = v.vulnerabilities;
            v.community = s.community();
            v.district = s.district();
            v.address = s.address();
            v.contactName = s.contactName();
            v.contactPhone = s.contactPhone();
            v.ride = s.ride();
            v.care = s.care();
            v.note = s.note();
            v.neededBy = s.neededBy();
            v.submittedAt = s.submittedAt();
            v.likelyDuplicateOf = s.likelyDuplicateOf();
            v.communityKey = DuplicateKeys.normalize(s.community());
            v.districtKey = DuplicateKeys.normalize(s.district());
        } else {
            v = HelpRequestView.findById(requestId);
            if (v.state == null) {
                v.state = stateOfEarlierView(v);
            }
        }
        RequestStatus before = v.state.status();
        v.state = v.state.apply(event);
        v.kind = v.state.kind();
        v.status = v.state.status();
        v.lines = v.state.lines().stream().map(LineView::of).toList();
        if (event instanceof HelpRequestEvent.Submitted s) {
            v.matchKey = matchKey(v.kind, s);
        } else if (event instanceof HelpRequestEvent.PersonalDataErased e) {
            v.personalDataErasedAt = e.erasedAt();
            v.matchKey = null;
        } else if (event instanceof HelpRequestEvent.StockAllocated a) {
            v.reservationExpiresAt = a.expiresAt();
        } else if (event instanceof HelpRequestEvent.Cancelled c) {
            v.cancellationReason = c.reason();
        } else if (event instanceof HelpRequestEvent.PriorityCorrected pc) {
            v.priority = pc.to();
            v.vulnerabilities = pc.vulnerabilitiesAfter() == null ? List.of() : pc.vulnerabilitiesAfter();
            v.priorityCorrections++;
            // the current status's deadline follows the corrected priority (from when the status was entered)
            if (!v.status.terminal() && v.statusChangedAt != null) {
                v.progressDeadline = v.statusChangedAt.plus(limit(v.priority));
            }
        } else if (event instanceof HelpRequestEvent.Escalated e) {
            v.overdue = true;
            v.escalatedAt = e.escalatedAt();
        }
        v.reservationId = v.state.reservationId();
        if (v.status != before) {
            v.statusChangedAt = stored.occurredAt();
            v.overdue = false;
            v.progressDeadline =
                    v.status.terminal() ? null : stored.occurredAt().plus(limit(v.priority));
            if (live) {
                metrics.stageReached(v.kind, v.status, v.submittedAt, stored.occurredAt());
            }
        }
        v.updatedAt = stored.occurredAt();
        v.version = stored.version();
        if (event instanceof HelpRequestEvent.Submitted) {
            v.persist();
        }
        if (live && v.status != before) {
            // a rebuild replays history: its changes were notified when they happened
            notifications.statusChanged(v, before, stored);
        }
    }

    /**
     * The look-alike key from the opened passenger, person and pickup (the event holds them sealed); none once they are
     * erased. A digest: the view keeps no plain personal data for it.
     */
    private String matchKey(RequestKind kind, HelpRequestEvent.Submitted s) {
        RideDetails ride = s.ride() == null
                ? null
                : new RideDetails(
                        vault.open(s.ride().passengerName()),
                        null,
                        vault.open(s.ride().pickupAddress()),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        CareDetails care = s.care() == null
                ? null
                : new CareDetails(s.care().need(), null, vault.open(s.care().personName()), null, null);
        String opened = (ride == null ? "" : ride.passengerName() + ride.pickupAddress())
                + (care == null ? "" : care.personName());
        if (opened.contains(SealedText.ERASED) || opened.contains(SealedText.PENDING)) {
            return null;
        }
        return DuplicateKeys.matchKey(kind, s.lines(), ride, care);
    }

    /** A view written before V2 knew only SUBMITTED and RESERVATION_PENDING supplies requests, with nothing reserved. */
    private static RequestState stateOfEarlierView(HelpRequestView v) {
        var lines = v.lines.stream()
                .map(l -> new LineState(
                        l.item(),
                        l.unit(),
                        l.requested(),
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO))
                .toList();
        return new RequestState(
                v.id,
                v.organisationId,
                RequestKind.SUPPLIES,
                v.priority,
                lines,
                v.reservationId,
                false,
                List.of(),
                List.of(),
                false,
                false,
                null,
                v.status,
                List.of(),
                List.of());
    }

    /** How long a request of this priority may stay in one status before it is escalated. */
    public Duration limit(Priority priority) {
        if (priority == Priority.CRITICAL) {
            return escalation.critical();
        }
        return priority == Priority.HIGH ? escalation.high() : escalation.normal();
    }
}
