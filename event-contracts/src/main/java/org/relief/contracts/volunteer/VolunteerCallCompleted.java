package org.relief.contracts.volunteer;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The task is done (loading finished, goods handed out, visit made): hours are logged for every volunteer who
 * served. {@code personTimes} and {@code hours} are the figures the association reports. Published by
 * volunteer-service on {@code volunteer.events.v1}, key = requestId (callId without a request); consumed by
 * requests-service (a CARE_VISIT completes the care request).
 */
public record VolunteerCallCompleted(
        String callId,
        String requestId,
        String tripId,
        String purpose,
        int personTimes,
        BigDecimal hours,
        Instant completedAt) {
    public static final String TYPE = "VolunteerCallCompleted";
    public static final int VERSION = 1;
}
