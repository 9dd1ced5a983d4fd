package org.relief.dispatch.messaging;

import java.util.List;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.dispatch.domain.ReservedLine;
import org.relief.dispatch.domain.RideDetails;
import org.relief.dispatch.domain.TransportRequest;

/**
 * Anti-corruption: other services' published records, field for field, into dispatch's own values, so that the
 * domain and its stored events never hold another service's types.
 */
final class ContractTranslation {
    private ContractTranslation() {}

    static TransportRequest.Submission submission(HelpRequestSubmitted s) {
        return new TransportRequest.Submission(
                s.requestId(),
                s.organisationId(),
                s.kind(),
                s.priority(),
                s.community(),
                s.district(),
                s.address(),
                ride(s.ride()),
                s.submittedAt());
    }

    static RideDetails ride(HelpRequestSubmitted.RideDetails r) {
        return r == null
                ? null
                : new RideDetails(
                        r.passengerName(),
                        r.passengerPhone(),
                        r.pickupAddress(),
                        r.pickupDistrict(),
                        r.dropoffAddress(),
                        r.dropoffDistrict(),
                        r.windowStart(),
                        r.windowEnd(),
                        r.accessibility());
    }

    static List<ReservedLine> reservedLines(List<org.relief.contracts.inventory.ReservedLine> lines) {
        return lines == null
                ? null
                : lines.stream().map(ContractTranslation::reservedLine).toList();
    }

    static ReservedLine reservedLine(org.relief.contracts.inventory.ReservedLine l) {
        if (l == null) {
            return null;
        }
        List<ReservedLine.Allocation> allocations = l.allocations() == null
                ? null
                : l.allocations().stream()
                        .map(a -> a == null
                                ? null
                                : new ReservedLine.Allocation(
                                        a.warehouseId(),
                                        a.warehouseName(),
                                        a.lotId(),
                                        a.donationId(),
                                        a.donorOrganisationId(),
                                        a.quantity(),
                                        a.expiresOn(),
                                        a.warehouseDistrict(),
                                        a.warehouseAddress()))
                        .toList();
        return new ReservedLine(
                l.item(), l.unit(), l.requested(), l.reserved(), allocations, l.unitWeightKg(), l.unitVolumeM3());
    }
}
