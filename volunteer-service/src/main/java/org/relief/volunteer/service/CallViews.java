package org.relief.volunteer.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the read side returns about calls. {@code personalData} is {@value CareVisitPrivacy#WITHHELD} where a care
 * visit's personal data was left out for the viewer ({@link CareVisitPrivacy}), null otherwise.
 */
public final class CallViews {
    /** the OpenAPI description of a call's personalData */
    public static final String PERSONAL_DATA_CALL = "WITHHELD when the personal data of a CARE_VISIT call is left "
            + "out for the caller: the call is shown in full only to ops, to the organisation it is for, and to a "
            + "coordinator one of whose volunteers it holds (offered or accepted) while it is OPEN or FILLED. "
            + "Withheld: place (the exact address), skillNote and the free-text description (replaced by a neutral "
            + "one from purpose and district, e.g. 'care visit in 雁塔区 / 雁塔区上门探访'), and of cancelReason the "
            + "requester's words; purpose, district, window, skill, needed, assigned and status stay. Absent (null) "
            + "when nothing was withheld.";

    public static final String PERSONAL_DATA_ASSIGNMENT =
            "WITHHELD when the assignment is shown with a CARE_VISIT call "
                    + "whose personal data is left out for the caller: then reason is only the service's own words (a "
                    + "decline reason only for the volunteer's own coordinator). Absent (null) when nothing was withheld.";
    public static final String PERSONAL_DATA_BOOKING =
            "WITHHELD when the booked call is a CARE_VISIT whose personal data "
                    + "is left out for the caller: place (the exact address) is then absent. Absent (null) otherwise.";

    private CallViews() {}

    public record Call(
            String id,
            String requestId,
            String tripId,
            String organisationId,
            String purpose,
            String skill,
            String skillNote,
            int needed,
            int assigned,
            String district,
            String place,
            String description,
            Instant windowStart,
            Instant windowEnd,
            String status,
            boolean understaffed,
            String shortReason,
            Instant openedAt,
            Instant completedAt,
            Instant cancelledAt,
            String cancelReason,
            Integer personTimes,
            BigDecimal hours,
            String personalData) {}

    public record Assignment(
            String id,
            String callId,
            String volunteerId,
            String volunteerName,
            String organisationId,
            String status,
            BigDecimal hours,
            String reason,
            Instant offeredAt,
            Instant answeredAt,
            Instant endedAt,
            @Schema(description = PERSONAL_DATA_ASSIGNMENT) String personalData) {}

    /**
     * {@code causedBy}, as in requests' and dispatch's timelines; {@code causationId}, its old name here, stays one more
     * version for clients that read it.
     */
    public record TimelineEntry(
            long version,
            String event,
            Instant at,
            String actor,
            @Schema(description = "the id of the event or command that led to this one") String causedBy) {

        @Deprecated(forRemoval = true)
        @JsonProperty("causationId")
        @Schema(deprecated = true, description = "the old name of causedBy, removed in the next version")
        public String causationId() {
            return causedBy;
        }
    }

    public record Details(Call call, List<Assignment> assignments, List<TimelineEntry> timeline) {}

    /** Totals of completed assignments; {@code key} is the purpose or skill ("any" for calls open to anyone). */
    public record Total(String key, BigDecimal hours, long personTimes) {}

    public record Hours(BigDecimal hours, long personTimes, List<Total> byPurpose, List<Total> bySkill) {}

    public record VolunteerHours(
            String volunteerId,
            BigDecimal hours,
            long personTimes,
            List<Total> byPurpose,
            List<Assignment> completed) {}

    /** A period the volunteer is booked for: an offered or accepted assignment of a live call. */
    public record Booking(
            String assignmentId,
            String callId,
            String purpose,
            String district,
            String place,
            Instant from,
            Instant to,
            @Schema(description = PERSONAL_DATA_BOOKING) String personalData) {}
}
