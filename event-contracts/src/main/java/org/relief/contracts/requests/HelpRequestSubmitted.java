package org.relief.contracts.requests;

import org.relief.contracts.RequestedLine;

import java.time.Instant;
import java.util.List;

/**
 * A partner organisation submitted a help request. Published by requests-service on {@code requests.events.v1},
 * key = requestId. Consumed by inventory-service (supplies requests → reservation).
 */
public record HelpRequestSubmitted(String requestId, String organisationId, String priority, String community,
                                   String district, List<RequestedLine> lines, Instant neededBy,
                                   Instant submittedAt) {
    public static final String TYPE = "HelpRequestSubmitted";
    public static final int VERSION = 1;
}
