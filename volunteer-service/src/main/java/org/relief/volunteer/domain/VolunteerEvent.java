package org.relief.volunteer.domain;

import org.relief.kernel.domain.TimeWindow;
import java.time.Instant;
import java.util.List;

/** Everything that happens to a volunteer. */
public sealed interface VolunteerEvent {

    /** A new volunteer is active, with no availability windows yet; skills are catalogue codes. */
    record Registered(String volunteerId, String organisationId, String name, String phone, String district,
                      List<String> skills, String note, Instant registeredAt) implements VolunteerEvent {
    }

    /** The complete set of windows, sorted by start; replaces the previous set. */
    record AvailabilityWindowsSet(String volunteerId, List<TimeWindow> windows, Instant setAt)
            implements VolunteerEvent {
    }

    record Deactivated(String volunteerId, String reason, Instant deactivatedAt) implements VolunteerEvent {
    }
}
