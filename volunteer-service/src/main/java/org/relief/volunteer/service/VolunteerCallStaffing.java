package org.relief.volunteer.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.runtime.JobTracing;
import org.relief.kernel.runtime.TransactionRunner;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.volunteer.config.VolunteerCallSettings;
import org.relief.volunteer.domain.OpenCall;
import org.relief.volunteer.domain.Skill;
import org.relief.volunteer.domain.VolunteerCall;
import org.relief.volunteer.domain.VolunteerMatcher;

/**
 * Opens volunteer calls and staffs them: books free matching volunteers (volunteer_booking, in the same transaction
 * as the call's events), reports the call short when they are too few, and tops up short calls from the waitlist.
 */
@ApplicationScoped
public class VolunteerCallStaffing {
    /** the idempotency-key operation of opening a community call */
    public static final String OPERATION = "volunteer-calls";
    /** the reason recorded on a deactivated volunteer's assignments */
    static final String VOLUNTEER_DEACTIVATED = "volunteer deactivated";
    /** candidates fetched per round; more rounds follow while bookings fail and candidates remain */
    private static final int CANDIDATES_PER_ROUND = 50;

    private final VolunteerCallStore calls;
    private final TransactionRunner tx;
    private final JobTracing jobTracing;
    private final ObjectMapper json;
    private final VolunteerCallSettings settings;
    private final Clock clock;

