package org.relief.volunteer.service;

import org.relief.kernel.runtime.TransactionRunner;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relief.contracts.ContractTypes;
import org.relief.contracts.Topics;
import org.relief.contracts.dispatch.TripDelivered;
import org.relief.contracts.dispatch.TripPickedUp;
import org.relief.contracts.dispatch.TripScheduled;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.contracts.volunteer.VolunteerAssigned;
import org.relief.contracts.volunteer.VolunteerAssignmentAnswered;
import org.relief.contracts.volunteer.VolunteerCallCancelled;
import org.relief.contracts.volunteer.VolunteerCallCompleted;
import org.relief.contracts.volunteer.VolunteerCallOpened;
import org.relief.contracts.volunteer.VolunteerCallShort;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.outbox.Outbox;
import org.relief.kernel.outbox.OutgoingEvent;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.kernel.web.ProblemException;
import org.relief.volunteer.domain.CallPurpose;
import org.relief.volunteer.domain.OpenCall;
import org.relief.volunteer.domain.SagaCalls;
import org.relief.volunteer.domain.Skill;
import org.relief.volunteer.domain.VolunteerAssignment;
import org.relief.volunteer.domain.VolunteerCall;
import org.relief.volunteer.domain.VolunteerCallEvent;
import org.relief.volunteer.domain.VolunteerMatcher;
import org.relief.volunteer.projection.CallProjector;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Volunteer calls (streams {@code volunteer-call-<id>}): opening, staffing, answers, completion, cancellation, and
 * the saga's reactions to trips and requests. Staffing books each volunteer in volunteer_booking in the same
 * transaction as the call's events and their integration events (outbox).
 */
@ApplicationScoped
public class CallService {
    public static final String STREAM_TYPE = "volunteer-call";
    public static final String ACTOR = "volunteer-service";
    public static final String OPERATION = "volunteer-calls";
    private static final Logger LOG = Logger.getLogger(CallService.class);
    /** candidates fetched per round; more rounds follow while bookings fail and candidates remain */
    private static final int CANDIDATES_PER_ROUND = 50;

    @Inject
    EventStore eventStore;
    @Inject
    org.relief.kernel.runtime.JobTracing jobTracing;
    @Inject
    ObjectMapper json;
    @Inject
    CallProjector projector;
    @Inject
    Outbox outbox;
    @Inject
    TransactionRunner tx;
    @Inject
    Waitlist waitlist;
    @ConfigProperty(name = "relief.volunteer.match-other-districts", defaultValue = "false")
    boolean otherDistricts;
    @ConfigProperty(name = "relief.volunteer.kg-per-loader", defaultValue = "500")
    BigDecimal kgPerLoader;
    @ConfigProperty(name = "relief.volunteer.hand-out-size", defaultValue = "2")
    int handOutSize;

    @Inject
    Clock clock;
    private EventCodec<VolunteerCallEvent> codec;

    @PostConstruct
    void init() {
        codec = new EventCodec<>(VolunteerCallEvent.class, json);
    }

    /** A repository whose projection writes on the same connection as the append. */
    private EventSourcedRepository<VolunteerCall, VolunteerCallEvent> calls(Connection c) {
        return new EventSourcedRepository<>(eventStore, STREAM_TYPE, codec, VolunteerCall::new,
                (id, stored, event) -> projector.project(c, id, stored, event));
    }

    // ---------------------------------------------------------------- opening and staffing

