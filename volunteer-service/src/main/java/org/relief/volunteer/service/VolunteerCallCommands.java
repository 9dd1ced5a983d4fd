package org.relief.volunteer.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.runtime.TransactionRunner;
import org.relief.kernel.security.CallerScope;
import org.relief.kernel.text.Text;
import org.relief.kernel.web.ProblemException;
import org.relief.volunteer.domain.CallPurpose;
import org.relief.volunteer.domain.Texts;
import org.relief.volunteer.domain.VolunteerAssignment;
import org.relief.volunteer.domain.VolunteerCall;

/**
 * What callers do to volunteer calls through the API: answer an assignment (accept, decline), complete a call,
 * cancel a community call. Each checks the caller's scope first: a call or assignment it cannot see answers 404, one
 * it sees but may not act on 403.
 */
@ApplicationScoped
public class VolunteerCallCommands {
    private final VolunteerCallStore calls;
    private final VolunteerCallStaffing staffing;
    private final Waitlist waitlist;
    private final TransactionRunner tx;
    private final Clock clock;

    public VolunteerCallCommands(
            VolunteerCallStore calls,
            VolunteerCallStaffing staffing,
            Waitlist waitlist,
            TransactionRunner tx,
            Clock clock) {
        this.calls = calls;
        this.staffing = staffing;
        this.waitlist = waitlist;
        this.tx = tx;
        this.clock = clock;
    }

    public void accept(String assignmentId, CallerScope scope, EventContext ctx) {
        tx.inTransaction(c -> {
            VolunteerCall call = callOfAssignment(c, assignmentId, scope);
            call.accept(assignmentId, clock);
            calls.save(c, call, ctx.withCorrelation(call.key()));
            return null;
        });
    }

    /** Records a decline, frees the booking and looks at once for someone else (not the one who declined). */
    public void decline(String assignmentId, String reason, CallerScope scope, EventContext ctx) {
        tx.inTransaction(c -> {
            VolunteerCall call = callOfAssignment(c, assignmentId, scope);
            VolunteerAssignment a = call.assignment(assignmentId);
            call.decline(assignmentId, reason, clock);
            staffing.staff(c, call);
            calls.save(c, call, ctx.withCorrelation(call.key()));
            waitlist.afterCommit(List.of(a.volunteerId()));
            return null;
        });
    }

    /**
     * Completes a call. A coordinator may complete it only when every volunteer it holds is one of its own (the
     * others' coordinators, or ops, answer for theirs).
     */
    public void complete(
            String callId, Map<String, BigDecimal> hours, Set<String> noShows, CallerScope scope, EventContext ctx) {
        tx.inTransaction(c -> {
            VolunteerCall call = visibleCall(c, callId, scope);
            if (CallVisibility.coordinates(scope)) {
                List<String> others = call.assignments().stream()
                        .filter(a -> a.status().holdsBooking())
                        .filter(a -> !scope.organisationId().equals(a.organisationId()))
                        .map(VolunteerAssignment::volunteerId)
                        .toList();
                if (!others.isEmpty()) {
                    Text denied = Texts.of("call.volunteers-of-other-organisations", callId, others);
                    throw ProblemException.forbidden(denied);
                }
            }
            List<String> held = call.volunteersHeld();
            call.complete(hours, noShows, clock);
            calls.save(c, call, ctx.withCorrelation(call.key()));
            waitlist.afterCommit(held);
            return null;
        });
    }

    /** Withdraws a community call (its partner or ops); the saga's calls end with their trip or request. */
    public void cancel(String callId, String reason, CallerScope scope, EventContext ctx) {
        tx.inTransaction(c -> {
            VolunteerCall call = visibleCall(c, callId, scope);
            if (!scope.isOps()
                    && (call.purpose() != CallPurpose.COMMUNITY
                            || !scope.organisationId().equals(call.organisationId()))) {
                Text denied = Texts.of("call.cancel-not-allowed");
                throw ProblemException.forbidden(denied);
            }
            List<String> held = call.volunteersHeld();
            call.cancel(reason, clock);
            calls.save(c, call, ctx.withCorrelation(call.key()));
            waitlist.afterCommit(held);
            return null;
        });
    }

    /** The call of the assignment, if the caller sees it and (as a coordinator) answers for its volunteer. */
    private VolunteerCall callOfAssignment(Connection c, String assignmentId, CallerScope scope) throws SQLException {
        CallViews.Assignment a = CallQueries.assignment(c, assignmentId)
                .orElseThrow(() -> ProblemException.notFound("assignment", assignmentId));
        CallViews.Call view = CallQueries.call(c, a.callId()).orElseThrow();
        if (!CallQueries.visible(c, scope, view)) {
            throw ProblemException.notFound("assignment", assignmentId);
        }
        if (CallVisibility.coordinates(scope) && !scope.organisationId().equals(a.organisationId())) {
            Text denied = Texts.of("assignment.of-another-organisation", assignmentId);
            throw ProblemException.forbidden(denied);
        }
        return calls.load(c, a.callId()).orElseThrow();
    }

    private VolunteerCall visibleCall(Connection c, String callId, CallerScope scope) throws SQLException {
        CallViews.Call view = CallQueries.call(c, callId)
                .filter(v -> visibleUnchecked(c, scope, v))
                .orElseThrow(() -> ProblemException.notFound("volunteer call", callId));
        return calls.load(c, view.id()).orElseThrow();
    }

    private static boolean visibleUnchecked(Connection c, CallerScope scope, CallViews.Call v) {
        try {
            return CallQueries.visible(c, scope, v);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
