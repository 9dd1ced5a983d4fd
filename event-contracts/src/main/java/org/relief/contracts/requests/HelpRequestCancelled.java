package org.relief.contracts.requests;

import java.time.Instant;

/**
 * The requesting organisation (or ops) cancelled a request. Published by requests-service on
 * {@code requests.events.v1}, key = requestId. inventory-service releases the request's reservation; dispatch and
 * volunteer services will cancel its trips and tasks.
 */
public record HelpRequestCancelled(
        String requestId, String organisationId, String reason, String cancelledBy, Instant cancelledAt) {
    public static final String TYPE = "HelpRequestCancelled";
    public static final int VERSION = 1;
}
