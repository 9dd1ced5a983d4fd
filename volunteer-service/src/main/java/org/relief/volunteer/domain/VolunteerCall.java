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
            throw RuleViolation.invalid("a call needs a purpose", "征集必须有用途");
        }
        if (spec.purpose() == CallPurpose.COMMUNITY
                && (spec.organisationId() == null || spec.organisationId().isBlank())) {
            throw RuleViolation.invalid("a community call belongs to an organisation", "社区征集必须属于某个组织");
        }
        if (spec.needed() < 1 || spec.needed() > MAX_NEEDED) {
            throw RuleViolation.invalid(
                    "a call needs 1 to " + MAX_NEEDED + " volunteers", "征集人数必须在 1 到 " + MAX_NEEDED + " 之间");
        }
        if (blank(spec.district()) || spec.district().strip().length() > MAX_TEXT) {
            throw RuleViolation.invalid("a call needs a district", "征集必须指明所在区");
        }
        if (blank(spec.place()) || spec.place().strip().length() > MAX_TEXT) {
            throw RuleViolation.invalid(
                    "a call needs a place of at most " + MAX_TEXT + " characters", "征集必须有地点，且不超过 " + MAX_TEXT + " 个字符");
        }
        if (spec.description() != null && spec.description().length() > MAX_DESCRIPTION) {
            throw RuleViolation.invalid(
                    "the description is longer than " + MAX_DESCRIPTION + " characters",
                    "说明超过 " + MAX_DESCRIPTION + " 个字符");
        }
        if (spec.windowStart() == null
                || spec.windowEnd() == null
                || !spec.windowStart().isBefore(spec.windowEnd())) {
            throw RuleViolation.invalid("a call's window must start before it ends", "征集时间窗的开始时间必须早于结束时间");
        }
        if (Duration.between(spec.windowStart(), spec.windowEnd()).compareTo(MAX_WINDOW) > 0) {
            throw RuleViolation.invalid(
                    "a call's window is at most " + MAX_WINDOW.toDays() + " days",
                    "征集时间窗最长 " + MAX_WINDOW.toDays() + " 天");
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
            throw RuleViolation.conflict(
                    "call " + callId + " is " + status + " and takes nobody more",
                    "征集 " + callId + " 状态为 " + status + "，不再接收志愿者");
        }
        if (volunteersAsked().contains(volunteerId)) {
            throw RuleViolation.conflict(
                    "volunteer " + volunteerId + " was already asked on call " + callId,
                    "志愿者 " + volunteerId + " 已在征集 " + callId + " 中被安排过");
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
            throw RuleViolation.conflict(
                    "assignment " + assignmentId + " is " + a.status() + ", not OFFERED",
                    "安排 " + assignmentId + " 的状态为 " + a.status() + "，不是待答复");
        }
        raise(new VolunteerCallEvent.Accepted(callId, assignmentId, clock.instant()));
    }

    /** A volunteer may decline an offer, or withdraw after accepting, as long as the call is live. */
    public void decline(String assignmentId, String reason, Clock clock) {
        VolunteerAssignment a = assignment(assignmentId);
        requireLive();
        if (!a.status().holdsBooking()) {
            throw RuleViolation.conflict(
                    "assignment " + assignmentId + " is " + a.status() + " and cannot be declined",
                    "安排 " + assignmentId + " 的状态为 " + a.status() + "，无法拒绝");
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
            throw RuleViolation.conflict(
                    "call " + callId + " cannot be completed before its window starts at " + windowStart
                            + ": nothing has been served yet",
                    "征集 " + callId + " 的时间窗 " + windowStart + " 尚未开始，不能完成：还没有任何服务时长");
        }
        Map<String, BigDecimal> given = hours == null ? Map.of() : hours;
        Set<String> absent = noShows == null ? Set.of() : noShows;
        List<VolunteerAssignment> held = assignments.values().stream()
                .filter(a -> a.status().holdsBooking())
                .toList();
        for (String id : given.keySet()) {
            VolunteerAssignment a = assignments.get(id);
            if (a == null || !a.status().holdsBooking()) {
                throw RuleViolation.invalid(
                        "hours were given for " + id + ", which is no offered or accepted " + "assignment of call "
                                + callId,
                        "为 " + id + " 填写了工时，但它不是征集 " + callId + " 中的有效安排");
            }
            if (absent.contains(a.volunteerId())) {
                throw RuleViolation.invalid(
                        "hours were given for " + id + ", whose volunteer did not show", "为 " + id + " 填写了工时，但该志愿者未到场");
            }
            BigDecimal h = given.get(id);
            if (h == null || h.signum() <= 0 || h.compareTo(MAX_HOURS) > 0) {
                throw RuleViolation.invalid(
                        "hours must be above 0 and at most " + MAX_HOURS, "工时必须大于 0 且不超过 " + MAX_HOURS);
            }
            BigDecimal served = servedHours(id, now);
            if (h.setScale(2, RoundingMode.HALF_UP).compareTo(served) > 0) {
                throw RuleViolation.invalid(
                        "hours for assignment " + id + " are at most " + served + ": what was "
                                + "served from " + servedFrom(a) + " to " + servedUntil(now) + " (the call's window is "
                                + windowStart + " – " + windowEnd + ")",
                        "安排 " + id + " 的工时最多为 " + served + "：即从 "
                                + servedFrom(a) + " 到 " + servedUntil(now) + " 的服务时长（征集时间窗为 " + windowStart + " – "
                                + windowEnd + "）");
            }
        }
        for (String volunteerId : absent) {
            if (held.stream().noneMatch(a -> a.volunteerId().equals(volunteerId))) {
                throw RuleViolation.invalid(
                        "volunteer " + volunteerId + " holds no assignment on call " + callId,
                        "志愿者 " + volunteerId + " 在征集 " + callId + " 中没有有效安排");
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
            throw RuleViolation.conflict(
                    "nobody served on call " + callId + ": cancel it instead", "征集 " + callId + " 没有人到场服务，请取消该征集");
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
            throw RuleViolation.conflict(
                    "call " + callId + " is already " + status, "征集 " + callId + " 已经是 " + status + " 状态");
        }
    }

    public VolunteerAssignment assignment(String assignmentId) {
        VolunteerAssignment a = assignments.get(assignmentId);
        if (a == null) {
            throw RuleViolation.invalid(
                    "assignment " + assignmentId + " is not on call " + callId,
                    "安排 " + assignmentId + " 不属于征集 " + callId);
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
