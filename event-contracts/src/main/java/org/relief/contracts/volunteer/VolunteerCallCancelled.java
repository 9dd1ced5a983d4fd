package org.relief.contracts.volunteer;

import java.time.Instant;

/**
 * The call will not happen (its request was cancelled, its trip cancelled or failed, or the caller withdrew it);
 * every booking on it is released. Published by volunteer-service on {@code volunteer.events.v1}, key = requestId
 * (callId without a request).
 */
public record VolunteerCallCancelled(
        String callId, String requestId, String tripId, String purpose, String reason, Instant cancelledAt) {
    public static final String TYPE = "VolunteerCallCancelled";
    public static final int VERSION = 1;
}
