package org.relief.contracts.requests;

import java.time.Instant;

/**
 * A request made no progress within its priority's time limit. Published by requests-service on
 * {@code requests.events.v1}, key = requestId, for the ops team's alerting and the dispatch desks.
 *
 * @param status   the status it has been stuck in
 * @param deadline when progress was due
 */
public record HelpRequestEscalated(
        String requestId,
        String organisationId,
        String priority,
        String status,
        Instant deadline,
        Instant escalatedAt) {
    public static final String TYPE = "HelpRequestEscalated";
    public static final int VERSION = 1;
}
