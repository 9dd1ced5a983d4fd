package org.relief.volunteer.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What the read side returns about calls. */
public final class CallViews {
    private CallViews() {
    }

    public record Call(String id, String requestId, String tripId, String organisationId, String purpose,
                       String skill, String skillNote, int needed, int assigned, String district, String place,
                       String description, Instant windowStart, Instant windowEnd, String status, boolean understaffed,
                       String shortReason, Instant openedAt, Instant completedAt, Instant cancelledAt,
                       String cancelReason, Integer personTimes, BigDecimal hours) {
    }

    public record Assignment(String id, String callId, String volunteerId, String volunteerName,
                             String organisationId, String status, BigDecimal hours, String reason,
                             Instant offeredAt, Instant answeredAt, Instant endedAt) {
    }

    public record TimelineEntry(long version, String event, Instant at, String actor, String causationId) {
    }

    public record Details(Call call, List<Assignment> assignments, List<TimelineEntry> timeline) {
    }

    /** Totals of completed assignments; {@code key} is the purpose or skill ("any" for calls open to anyone). */
    public record Total(String key, BigDecimal hours, long personTimes) {
    }

    public record Hours(BigDecimal hours, long personTimes, List<Total> byPurpose, List<Total> bySkill) {
    }

    public record VolunteerHours(String volunteerId, BigDecimal hours, long personTimes, List<Total> byPurpose,
                                 List<Assignment> completed) {
    }

    /** A period the volunteer is booked for: an offered or accepted assignment of a live call. */
    public record Booking(String assignmentId, String callId, String purpose, String district, String place,
                          Instant from, Instant to) {
    }
}
