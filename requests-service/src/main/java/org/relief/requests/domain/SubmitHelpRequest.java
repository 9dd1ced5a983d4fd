package org.relief.requests.domain;

import java.time.Instant;
import java.util.List;

/** The command a partner organisation sends to ask for supplies. */
public record SubmitHelpRequest(String organisationId, Priority priority, String community, String district,
                                String address, String contactName, String contactPhone, List<SupplyLine> lines,
                                Instant neededBy, String note) {
}