    /** Opens a call, staffs it as far as volunteers are free, and reports it short if they are not. */
    public VolunteerCall open(Connection c, String callId, OpenCall spec, EventContext ctx) throws SQLException {
        VolunteerCall call = VolunteerCall.open(callId, spec, clock);
        staff(c, call);
        save(c, call, ctx);
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
        Skill skill = call.skill() == null ? null : Skill.of(call.skill()).orElse(null);
        Set<String> tried = new HashSet<>(call.volunteersAsked());
        while (call.openSlots() > 0) {
            var need = new VolunteerMatcher.Need(skill, call.district(), call.windowStart(), call.windowEnd(),
                    otherDistricts, Set.copyOf(tried));
            List<VolunteerMatcher.Candidate> found = CandidateSearch.find(c, json, need, tried, CANDIDATES_PER_ROUND);
            if (found.isEmpty()) {
                break;
            }
            for (VolunteerMatcher.Candidate v : found) {
                tried.add(v.volunteerId());
            }
            for (VolunteerMatcher.Candidate v : VolunteerMatcher.rank(need, found)) {
                String assignmentId = UUID.randomUUID().toString();
                if (CandidateSearch.book(c, assignmentId, v.volunteerId(), call.id(), call.windowStart(),
                        call.windowEnd())) {
                    call.assign(assignmentId, v.volunteerId(), v.name(), v.organisationId(), clock);
                    if (call.openSlots() == 0) {
                        break;
                    }
                }
            }
        }
        if (call.openSlots() > 0) {
            call.reportShort(call.holding() + " of " + call.needed() + " volunteers found: nobody else "
                    + (skill == null ? "" : "with skill " + skill.code() + " ") + "in " + call.district()
                    + (otherDistricts ? " or another district" : "") + " is free for " + call.windowStart() + " – "
                    + call.windowEnd() + "; the call waits for volunteers", clock);
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
                ps.setBoolean(4, otherDistricts);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    callId = rs.getString(1);
                }
            }
            VolunteerCall call = calls(c).load(c, callId).orElseThrow();
            staff(c, call);
            save(c, call, new EventContext(call.key(), null, ACTOR, call.organisationId(),
                    jobTracing.traceparent(c, "waitlist", STREAM_TYPE + "-" + callId)));
            return Optional.of(callId);
        });
    }

    // ---------------------------------------------------------------- commands through the API

    public void accept(String assignmentId, Viewer viewer, EventContext ctx) {
        tx.inTransaction(c -> {
            VolunteerCall call = callOfAssignment(c, assignmentId, viewer);
            call.accept(assignmentId, clock);
            save(c, call, ctx.withCorrelation(call.key()));
            return null;
        });
    }

    /** Records a decline, frees the booking and looks at once for someone else (not the one who declined). */
    public void decline(String assignmentId, String reason, Viewer viewer, EventContext ctx) {
        tx.inTransaction(c -> {
            VolunteerCall call = callOfAssignment(c, assignmentId, viewer);
            VolunteerAssignment a = call.assignment(assignmentId);
            call.decline(assignmentId, reason, clock);
            staff(c, call);
            save(c, call, ctx.withCorrelation(call.key()));
            waitlist.afterCommit(List.of(a.volunteerId()));
            return null;
        });
    }

    /**
     * Completes a call. A coordinator may complete it only when every volunteer it holds is one of its own (the
     * others' coordinators, or ops, answer for theirs).
     */
    public void complete(String callId, Map<String, BigDecimal> hours, Set<String> noShows, Viewer viewer,
                         EventContext ctx) {
        tx.inTransaction(c -> {
            VolunteerCall call = visibleCall(c, callId, viewer);
            if (viewer.kind() == Viewer.Kind.COORDINATOR) {
                List<String> others = call.assignments().stream().filter(a -> a.status().holdsBooking())
                        .filter(a -> !viewer.organisationId().equals(a.organisationId()))
                        .map(VolunteerAssignment::volunteerId).toList();
                if (!others.isEmpty()) {
                    throw new ProblemException(403, "forbidden", "call " + callId + " holds volunteers of other "
                            + "organisations " + others + ": their coordinators or ops complete it",
                            "征集 " + callId + " 中有其他组织的志愿者 " + others + "，请由其协调员或运维人员完成");
                }
            }
            List<String> held = call.assignments().stream().filter(a -> a.status().holdsBooking())
                    .map(VolunteerAssignment::volunteerId).toList();
            call.complete(hours, noShows, clock);
            save(c, call, ctx.withCorrelation(call.key()));
            waitlist.afterCommit(held);
            return null;
        });
    }

    /** Withdraws a community call (its partner or ops); the saga's calls end with their trip or request. */
    public void cancel(String callId, String reason, Viewer viewer, EventContext ctx) {
        tx.inTransaction(c -> {
            VolunteerCall call = visibleCall(c, callId, viewer);
            if (!viewer.isOps() && (call.purpose() != CallPurpose.COMMUNITY
                    || !viewer.organisationId().equals(call.organisationId()))) {
                throw new ProblemException(403, "forbidden", "only ops or the organisation that opened a community "
                        + "call may cancel it; the saga's calls end with their trip or request",
                        "只有运维人员或发起社区征集的组织可以取消它；流程自动发起的征集随其行程或求助结束");
            }
            cancel(c, call, reason, ctx.withCorrelation(call.key()));
            return null;
        });
    }

    private void cancel(Connection c, VolunteerCall call, String reason, EventContext ctx) throws SQLException {
        List<String> held = call.assignments().stream().filter(a -> a.status().holdsBooking())
                .map(VolunteerAssignment::volunteerId).toList();
        call.cancel(reason, clock);
        save(c, call, ctx);
        waitlist.afterCommit(held);
    }

    /**
     * The saga ends a call (its trip or its request ended). The list of live calls is read before each call is
     * loaded, so another consumer may have ended the call in between (a request cancelled and its trip cancelled
     * arrive on two topics at once): already ended, it stays as it is, instead of the record being parked.
     */
    private void cancelIfLive(Connection c, String callId, String reason, EventContext ctx) throws SQLException {
        VolunteerCall call = calls(c).load(c, callId).orElseThrow();
        if (call.status().live()) {
            cancel(c, call, reason, ctx);
        }
    }

    private VolunteerCall callOfAssignment(Connection c, String assignmentId, Viewer viewer) throws SQLException {
        CallViews.Assignment a = CallQueries.assignment(c, assignmentId)
                .orElseThrow(() -> ProblemException.notFound("assignment", assignmentId));
        CallViews.Call view = CallQueries.call(c, a.callId()).orElseThrow();
        if (!CallQueries.visible(c, viewer, view)) {
            throw ProblemException.notFound("assignment", assignmentId);
        }
        if (viewer.kind() == Viewer.Kind.COORDINATOR && !viewer.organisationId().equals(a.organisationId())) {
            throw new ProblemException(403, "forbidden", "assignment " + assignmentId + " is of a volunteer of "
                    + "another organisation: its coordinator records the answer",
                    "安排 " + assignmentId + " 属于其他组织的志愿者，应由其协调员记录答复");
        }
        return calls(c).load(c, a.callId()).orElseThrow();
    }

    private VolunteerCall visibleCall(Connection c, String callId, Viewer viewer) throws SQLException {
        CallViews.Call view = CallQueries.call(c, callId)
                .filter(v -> visibleUnchecked(c, viewer, v))
                .orElseThrow(() -> ProblemException.notFound("volunteer call", callId));
        return calls(c).load(c, view.id()).orElseThrow();
    }

    private static boolean visibleUnchecked(Connection c, Viewer viewer, CallViews.Call v) {
        try {
            return CallQueries.visible(c, viewer, v);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A deactivated volunteer serves no more: every live call, whose window is not over, that still holds them
     * records a decline on their behalf and looks for someone else at once (runs in the deactivating transaction).
     */
    public void volunteerDeactivated(Connection c, String volunteerId, EventContext ctx) throws SQLException {
        for (CallViews.Assignment held : CallQueries.heldBy(c, volunteerId)) {
            VolunteerCall call = calls(c).load(c, held.callId()).orElseThrow();
            call.decline(held.id(), "volunteer deactivated", clock);
            staff(c, call);
            save(c, call, ctx.withCorrelation(call.key()));
        }
    }

    // ---------------------------------------------------------------- the saga

    /** A FREIGHT trip needs loaders at the warehouse and hands at the compound; a RIDE needs nobody. */
    public void tripScheduled(Connection c, TripScheduled t, EventContext ctx) throws SQLException {
        if (!TripScheduled.FREIGHT.equals(t.kind())) {
            return;
        }
        if (t.tripId() == null || t.windowStart() == null) {
            // broken input: parked at once for ops rather than retried
            throw RuleViolation.invalid("TripScheduled without a trip id or window start",
                    "TripScheduled 缺少行程编号或开始时间");
        }
        if (cancelled(c, "TRIP", t.tripId()) || cancelled(c, "REQUEST", t.requestId())) {
            LOG.infof("trip %s of request %s was cancelled before it was scheduled here: no calls", t.tripId(),
                    t.requestId());
            return;
        }
        var from = t.from() == null ? new org.relief.contracts.dispatch.Place(null, null, null, null) : t.from();
        var to = t.to() == null ? new org.relief.contracts.dispatch.Place(null, null, null, null) : t.to();
        openOnce(c, sagaCallId("trip", t.tripId(), CallPurpose.LOADING), SagaCalls.loading(t.requestId(), t.tripId(),
                t.organisationId(), from.district(), from.name(), from.address(), t.weightKg(), kgPerLoader,
                t.windowStart()), ctx);
        openOnce(c, sagaCallId("trip", t.tripId(), CallPurpose.HAND_OUT), SagaCalls.handOut(t.requestId(),
                t.tripId(), t.organisationId(), to.district(), to.name(), to.address(), handOutSize, t.windowStart(),
                t.windowEnd()), ctx);
    }

    /** TripCancelled or TripFailed: the trip's live calls are cancelled; remembered for events still to come. */
    public void tripEnded(Connection c, String tripId, String reason, EventContext ctx) throws SQLException {
        remember(c, "TRIP", tripId, reason);
        for (String callId : CallQueries.liveCalls(c, "trip_id", tripId)) {
            cancelIfLive(c, callId, reason, ctx);
        }
    }

    /** The loading is over when the vehicle leaves the warehouse: the trip's LOADING call ends. */
    public void tripPickedUp(Connection c, TripPickedUp p, EventContext ctx) throws SQLException {
        endWithTrip(c, p.tripId(), Set.of(CallPurpose.LOADING), "trip " + p.tripId() + " picked up",
                p.pickedUpAt(), ctx);
    }

    /**
     * The goods were handed over: every call of the trip still live ends (a LOADING call whose pickup was not seen
     * too); remembered, so that a TripScheduled replayed later opens nothing.
     */
    public void tripDelivered(Connection c, TripDelivered d, EventContext ctx) throws SQLException {
        if (d.tripId() == null) {
            return;
        }
        remember(c, "TRIP", d.tripId(), "trip delivered");
        endWithTrip(c, d.tripId(), Set.of(CallPurpose.values()), "trip " + d.tripId() + " delivered",
                d.deliveredAt(), ctx);
    }

    /**
     * Each live call of the trip with one of {@code purposes} is completed for those who accepted and served until
     * {@code at} (the offers released), or closed as no longer needed; the freed volunteers go to the waitlist.
     */
    private void endWithTrip(Connection c, String tripId, Set<CallPurpose> purposes, String what, Instant at,
                             EventContext ctx) throws SQLException {
        if (tripId == null) {
            return;
        }
        Instant endedAt = at != null ? at : clock.instant();
        for (String callId : CallQueries.liveCalls(c, "trip_id", tripId)) {
            VolunteerCall call = calls(c).load(c, callId).orElseThrow();
            if (!purposes.contains(call.purpose())) {
                continue;
            }
            List<String> held = call.assignments().stream().filter(a -> a.status().holdsBooking())
                    .map(VolunteerAssignment::volunteerId).toList();
            if (call.endWithTrip(what, endedAt, clock)) {
                save(c, call, ctx);
                waitlist.afterCommit(held);
            }
        }
    }

    /** A CARE request: one volunteer visits. Other kinds need no volunteer from the request itself. */
    public void careRequested(Connection c, HelpRequestSubmitted s, EventContext ctx) throws SQLException {
        if (!"CARE".equals(s.kind())) {
            return;
        }
        if (s.requestId() == null) {
            throw RuleViolation.invalid("HelpRequestSubmitted without a request id", "HelpRequestSubmitted 缺少求助编号");
        }
        if (cancelled(c, "REQUEST", s.requestId())) {
            return;
        }
        var care = s.care() == null ? new HelpRequestSubmitted.CareDetails(null, null, null, null, null) : s.care();
        openOnce(c, sagaCallId("care", s.requestId(), CallPurpose.CARE_VISIT), SagaCalls.careVisit(s.requestId(),
                s.organisationId(), s.district(), s.community(), s.address(), care.need(), care.skill(),
                care.personName(), care.windowStart(), care.windowEnd(), clock.instant()), ctx);
    }

    /** Every live call of the request is cancelled; remembered for trips of the request still to come. */
    public void requestCancelled(Connection c, HelpRequestCancelled x, EventContext ctx) throws SQLException {
        String reason = "request cancelled" + (x.reason() == null ? "" : ": " + x.reason());
        remember(c, "REQUEST", x.requestId(), reason);
        for (String callId : CallQueries.liveCalls(c, "request_id", x.requestId())) {
            cancelIfLive(c, callId, reason, ctx);
        }
    }

    /**
     * The saga's call ids are derived from what they are for, so a second event with the same meaning (a
     * redelivery under a new id, a replay) finds the call already there and opens nothing.
     */
    static String sagaCallId(String of, String id, CallPurpose purpose) {
        return UUID.nameUUIDFromBytes((of + ":" + id + ":" + purpose).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void openOnce(Connection c, String callId, OpenCall spec, EventContext ctx) throws SQLException {
        if (eventStore.currentVersion(c, calls(c).streamId(callId)) > 0) {
            return;
        }
        open(c, callId, spec, ctx);
    }

    private static boolean cancelled(Connection c, String kind, String id) throws SQLException {
        if (id == null) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("select 1 from saga_cancellation where kind = ? and id = ?")) {
            ps.setString(1, kind);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void remember(Connection c, String kind, String id, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into saga_cancellation (kind, id, reason, cancelled_at) "
                + "values (?, ?, ?, ?) on conflict do nothing")) {
            ps.setString(1, kind);
            ps.setString(2, id);
            ps.setString(3, reason);
            ps.setObject(4, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)));
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- events out

    /** Appends the call's new events (projected on {@code c}) and writes their integration events to the outbox. */
    private void save(Connection c, VolunteerCall call, EventContext ctx) throws SQLException {
        int holding = CallQueries.call(c, call.id()).map(CallViews.Call::assigned).orElse(0);
        var repository = calls(c);
        for (StoredEvent stored : repository.save(c, call, ctx)) {
            VolunteerCallEvent e = repository.decode(stored);
            if (e instanceof VolunteerCallEvent.Assigned) {
                holding++;
            } else if (e instanceof VolunteerCallEvent.Declined) {
                holding--;
            }
            Object contract = toContract(call, e, holding);
            if (contract != null) {
                outbox.enqueue(c, OutgoingEvent.of(Topics.VOLUNTEER, call.key(), typeOf(contract, e),
                        ContractTypes.versionOf(contract), call.id(), contract, ctx));
            }
        }
    }

    private static Object toContract(VolunteerCall call, VolunteerCallEvent event, int holding) {
        String purpose = call.purpose().name();
        if (event instanceof VolunteerCallEvent.Opened o) {
            return new VolunteerCallOpened(o.callId(), o.requestId(), o.tripId(), o.organisationId(), purpose,
                    o.skill(), o.needed(), o.district(), o.place(), o.windowStart(), o.windowEnd(), o.openedAt());
        }
        if (event instanceof VolunteerCallEvent.Assigned a) {
            return new VolunteerAssigned(call.id(), call.requestId(), call.tripId(), purpose, a.assignmentId(),
                    a.volunteerId(), a.volunteerName(), call.windowStart(), call.windowEnd(), holding, call.needed(),
                    a.assignedAt());
        }
        if (event instanceof VolunteerCallEvent.Accepted a) {
            return new VolunteerAssignmentAnswered(call.id(), call.requestId(), call.tripId(), purpose,
                    a.assignmentId(), call.assignment(a.assignmentId()).volunteerId(), null, a.acceptedAt());
        }
        if (event instanceof VolunteerCallEvent.Declined d) {
            return new VolunteerAssignmentAnswered(call.id(), call.requestId(), call.tripId(), purpose,
                    d.assignmentId(), call.assignment(d.assignmentId()).volunteerId(), d.reason(), d.declinedAt());
        }
        if (event instanceof VolunteerCallEvent.Short s) {
            return new VolunteerCallShort(call.id(), call.requestId(), call.tripId(), purpose, s.needed(),
                    s.assigned(), s.reason(), s.at());
        }
        if (event instanceof VolunteerCallEvent.Completed done) {
            BigDecimal hours = done.served().stream().map(VolunteerCallEvent.Served::hours)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            return new VolunteerCallCompleted(call.id(), call.requestId(), call.tripId(), purpose,
                    done.served().size(), hours, done.completedAt());
        }
        if (event instanceof VolunteerCallEvent.Cancelled x) {
            return new VolunteerCallCancelled(call.id(), call.requestId(), call.tripId(), purpose, x.reason(),
                    x.cancelledAt());
        }
        return null;
    }

    /** Accepted and declined share one payload; every other contract names its own type. */
    private static String typeOf(Object contract, VolunteerCallEvent event) {
        if (contract instanceof VolunteerAssignmentAnswered) {
            return event instanceof VolunteerCallEvent.Accepted ? VolunteerAssignmentAnswered.ACCEPTED
                    : VolunteerAssignmentAnswered.DECLINED;
        }
        return ContractTypes.typeOf(contract);
    }

    /** The call's event history, for its timeline. */
    List<StoredEvent> history(Connection c, String callId) {
        return calls(c).history(c, callId);
    }
}
