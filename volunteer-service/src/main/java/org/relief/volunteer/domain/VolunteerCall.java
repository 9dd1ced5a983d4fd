package org.relief.volunteer.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.AggregateRoot;

/**
 * A call for {@code needed} volunteers in a district for a time window, with its assignments. The call is OPEN while
 * it holds fewer offered or accepted volunteers than needed (it is then on the waitlist), FILLED when it holds
 * enough, and ends COMPLETED (hours logged) or CANCELLED (bookings released).
 */
public final class VolunteerCall extends AggregateRoot<VolunteerCallEvent> {
    /** streams {@code volunteer-call-<id>}; stored rows are found by it, so it never changes */
    public static final String STREAM_TYPE = "volunteer-call";

    public static final int MAX_NEEDED = 500;
    public static final int MAX_TEXT = 300;
    public static final int MAX_DESCRIPTION = 1000;
    public static final Duration MAX_WINDOW = Duration.ofDays(31);
    /** longest shift one person can log on one call */
    public static final BigDecimal MAX_HOURS = new BigDecimal("24");
    /** the reason (prefix) of a call that ended with its trip before anyone served on it */
    public static final String NO_LONGER_NEEDED = "NO_LONGER_NEEDED";
    /** the reason of a booking released when the call ended with its trip before its volunteer had served */
    public static final String NOT_SERVED = "not accepted or not served when the call ended with its trip";

    private String callId;
    private String requestId;
    private String tripId;
    private String organisationId;
    private CallPurpose purpose;
    private String skill;
    private int needed;
    private String district;
    private Instant windowStart;
    private Instant windowEnd;
    private CallStatus status;
    /** a VolunteerCallShort was raised for the current shortage; cleared once the call is filled */
    private boolean shortRaised;

    private final Map<String, VolunteerAssignment> assignments = new LinkedHashMap<>();
    /** when each accepted assignment was accepted: hours count from then if it is after the window start */
    private final Map<String, Instant> acceptedAt = new java.util.HashMap<>();

    public static VolunteerCall open(String callId, OpenCall spec, Clock clock) {
        if (spec.purpose() == null) {
            throw RuleViolation.invalid(Texts.of("call.purpose-required"));
        }
        if (spec.purpose() == CallPurpose.COMMUNITY
                && (spec.organisationId() == null || spec.organisationId().isBlank())) {
            throw RuleViolation.invalid(Texts.of("call.organisation-required"));
        }
        if (spec.needed() < 1 || spec.needed() > MAX_NEEDED) {
            throw RuleViolation.invalid(Texts.of("call.needed-out-of-range", MAX_NEEDED));
        }
        if (blank(spec.district()) || spec.district().strip().length() > MAX_TEXT) {
            throw RuleViolation.invalid(Texts.of("call.district-required"));
        }
        if (blank(spec.place()) || spec.place().strip().length() > MAX_TEXT) {
            throw RuleViolation.invalid(Texts.of("call.place-required", MAX_TEXT));
        }
        if (spec.description() != null && spec.description().length() > MAX_DESCRIPTION) {
            throw RuleViolation.invalid(Texts.of("call.description-too-long", MAX_DESCRIPTION));
        }
        if (spec.windowStart() == null
                || spec.windowEnd() == null
                || !spec.windowStart().isBefore(spec.windowEnd())) {
            throw RuleViolation.invalid(Texts.of("call.window-start-after-end"));
        }
        if (Duration.between(spec.windowStart(), spec.windowEnd()).compareTo(MAX_WINDOW) > 0) {
            throw RuleViolation.invalid(Texts.of("call.window-too-long", MAX_WINDOW.toDays()));
        }
        VolunteerCall call = new VolunteerCall();
        call.raise(new VolunteerCallEvent.Opened(
                callId == null ? UUID.randomUUID().toString() : callId,
                spec.requestId(),
                spec.tripId(),
                blank(spec.organisationId()) ? null : spec.organisationId().strip(),
                spec.purpose(),
                spec.skill() == null ? null : spec.skill().code(),
                spec.skillNote(),
                spec.needed(),
                spec.district().strip(),
                spec.place().strip(),
                blank(spec.description()) ? null : spec.description().strip(),
                spec.windowStart(),
                spec.windowEnd(),
                clock.instant()));
        return call;
    }