    public VolunteerCallStaffing(
            VolunteerCallStore calls,
            TransactionRunner tx,
            JobTracing jobTracing,
            ObjectMapper json,
            VolunteerCallSettings settings,
            Clock clock) {
        this.calls = calls;
        this.tx = tx;
        this.jobTracing = jobTracing;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /** Opens a call, staffs it as far as volunteers are free, and reports it short if they are not. */
    public VolunteerCall open(Connection c, String callId, OpenCall spec, EventContext ctx) throws SQLException {
        VolunteerCall call = VolunteerCall.open(callId, spec, clock);
        staff(c, call);
        calls.save(c, call, ctx);
        return call;
    }

    /** A partner's (or ops') COMMUNITY call; with an Idempotency-Key a retry returns the first call. */
    public IdempotencyKeys.Outcome<String> openCommunity(OpenCall spec, IdempotencyKeys.Key key, EventContext ctx) {
        return tx.inTransaction(c -> {
            Optional<String> earlier = IdempotencyKeys.earlier(c, key);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(earlier.get());
            }
            String callId = UUID.randomUUID().toString();
            earlier = IdempotencyKeys.claim(c, key, callId);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(earlier.get());
            }
            open(c, callId, spec, ctx.withCorrelation(callId));
            return IdempotencyKeys.Outcome.created(callId);
        });
    }

    /**
     * Books free matching volunteers until the call holds as many as it needs or nobody fits any more. A booking
     * that a concurrent transaction made first fails (exclusion constraint) and the next candidate is tried.
     */
    void staff(Connection c, VolunteerCall call) throws SQLException {
        if (call.openSlots() <= 0) {
            return;
        }
        boolean otherDistricts = settings.matchOtherDistricts();
        Skill skill = call.skill() == null ? null : Skill.of(call.skill()).orElse(null);
        Set<String> tried = new HashSet<>(call.volunteersAsked());
        while (call.openSlots() > 0) {
            var need = new VolunteerMatcher.Need(
                    skill, call.district(), call.windowStart(), call.windowEnd(), otherDistricts, Set.copyOf(tried));
            List<VolunteerMatcher.Candidate> found = CandidateSearch.find(c, json, need, tried, CANDIDATES_PER_ROUND);
            if (found.isEmpty()) {
                break;
            }
            for (VolunteerMatcher.Candidate v : found) {
                tried.add(v.volunteerId());
            }
            for (VolunteerMatcher.Candidate v : VolunteerMatcher.rank(need, found)) {
                String assignmentId = UUID.randomUUID().toString();
                if (CandidateSearch.book(
                        c, assignmentId, v.volunteerId(), call.id(), call.windowStart(), call.windowEnd())) {
                    call.assign(assignmentId, v.volunteerId(), v.name(), v.organisationId(), clock);
                    if (call.openSlots() == 0) {
                        break;
                    }
                }
            }
        }
        if (call.openSlots() > 0) {
            call.reportShort(
                    call.holding() + " of " + call.needed() + " volunteers found: nobody else "
                            + (skill == null ? "" : "with skill " + skill.code() + " ") + "in " + call.district()
                            + (otherDistricts ? " or another district" : "") + " is free for " + call.windowStart()
                            + " – "
                            + call.windowEnd() + "; the call waits for volunteers",
                    clock);
        }
    }

    /**
     * Tops up the first call of the waitlist (OPEN, still short, window not over, earliest window first) for which a
     * free matching volunteer exists, optionally only calls {@code volunteerId} could answer. The call's row is
     * taken FOR UPDATE SKIP LOCKED, so concurrent top-ups (the job on several instances, freed volunteers) work on
     * different calls.
     *
     * @return the call looked at, or empty when no call of the waitlist can be helped now
     */
    public Optional<String> topUpNext(String volunteerId, Set<String> skip) {
        return tx.inTransaction(c -> {
            String callId;
            try (PreparedStatement ps = c.prepareStatement("select c.id from volunteer_call_view c "
                    + "where c.status = 'OPEN' and c.assigned < c.needed and c.window_end > now() "
                    + "and c.id <> all (?) and exists (select 1 from volunteer_view v where v.active "
                    + "  and (?::text is null or v.id = ?::text) and (? or v.district = c.district) "
                    + "  and (c.skill is null or exists (select 1 from jsonb_array_elements_text(v.skills) s(code) "
                    + "      where s.code = c.skill or s.code like c.skill || '.%')) "
                    + "  and exists (select 1 from volunteer_window w where w.volunteer_id = v.id "
                    + "      and w.from_at <= c.window_start and w.to_at > c.window_start) "
                    + "  and not exists (select 1 from volunteer_booking b where b.volunteer_id = v.id "
                    + "      and b.period && tstzrange(c.window_start, c.window_end, '[)')) "
                    + "  and not exists (select 1 from volunteer_assignment_view a where a.call_id = c.id "
                    + "      and a.volunteer_id = v.id)) "
                    + "order by c.window_start, c.id limit 1 for update of c skip locked")) {
                ps.setArray(1, c.createArrayOf("text", skip.toArray()));
                ps.setString(2, volunteerId);
                ps.setString(3, volunteerId);
                ps.setBoolean(4, settings.matchOtherDistricts());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    callId = rs.getString(1);
                }
            }
            VolunteerCall call = calls.load(c, callId).orElseThrow();
            staff(c, call);
            calls.save(
                    c,
                    call,
                    new EventContext(
                            call.key(),
                            null,
                            VolunteerCallStore.ACTOR,
                            call.organisationId(),
                            jobTracing.traceparent(c, "waitlist", VolunteerCall.STREAM_TYPE + "-" + callId)));
            return Optional.of(callId);
        });
    }

    /**
     * A deactivated volunteer serves no more: every live call, whose window is not over, that still holds them
     * records a decline on their behalf and looks for someone else at once (runs in the deactivating transaction).
     */
    public void volunteerDeactivated(Connection c, String volunteerId, EventContext ctx) throws SQLException {
        for (CallViews.Assignment held : CallQueries.heldBy(c, volunteerId)) {
            VolunteerCall call = calls.load(c, held.callId()).orElseThrow();
            call.decline(held.id(), VOLUNTEER_DEACTIVATED, clock);
            staff(c, call);
            calls.save(c, call, ctx.withCorrelation(call.key()));
        }
    }
}
