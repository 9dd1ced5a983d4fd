package org.relief.contracts.requests;

import java.time.Instant;
import java.util.List;

/**
 * Ops corrected the priority (and possibly the vulnerability flags) a partner submitted (issue 11: nothing verifies
 * them at submission). Published by requests-service on {@code requests.events.v1}, key = requestId. inventory-service
 * gives a reservation still waiting for stock its new place in the allocation queue.
 *
 * @param priorityBefore        {@code CRITICAL}, {@code HIGH} or {@code NORMAL}, as it was
 * @param priority              as it is now
 * @param vulnerabilitiesBefore the flags as they were
 * @param vulnerabilities       the flags as they are now (the same as before when ops corrected only the priority)
 * @param reason                why, as ops wrote it (at most 500 characters)
 * @param correctedBy           the actor from the ops token ({@code ops:<user>} or {@code <org>/<user>})
 */
public record HelpRequestPriorityCorrected(
        String requestId,
        String organisationId,
        String priorityBefore,
        String priority,
        List<String> vulnerabilitiesBefore,
        List<String> vulnerabilities,
        String reason,
        String correctedBy,
        Instant correctedAt) {
    public static final String TYPE = "HelpRequestPriorityCorrected";
    public static final int VERSION = 1;
}
