package org.relief.contracts.volunteer;

import java.time.Instant;

/**
 * A call for volunteers: {@code needed} people with {@code skill} (a catalogue code; null = anyone) in
 * {@code district} for a time window. Opened by the saga (LOADING at the warehouse and HAND_OUT in the compound for a
 * FREIGHT trip; CARE_VISIT for a care request) or by a community through the API (COMMUNITY). Published by
 * volunteer-service on {@code volunteer.events.v1}, key = requestId (callId for a call without a request).
 *
 * @param purpose LOADING, HAND_OUT, CARE_VISIT or COMMUNITY
 */
public record VolunteerCallOpened(
        String callId,
        String requestId,
        String tripId,
        String organisationId,
        String purpose,
        String skill,
        int needed,
        String district,
        String place,
        Instant windowStart,
        Instant windowEnd,
        Instant openedAt) {
    public static final String TYPE = "VolunteerCallOpened";
    public static final int VERSION = 1;
    public static final String LOADING = "LOADING";
    public static final String HAND_OUT = "HAND_OUT";
    public static final String CARE_VISIT = "CARE_VISIT";
    public static final String COMMUNITY = "COMMUNITY";
}