    /** How many more volunteers the call can take now (0 unless OPEN). */
    public int openSlots() {
        return status == CallStatus.OPEN ? needed - holding() : 0;
    }

    /** Offered or accepted assignments: the volunteers the call holds. */
    public int holding() {
        return (int) assignments.values().stream()
                .filter(a -> a.status().holdsBooking())
                .count();
    }

    /** Everyone who was ever on this call: a volunteer who declined or did not show is not asked again. */
    public Set<String> volunteersAsked() {
        Set<String> ids = new java.util.HashSet<>();
        assignments.values().forEach(a -> ids.add(a.volunteerId()));
        return ids;
    }

    /** Books a volunteer (the booking row is the caller's; this records the offer). */
    public VolunteerAssignment assign(
            String assignmentId,
            String volunteerId,
            String volunteerName,
            String volunteerOrganisationId,
            Clock clock) {
        if (status != CallStatus.OPEN) {
            throw RuleViolation.conflict(Texts.of("call.takes-nobody-more", callId, status));
        }
        if (volunteersAsked().contains(volunteerId)) {
            throw RuleViolation.conflict(Texts.of("call.volunteer-already-asked", volunteerId, callId));
        }
        raise(new VolunteerCallEvent.Assigned(
                callId, assignmentId, volunteerId, volunteerName, volunteerOrganisationId, clock.instant()));
        return assignments.get(assignmentId);
    }

    /**
     * Raises VolunteerCallShort if the call is short and this shortage was not reported yet.
     *
     * @return whether it was raised
     */
    public boolean reportShort(String reason, Clock clock) {
        if (status != CallStatus.OPEN || holding() >= needed || shortRaised) {
            return false;
        }
        raise(new VolunteerCallEvent.Short(callId, needed, holding(), reason, clock.instant()));
        return true;
    }

    public void accept(String assignmentId, Clock clock) {
        VolunteerAssignment a = assignment(assignmentId);
        requireLive();
        if (a.status() != AssignmentStatus.OFFERED) {
            throw RuleViolation.conflict(Texts.of("assignment.not-offered", assignmentId, a.status()));
        }
        raise(new VolunteerCallEvent.Accepted(callId, assignmentId, clock.instant()));
    }

    /** A volunteer may decline an offer, or withdraw after accepting, as long as the call is live. */
    public void decline(String assignmentId, String reason, Clock clock) {
        VolunteerAssignment a = assignment(assignmentId);
        requireLive();
        if (!a.status().holdsBooking()) {
            throw RuleViolation.conflict(Texts.of("assignment.cannot-be-declined", assignmentId, a.status()));
        }
        raise(new VolunteerCallEvent.Declined(
                callId, assignmentId, blank(reason) ? null : reason.strip(), clock.instant()));
    }

    /**
     * Completes the task. Everyone the call holds served, except the volunteers named in {@code noShows}; each who
     * served logs the hours given for their assignment, or by default what they served: from the window start (or
     * their acceptance, if later) to now, at most to the window end. Not before the window has begun.
     *
     * @param hours   hours per assignment id (optional entries), each above 0 and at most what was served
     * @param noShows volunteer ids who did not come: no hours, and their booking is released too
     */
    public void complete(Map<String, BigDecimal> hours, Set<String> noShows, Clock clock) {
        requireLive();
        Instant now = clock.instant();
        if (!now.isAfter(windowStart)) {
            throw RuleViolation.conflict(Texts.of("call.window-not-started", callId, windowStart));
        }
        Map<String, BigDecimal> given = hours == null ? Map.of() : hours;
        Set<String> absent = noShows == null ? Set.of() : noShows;
        List<VolunteerAssignment> held = assignments.values().stream()
                .filter(a -> a.status().holdsBooking())
                .toList();
        for (String id : given.keySet()) {
            VolunteerAssignment a = assignments.get(id);
            if (a == null || !a.status().holdsBooking()) {
                throw RuleViolation.invalid(Texts.of("hours.not-an-assignment", id, callId));
            }
            if (absent.contains(a.volunteerId())) {
                throw RuleViolation.invalid(Texts.of("hours.for-no-show", id));
            }
            BigDecimal h = given.get(id);
            if (h == null || h.signum() <= 0 || h.compareTo(MAX_HOURS) > 0) {
                throw RuleViolation.invalid(Texts.of("hours.out-of-range", MAX_HOURS));
            }
            BigDecimal served = servedHours(id, now);
            if (h.setScale(2, RoundingMode.HALF_UP).compareTo(served) > 0) {
                throw RuleViolation.invalid(Texts.of(
                        "hours.more-than-served", id, served, servedFrom(a), servedUntil(now), windowStart, windowEnd));
            }
        }
        for (String volunteerId : absent) {
            if (held.stream().noneMatch(a -> a.volunteerId().equals(volunteerId))) {
                throw RuleViolation.invalid(Texts.of("hours.no-show-not-assigned", volunteerId, callId));
            }
        }
        List<VolunteerCallEvent.Served> served = new ArrayList<>();
        List<String> noShowIds = new ArrayList<>();
        for (VolunteerAssignment a : held) {
            if (absent.contains(a.volunteerId())) {
                noShowIds.add(a.id());
            } else {
                BigDecimal h = given.containsKey(a.id()) ? given.get(a.id()) : servedHours(a.id(), now);
                served.add(new VolunteerCallEvent.Served(a.id(), a.volunteerId(), h.setScale(2, RoundingMode.HALF_UP)));
            }
        }
        if (served.isEmpty()) {
            throw RuleViolation.conflict(Texts.of("call.nobody-served", callId));
        }
        raise(new VolunteerCallEvent.Completed(callId, served, noShowIds, List.of(), now));
    }

