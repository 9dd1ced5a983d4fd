package org.relief.requests.publishing;

import java.util.List;
import org.relief.contracts.RequestedLine;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestEscalated;
import org.relief.contracts.requests.HelpRequestPriorityCorrected;
import org.relief.contracts.requests.HelpRequestReceiptConfirmed;
import org.relief.contracts.requests.HelpRequestShortfallAccepted;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.requests.domain.HelpRequest;
import org.relief.requests.domain.HelpRequestEvent;

/**
 * A request's own event as the integration event other services read (org.relief.contracts.requests), for the events
 * other services care about; the rest stay inside requests-service.
 */
public final class HelpRequestContracts {
    private HelpRequestContracts() {}

    /**
     * The published record of {@code event}, or null when it is not published. {@code request} is the request after
     * the event (an escalation carries the priority in force).
     */
    public static Object toContract(HelpRequest request, HelpRequestEvent event) {
        String id = request.id();
        String organisationId = request.organisationId();
        if (event instanceof HelpRequestEvent.Submitted s) {
            var ride = s.ride() == null
                    ? null
                    : new HelpRequestSubmitted.RideDetails(
                            s.ride().passengerName(),
                            s.ride().passengerPhone(),
                            s.ride().pickupAddress(),
                            s.ride().pickupDistrict(),
                            s.ride().dropoffAddress(),
                            s.ride().dropoffDistrict(),
                            s.ride().windowStart(),
                            s.ride().windowEnd(),
                            s.ride().accessibility() == null
                                    ? List.of()
                                    : s.ride().accessibility().stream()
                                            .map(Enum::name)
                                            .toList());
            var care = s.care() == null
                    ? null
                    : new HelpRequestSubmitted.CareDetails(
                            s.care().need().name(),
                            s.care().skill(),
                            s.care().personName(),
                            s.care().windowStart(),
                            s.care().windowEnd());
            return new HelpRequestSubmitted(
                    id,
                    organisationId,
                    s.kind().name(),
                    s.priority().name(),
                    s.vulnerabilities().stream().map(Enum::name).toList(),
                    s.community(),
                    s.district(),
                    s.address(),
                    s.lines().stream()
                            .map(l -> new RequestedLine(l.item(), l.quantity(), l.unit()))
                            .toList(),
                    ride,
                    care,
                    s.neededBy(),
                    s.submittedAt(),
                    s.likelyDuplicateOf());
        }
        if (event instanceof HelpRequestEvent.Cancelled x) {
            return new HelpRequestCancelled(id, organisationId, x.reason(), x.cancelledBy(), x.cancelledAt());
        }
        if (event instanceof HelpRequestEvent.ReceiptConfirmed r) {
            return new HelpRequestReceiptConfirmed(
                    id,
                    organisationId,
                    r.lines().stream()
                            .map(l -> new HelpRequestReceiptConfirmed.ReceivedLine(
                                    l.item(), l.unit(), l.accepted(), l.rejected(), l.rejectionReason()))
                            .toList(),
                    r.confirmedAt());
        }
        if (event instanceof HelpRequestEvent.ShortfallAccepted sa) {
            return new HelpRequestShortfallAccepted(
                    id,
                    organisationId,
                    sa.lines().stream()
                            .map(l -> new HelpRequestShortfallAccepted.ShortLine(
                                    l.item(), l.unit(), l.requested(), l.received(), l.shortfall()))
                            .toList(),
                    sa.note(),
                    sa.acceptedBy(),
                    sa.acceptedAt());
        }
        if (event instanceof HelpRequestEvent.PriorityCorrected pc) {
            return new HelpRequestPriorityCorrected(
                    id,
                    organisationId,
                    pc.from().name(),
                    pc.to().name(),
                    pc.vulnerabilitiesBefore().stream().map(Enum::name).toList(),
                    pc.vulnerabilitiesAfter().stream().map(Enum::name).toList(),
                    pc.reason(),
                    pc.correctedBy(),
                    pc.correctedAt());
        }
        if (event instanceof HelpRequestEvent.Escalated e) {
            return new HelpRequestEscalated(
                    id,
                    organisationId,
                    request.state().priority().name(),
                    e.status().name(),
                    e.deadline(),
                    e.escalatedAt());
        }
        return null;
    }
}
