package org.relief.volunteer.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relief.kernel.security.CallerScope;
import org.relief.kernel.text.Text;
import org.relief.volunteer.domain.AssignmentStatus;
import org.relief.volunteer.domain.CallPurpose;
import org.relief.volunteer.domain.CallStatus;
import org.relief.volunteer.domain.Texts;
import org.relief.volunteer.domain.VolunteerCall;

/**
 * Need-to-know for the person a CARE_VISIT call is for (issue 11). The call's place (the exact address), its
 * description (which names the person and the need) and its skill note (the requested skill and the need as the
 * partner wrote them) are shown only to
 * <ul>
 *     <li>ops;</li>
 *     <li>the organisation the call is for (the partner that made the request: its own record);</li>
 *     <li>a coordinator one of whose volunteers the call holds (an OFFERED or ACCEPTED assignment), while the call
 *     is live (OPEN or FILLED).</li>
 * </ul>
 * Everyone else who sees the call (every coordinator sees saga calls to staff them, and the assigned coordinator
 * once the call has ended) gets it with {@code personalData = WITHHELD}: no place, a neutral description built from
 * the purpose and district, no skill note, and of a cancel or release reason only the service's own words (not the
 * requester's); purpose, district, window, skill, needed, status and the staffing figures stay. A decline reason is
 * shown in such a view only to the declining volunteer's own coordinator. Other purposes carry no such data and are
 * shown as they are.
 *
 * <p>Every read of calls, assignments and bookings in {@link CallQueries} goes through here; the commands read the
 * views unfiltered for their own checks.
 */
final class CareVisitPrivacy {
    /** the value of {@code personalData} when the care visit's personal data was left out for the caller */
    static final String WITHHELD = "WITHHELD";
    /** what a care visit is cancelled with when its request is; the requester's reason follows after ": " */
    static final String REQUEST_CANCELLED = VolunteerCallSaga.REQUEST_CANCELLED;

    private static final String DID_NOT_SHOW = "did not show";

    private CareVisitPrivacy() {}

    /**
     * The rule, on its own: whether {@code scope} may see the personal data of {@code call}.
     *
     * @param callerHolds the call holds (OFFERED or ACCEPTED) a volunteer of the caller's organisation
     */
    static boolean mayKnow(CallerScope scope, CallViews.Call call, boolean callerHolds) {
        if (!CallPurpose.CARE_VISIT.name().equals(call.purpose()) || scope.isOps()) {
            return true;
        }
        if (scope.organisationId() != null && scope.organisationId().equals(call.organisationId())) {
            return true;
        }
        return CallVisibility.coordinates(scope) && callerHolds && live(call);
    }

    /** The calls as {@code scope} may see them. */
    static List<CallViews.Call> calls(Connection c, CallerScope scope, List<CallViews.Call> calls) throws SQLException {
        Set<String> held = held(c, scope, calls);
        return calls.stream()
                .map(call -> mayKnow(scope, call, held.contains(call.id())) ? call : withheld(call))
                .toList();
    }

    /** A call with its assignments as {@code scope} may see them (the timeline names no person). */
    static CallViews.Details details(CallerScope scope, CallViews.Details d) {
        String org = scope.organisationId();
        boolean holds = org != null
                && d.assignments().stream().anyMatch(a -> org.equals(a.organisationId()) && holdsBooking(a));
        if (mayKnow(scope, d.call(), holds)) {
            return d;
        }
        return new CallViews.Details(
                withheld(d.call()),
                d.assignments().stream().map(a -> withheld(scope, a)).toList(),
                d.timeline());
    }

    /** Assignments (of any calls) as {@code scope} may see them. */
    static List<CallViews.Assignment> assignments(
            Connection c, CallerScope scope, List<CallViews.Assignment> assignments) throws SQLException {
        Set<String> known = known(
                c, scope, assignments.stream().map(CallViews.Assignment::callId).toList());
        return assignments.stream()
                .map(a -> known.contains(a.callId()) ? a : withheld(scope, a))
                .toList();
    }

    /** A volunteer's bookings as {@code scope} may see them. */
    static List<CallViews.Booking> bookings(Connection c, CallerScope scope, List<CallViews.Booking> bookings)
            throws SQLException {
        Set<String> known =
                known(c, scope, bookings.stream().map(CallViews.Booking::callId).toList());
        return bookings.stream()
                .map(b -> known.contains(b.callId())
                        ? b
                        : new CallViews.Booking(
                                b.assignmentId(),
                                b.callId(),
                                b.purpose(),
                                b.district(),
                                null,
                                b.from(),
                                b.to(),
                                WITHHELD))
                .toList();
    }