    /**
     * The call ends with its trip ({@code what}, e.g. "trip t delivered", happened at {@code endedAt}): completed
     * with the hours of those who accepted and served (from the window start or their acceptance to {@code endedAt},
     * within the window), every other booking released; or, when nobody served, closed as {@link #NO_LONGER_NEEDED}.
     *
     * @return false when the call had already ended
     */
    public boolean endWithTrip(String what, Instant endedAt, Clock clock) {
        if (!status.live()) {
            return false;
        }
        List<VolunteerCallEvent.Served> served = new ArrayList<>();
        List<String> released = new ArrayList<>();
        for (VolunteerAssignment a : assignments.values()) {
            if (!a.status().holdsBooking()) {
                continue;
            }
            BigDecimal h = a.status() == AssignmentStatus.ACCEPTED ? servedHours(a.id(), endedAt) : BigDecimal.ZERO;
            if (h.signum() > 0) {
                served.add(new VolunteerCallEvent.Served(a.id(), a.volunteerId(), h));
            } else {
                released.add(a.id());
            }
        }
        if (served.isEmpty()) {
            raise(new VolunteerCallEvent.Cancelled(
                    callId, NO_LONGER_NEEDED + ": " + what + " before anyone served", released, clock.instant()));
        } else {
            raise(new VolunteerCallEvent.Completed(callId, served, List.of(), released, clock.instant()));
        }
        return true;
    }

    /**
     * What the assignment's volunteer served until {@code until}: from the window start, or the acceptance if later,
     * to {@code until}, at most to the window end; in hours with two decimals, at most {@link #MAX_HOURS}; zero
     * before the window began.
     */
    public BigDecimal servedHours(String assignmentId, Instant until) {
        Instant from = servedFrom(assignment(assignmentId));
        Instant to = servedUntil(until);
        if (!to.isAfter(from)) {
            return BigDecimal.ZERO.setScale(2, RoundingMode.HALF_UP);
        }
        return windowHours(from, to).min(MAX_HOURS.setScale(2, RoundingMode.HALF_UP));
    }

    private Instant servedFrom(VolunteerAssignment a) {
        Instant accepted = acceptedAt.get(a.id());
        return accepted != null && accepted.isAfter(windowStart) ? accepted : windowStart;
    }

    private Instant servedUntil(Instant until) {
        return until.isBefore(windowEnd) ? until : windowEnd;
    }

    public void cancel(String reason, Clock clock) {
        requireLive();
        List<String> released = assignments.values().stream()
                .filter(a -> a.status().holdsBooking())
                .map(VolunteerAssignment::id)
                .toList();
        raise(new VolunteerCallEvent.Cancelled(
                callId, blank(reason) ? null : reason.strip(), released, clock.instant()));
    }

    /** The length of the window in hours, two decimals: the most a volunteer can log on this call. */
    public BigDecimal defaultHours() {
        return windowHours(windowStart, windowEnd);
    }

