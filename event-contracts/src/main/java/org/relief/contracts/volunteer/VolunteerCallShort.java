package org.relief.contracts.volunteer;

import java.time.Instant;

/**
 * Not enough matching volunteers are free: the call waits on the waitlist with {@code assigned} of {@code needed}
 * and is topped up as volunteers register, add availability or are freed. Raised when a call becomes short, not on
 * every unsuccessful search. Published by volunteer-service on {@code volunteer.events.v1}, key = requestId (callId
 * without a request).
 */
public record VolunteerCallShort(
        String callId,
        String requestId,
        String tripId,
        String purpose,
        int needed,
        int assigned,
        String reason,
        Instant at) {
    public static final String TYPE = "VolunteerCallShort";
    public static final int VERSION = 1;
}