    /** The neutral description of a care visit in {@code district}, in English and Chinese. */
    static String neutralDescription(String district) {
        String d = district == null || district.isBlank() ? null : district.strip();
        Text t = d == null ? Texts.of("call.neutral-description") : Texts.of("call.neutral-description-in", d);
        return t.in(false) + " / " + t.in(true);
    }

    // ---------------------------------------------------------------- redaction

    static CallViews.Call withheld(CallViews.Call c) {
        return new CallViews.Call(
                c.id(),
                c.requestId(),
                c.tripId(),
                c.organisationId(),
                c.purpose(),
                c.skill(),
                null,
                c.needed(),
                c.assigned(),
                c.district(),
                null,
                neutralDescription(c.district()),
                c.windowStart(),
                c.windowEnd(),
                c.status(),
                c.understaffed(),
                c.shortReason(),
                c.openedAt(),
                c.completedAt(),
                c.cancelledAt(),
                serviceWords(c.cancelReason()),
                c.personTimes(),
                c.hours(),
                WITHHELD);
    }

    static CallViews.Assignment withheld(CallerScope scope, CallViews.Assignment a) {
        String reason;
        if (AssignmentStatus.DECLINED.name().equals(a.status())) {
            // the volunteer's own words, recorded by their coordinator
            boolean own =
                    scope.organisationId() != null && scope.organisationId().equals(a.organisationId());
            reason = own ? a.reason() : null;
        } else {
            reason = serviceWords(a.reason());
        }
        return new CallViews.Assignment(
                a.id(),
                a.callId(),
                a.volunteerId(),
                a.volunteerName(),
                a.organisationId(),
                a.status(),
                a.hours(),
                reason,
                a.offeredAt(),
                a.answeredAt(),
                a.endedAt(),
                WITHHELD);
    }

    /**
     * Of a reason that ended a care visit or released its booking, only what the service itself wrote: "request
     * cancelled" without the requester's words, or one of the fixed reasons; anything else is left out.
     */
    static String serviceWords(String reason) {
        if (reason == null) {
            return null;
        }
        if (reason.equals(REQUEST_CANCELLED) || reason.startsWith(REQUEST_CANCELLED + ":")) {
            return REQUEST_CANCELLED;
        }
        if (reason.equals(VolunteerCall.NOT_SERVED) || reason.equals(DID_NOT_SHOW)) {
            return reason;
        }
        return null;
    }

    // ---------------------------------------------------------------- reading what the rule needs

    /** The ids among {@code callIds} whose personal data {@code scope} may see. */
    private static Set<String> known(Connection c, CallerScope scope, Collection<String> callIds) throws SQLException {
        Map<String, CallViews.Call> calls = new LinkedHashMap<>();
        for (String id : new HashSet<>(callIds)) {
            CallQueries.call(c, id).ifPresent(call -> calls.put(id, call));
        }
        Set<String> held = held(c, scope, calls.values());
        Set<String> known = new HashSet<>();
        for (CallViews.Call call : calls.values()) {
            if (mayKnow(scope, call, held.contains(call.id()))) {
                known.add(call.id());
            }
        }
        return known;
    }

    /**
     * The live care visits among {@code calls} that hold a volunteer of the caller's organisation (only those of
     * other organisations are asked about: the others are decided without it).
     */
    private static Set<String> held(Connection c, CallerScope scope, Collection<CallViews.Call> calls)
            throws SQLException {
        if (!CallVisibility.coordinates(scope) || scope.organisationId() == null) {
            return Set.of();
        }
        List<String> ids = calls.stream()
                .filter(call -> CallPurpose.CARE_VISIT.name().equals(call.purpose())
                        && live(call)
                        && !scope.organisationId().equals(call.organisationId()))
                .map(CallViews.Call::id)
                .distinct()
                .toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<String> held = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select distinct call_id from volunteer_assignment_view "
                + "where organisation_id = ? and status in ('OFFERED', 'ACCEPTED') and call_id = any (?)")) {
            ps.setString(1, scope.organisationId());
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.add(rs.getString(1));
                }
            }
        }
        return held;
    }

    private static boolean live(CallViews.Call call) {
        return call.status() != null && CallStatus.valueOf(call.status()).live();
    }

    private static boolean holdsBooking(CallViews.Assignment a) {
        return a.status() != null && AssignmentStatus.valueOf(a.status()).holdsBooking();
    }
}
