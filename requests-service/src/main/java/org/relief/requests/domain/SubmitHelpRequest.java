package org.relief.requests.domain;

import java.time.Instant;
import java.util.List;

/** The command a partner organisation sends to ask for supplies, a ride or a care visit. */
public record SubmitHelpRequest(
        String organisationId,
        RequestKind kind,
        Priority priority,
        List<Vulnerability> vulnerabilities,
        String community,
        String district,
        String address,
        String contactName,
        String contactPhone,
        List<SupplyLine> lines,
        RideDetails ride,
        CareDetails care,
        Instant neededBy,
        String note) {

    public List<SupplyLine> linesOrEmpty() {
        return lines == null ? List.of() : lines;
    }
}
