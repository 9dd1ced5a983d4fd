package org.relief.contracts.volunteer;

import java.time.Instant;

/**
 * A volunteer was booked on a call (matching skill, district and availability, no overlapping booking). Published by
 * volunteer-service on {@code volunteer.events.v1}, key = requestId (callId without a request); consumed by
 * requests-service (volunteer assigned, timeline).
 *
 * @param assigned how many volunteers the call now holds (offered or accepted), of {@code needed}
 */
public record VolunteerAssigned(
        String callId,
        String requestId,
        String tripId,
        String purpose,
        String assignmentId,
        String volunteerId,
        String volunteerName,
        Instant windowStart,
        Instant windowEnd,
        int assigned,
        int needed,
        Instant assignedAt) {
    public static final String TYPE = "VolunteerAssigned";
    public static final int VERSION = 1;
}
