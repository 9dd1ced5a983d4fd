package org.relief.volunteer.domain;

import java.time.Instant;
import java.util.List;
import org.relief.kernel.domain.TimeWindow;

/** Everything that happens to a volunteer. */
public sealed interface VolunteerEvent {

    /** A new volunteer is active, with no availability windows yet; skills are catalogue codes. */
    record Registered(
            String volunteerId,
            String organisationId,
            String name,
            String phone,
            String district,
            List<String> skills,
            String note,
            Instant registeredAt)
            implements VolunteerEvent {}

    /** The complete set of windows, sorted by start; replaces the previous set. */
    record AvailabilityWindowsSet(String volunteerId, List<TimeWindow> windows, Instant setAt)
            implements VolunteerEvent {}

    record Deactivated(String volunteerId, String reason, Instant deactivatedAt) implements VolunteerEvent {}

    /**
     * The volunteer's name, phone and note were erased: their data key is deleted here and on every service
     * (crypto-shredding), so every sealed copy, here, on calls, on requests' timelines and on Kafka, reads [erased].
     */
    record PersonalDataErased(String volunteerId, String reason, String erasedBy, Instant erasedAt)
            implements VolunteerEvent {}
}
