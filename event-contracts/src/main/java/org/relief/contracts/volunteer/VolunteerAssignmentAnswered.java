package org.relief.contracts.volunteer;

import java.time.Instant;

/**
 * The volunteer accepted or declined an assignment (recorded by a coordinator). A decline frees the volunteer's
 * booking and volunteer-service looks for someone else at once (a {@link VolunteerAssigned} or a
 * {@link VolunteerCallShort} follows). Published by volunteer-service on {@code volunteer.events.v1}, key =
 * requestId (callId without a request). Two types, one payload.
 */
public record VolunteerAssignmentAnswered(
        String callId,
        String requestId,
        String tripId,
        String purpose,
        String assignmentId,
        String volunteerId,
        String reason,
        Instant answeredAt) {
    public static final String ACCEPTED = "VolunteerAssignmentAccepted";
    public static final String DECLINED = "VolunteerAssignmentDeclined";
    public static final int VERSION = 1;
}
