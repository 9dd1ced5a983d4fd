package org.relief.volunteer.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Everything that happens to a volunteer call (stream {@code volunteer-call-<id>}). */
public sealed interface VolunteerCallEvent {

    /**
     * @param skill     catalogue code or null (anyone)
     * @param skillNote why the skill is what it is when the saga had to fall back (e.g. an unknown care skill), or null
     */
    record Opened(
            String callId,
            String requestId,
            String tripId,
            String organisationId,
            CallPurpose purpose,
            String skill,
            String skillNote,
            int needed,
            String district,
            String place,
            String description,
            Instant windowStart,
            Instant windowEnd,
            Instant openedAt)
            implements VolunteerCallEvent {}

    /** The volunteer was booked for the call's window and offered the task. */
    record Assigned(
            String callId,
            String assignmentId,
            String volunteerId,
            String volunteerName,
            String volunteerOrganisationId,
            Instant assignedAt)
            implements VolunteerCallEvent {}

    record Accepted(String callId, String assignmentId, Instant acceptedAt) implements VolunteerCallEvent {}

    /** The volunteer said no (before or after accepting); the booking is released. */
    record Declined(String callId, String assignmentId, String reason, Instant declinedAt)
            implements VolunteerCallEvent {}

    /** The call became short: fewer volunteers than needed and nobody else free; raised once per shortage. */
    record Short(String callId, int needed, int assigned, String reason, Instant at) implements VolunteerCallEvent {}

    record Served(String assignmentId, String volunteerId, BigDecimal hours) {}

    /**
     * The task is done: hours for those who served, nothing for the no-shows (assignment ids); {@code released}:
     * bookings of those who had not accepted or served when the call ended with its trip (absent in older events).
     */
    record Completed(
            String callId, List<Served> served, List<String> noShows, List<String> released, Instant completedAt)
            implements VolunteerCallEvent {
        public Completed {
            released = released == null ? List.of() : released;
        }
    }

    /** The call will not happen; every assignment still holding a booking is released. */
    record Cancelled(String callId, String reason, List<String> released, Instant cancelledAt)
            implements VolunteerCallEvent {}
}