    public static BigDecimal windowHours(Instant start, Instant end) {
        long minutes = Duration.between(start, end).toMinutes();
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }

    private void requireLive() {
        if (!status.live()) {
            throw RuleViolation.conflict(Texts.of("call.already-ended", callId, status));
        }
    }

    public VolunteerAssignment assignment(String assignmentId) {
        VolunteerAssignment a = assignments.get(assignmentId);
        if (a == null) {
            throw RuleViolation.invalid(Texts.of("assignment.not-on-call", assignmentId, callId));
        }
        return a;
    }

    @Override
    protected void apply(VolunteerCallEvent event) {
        if (event instanceof VolunteerCallEvent.Opened o) {
            callId = o.callId();
            requestId = o.requestId();
            tripId = o.tripId();
            organisationId = o.organisationId();
            purpose = o.purpose();
            skill = o.skill();
            needed = o.needed();
            district = o.district();
            windowStart = o.windowStart();
            windowEnd = o.windowEnd();
            status = CallStatus.OPEN;
        } else if (event instanceof VolunteerCallEvent.Assigned a) {
            assignments.put(
                    a.assignmentId(),
                    new VolunteerAssignment(
                            a.assignmentId(),
                            a.volunteerId(),
                            a.volunteerName(),
                            a.volunteerOrganisationId(),
                            AssignmentStatus.OFFERED,
                            null,
                            null));
            if (holding() >= needed) {
                status = CallStatus.FILLED;
                shortRaised = false;
            }
        } else if (event instanceof VolunteerCallEvent.Accepted a) {
            assignments.computeIfPresent(a.assignmentId(), (k, v) -> v.with(AssignmentStatus.ACCEPTED, null, null));
            acceptedAt.put(a.assignmentId(), a.acceptedAt());
        } else if (event instanceof VolunteerCallEvent.Declined d) {
            assignments.computeIfPresent(
                    d.assignmentId(), (k, v) -> v.with(AssignmentStatus.DECLINED, null, d.reason()));
            if (status == CallStatus.FILLED) {
                status = CallStatus.OPEN;
            }
        } else if (event instanceof VolunteerCallEvent.Short) {
            shortRaised = true;
        } else if (event instanceof VolunteerCallEvent.Completed c) {
            for (VolunteerCallEvent.Served s : c.served()) {
                assignments.computeIfPresent(
                        s.assignmentId(), (k, v) -> v.with(AssignmentStatus.COMPLETED, s.hours(), null));
            }
            for (String id : c.noShows()) {
                assignments.computeIfPresent(id, (k, v) -> v.with(AssignmentStatus.NO_SHOW, null, "did not show"));
            }
            for (String id : c.released()) {
                assignments.computeIfPresent(id, (k, v) -> v.with(AssignmentStatus.RELEASED, null, NOT_SERVED));
            }
            status = CallStatus.COMPLETED;
        } else if (event instanceof VolunteerCallEvent.Cancelled x) {
            for (String id : x.released()) {
                assignments.computeIfPresent(id, (k, v) -> v.with(AssignmentStatus.RELEASED, null, x.reason()));
            }
            status = CallStatus.CANCELLED;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String id() {
        return callId;
    }

    public String requestId() {
        return requestId;
    }

    public String tripId() {
        return tripId;
    }

    public String organisationId() {
        return organisationId;
    }

    public CallPurpose purpose() {
        return purpose;
    }

    public String skill() {
        return skill;
    }

    public int needed() {
        return needed;
    }

    public String district() {
        return district;
    }

    public Instant windowStart() {
        return windowStart;
    }

    public Instant windowEnd() {
        return windowEnd;
    }

    public CallStatus status() {
        return status;
    }

    /** The volunteers whose assignments still hold a booking: freed when the call ends or they decline. */
    public List<String> volunteersHeld() {
        return assignments().stream()
                .filter(a -> a.status().holdsBooking())
                .map(VolunteerAssignment::volunteerId)
                .toList();
    }

    public List<VolunteerAssignment> assignments() {
        return List.copyOf(assignments.values());
    }

    /** The Kafka key of its integration events: the help request, or the call itself when there is none. */
    public String key() {
        return requestId != null ? requestId : callId;
    }
}
