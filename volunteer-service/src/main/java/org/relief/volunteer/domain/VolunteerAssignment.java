package org.relief.volunteer.domain;

import java.math.BigDecimal;

/** One volunteer on one call; immutable, the call replaces it on every change. */
public record VolunteerAssignment(
        String id,
        String volunteerId,
        String volunteerName,
        String organisationId,
        AssignmentStatus status,
        BigDecimal hours,
        String reason) {

    VolunteerAssignment with(AssignmentStatus newStatus, BigDecimal newHours, String newReason) {
        return new VolunteerAssignment(id, volunteerId, volunteerName, organisationId, newStatus, newHours, newReason);
    }
}
