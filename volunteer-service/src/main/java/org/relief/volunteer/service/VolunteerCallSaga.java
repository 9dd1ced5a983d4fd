package org.relief.volunteer.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.relief.contracts.dispatch.Place;
import org.relief.contracts.dispatch.TripCancelled;
import org.relief.contracts.dispatch.TripDelivered;
import org.relief.contracts.dispatch.TripFailed;
import org.relief.contracts.dispatch.TripPickedUp;
import org.relief.contracts.dispatch.TripScheduled;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.envelope.EventContext;
import org.relief.volunteer.config.VolunteerCallSettings;
import org.relief.volunteer.domain.CallPurpose;
import org.relief.volunteer.domain.OpenCall;
import org.relief.volunteer.domain.SagaCalls;
import org.relief.volunteer.domain.Texts;
import org.relief.volunteer.domain.VolunteerCall;

/**
 * The saga's steps: volunteer calls opened and ended by other services' events. A FREIGHT trip opens its LOADING and
 * HAND_OUT calls and they end with the trip; a CARE request opens its CARE_VISIT call; a cancelled request or trip
 * cancels its live calls. Each step runs in the consuming transaction.
 */
@ApplicationScoped
public class VolunteerCallSaga {
    private static final Logger LOG = Logger.getLogger(VolunteerCallSaga.class);
    /** reasons of the calls the saga ends (texts published in VolunteerCallCancelled and shown on the call) */
    static final String TRIP_CANCELLED = "trip cancelled: ";

    static final String TRIP_FAILED = "trip failed: ";
    static final String TRIP_DELIVERED = "trip delivered";
    static final String REQUEST_CANCELLED = "request cancelled";
    /** what a derived call id is derived from */
    private static final String OF_TRIP = "trip";

    private static final String OF_CARE = "care";

    private final VolunteerCallStore calls;
    private final VolunteerCallStaffing staffing;
    private final Waitlist waitlist;
    private final VolunteerCallSettings settings;
    private final Clock clock;

    public VolunteerCallSaga(
            VolunteerCallStore calls,
            VolunteerCallStaffing staffing,
            Waitlist waitlist,
            VolunteerCallSettings settings,
            Clock clock) {
        this.calls = calls;
        this.staffing = staffing;
        this.waitlist = waitlist;
        this.settings = settings;
        this.clock = clock;
    }

    /** A FREIGHT trip needs loaders at the warehouse and hands at the compound; a RIDE needs nobody. */
    public void tripScheduled(Connection c, TripScheduled t, EventContext ctx) throws SQLException {
        if (!TripScheduled.FREIGHT.equals(t.kind())) {
            return;
        }
        if (t.tripId() == null || t.windowStart() == null) {
            // broken input: parked at once for ops rather than retried
            throw RuleViolation.invalid(Texts.of("event.trip-without-id"));
        }
        if (SagaCancellations.cancelled(c, SagaCancellations.TRIP, t.tripId())
                || SagaCancellations.cancelled(c, SagaCancellations.REQUEST, t.requestId())) {
            LOG.infof(
                    "trip %s of request %s was cancelled before it was scheduled here: no calls",
                    t.tripId(), t.requestId());
            return;
        }
        Place from = t.from() == null ? new Place(null, null, null, null) : t.from();
        Place to = t.to() == null ? new Place(null, null, null, null) : t.to();
        openOnce(
                c,
                sagaCallId(OF_TRIP, t.tripId(), CallPurpose.LOADING),
                SagaCalls.loading(
                        t.requestId(),
                        t.tripId(),
                        t.organisationId(),
                        from.district(),
                        from.name(),
                        from.address(),
                        t.weightKg(),
                        settings.kgPerLoader(),
                        t.windowStart()),
                ctx);
        openOnce(
                c,
                sagaCallId(OF_TRIP, t.tripId(), CallPurpose.HAND_OUT),
                SagaCalls.handOut(
                        t.requestId(),
                        t.tripId(),
                        t.organisationId(),
                        to.district(),
                        to.name(),
                        to.address(),
                        settings.handOutSize(),
                        t.windowStart(),
                        t.windowEnd()),
                ctx);
    }

    /** The trip was cancelled: its live calls are cancelled; remembered for events still to come. */
    public void tripCancelled(Connection c, TripCancelled x, EventContext ctx) throws SQLException {
        tripEnded(c, x.tripId(), TRIP_CANCELLED + x.reason(), ctx);
    }

    /** The trip failed (a re-planned trip comes as its own TripScheduled): as cancelled. */
    public void tripFailed(Connection c, TripFailed f, EventContext ctx) throws SQLException {
        tripEnded(
                c,
                f.tripId(),
                TRIP_FAILED
                        + f.reason()
                        + (f.replacementTripId() == null ? "" : " (re-planned as " + f.replacementTripId() + ")"),
                ctx);
    }

    private void tripEnded(Connection c, String tripId, String reason, EventContext ctx) throws SQLException {
        SagaCancellations.remember(c, SagaCancellations.TRIP, tripId, reason, clock);
        for (String callId : CallQueries.liveCalls(c, "trip_id", tripId)) {
            cancelIfLive(c, callId, reason, ctx);
        }
    }

    /** The loading is over when the vehicle leaves the warehouse: the trip's LOADING call ends. */
    public void tripPickedUp(Connection c, TripPickedUp p, EventContext ctx) throws SQLException {
        endWithTrip(
                c, p.tripId(), Set.of(CallPurpose.LOADING), "trip " + p.tripId() + " picked up", p.pickedUpAt(), ctx);
    }

    /**
     * The goods were handed over: every call of the trip still live ends (a LOADING call whose pickup was not seen
     * too); remembered, so that a TripScheduled replayed later opens nothing.
     */
    public void tripDelivered(Connection c, TripDelivered d, EventContext ctx) throws SQLException {
        if (d.tripId() == null) {
            return;
        }
        SagaCancellations.remember(c, SagaCancellations.TRIP, d.tripId(), TRIP_DELIVERED, clock);
        endWithTrip(
                c, d.tripId(), Set.of(CallPurpose.values()), "trip " + d.tripId() + " delivered", d.deliveredAt(), ctx);
    }

    /**
     * Each live call of the trip with one of {@code purposes} is completed for those who accepted and served until
     * {@code at} (the offers released), or closed as no longer needed; the freed volunteers go to the waitlist.
     */
    private void endWithTrip(
            Connection c, String tripId, Set<CallPurpose> purposes, String what, Instant at, EventContext ctx)
            throws SQLException {
        if (tripId == null) {
            return;
        }
        Instant endedAt = at != null ? at : clock.instant();
        for (String callId : CallQueries.liveCalls(c, "trip_id", tripId)) {
            VolunteerCall call = calls.load(c, callId).orElseThrow();
            if (!purposes.contains(call.purpose())) {
                continue;
            }
            List<String> held = call.volunteersHeld();
            if (call.endWithTrip(what, endedAt, clock)) {
                calls.save(c, call, ctx);
                waitlist.afterCommit(held);
            }
        }
    }

    /** A CARE request: one volunteer visits. Other kinds need no volunteer from the request itself. */
    public void careRequested(Connection c, HelpRequestSubmitted s, EventContext ctx) throws SQLException {
        if (!SagaCalls.CARE_REQUEST_KIND.equals(s.kind())) {
            return;
        }
        if (s.requestId() == null) {
            throw RuleViolation.invalid(Texts.of("event.request-without-id"));
        }
        if (SagaCancellations.cancelled(c, SagaCancellations.REQUEST, s.requestId())) {
            return;
        }
        var care = s.care() == null ? new HelpRequestSubmitted.CareDetails(null, null, null, null, null) : s.care();
        openOnce(
                c,
                sagaCallId(OF_CARE, s.requestId(), CallPurpose.CARE_VISIT),
                SagaCalls.careVisit(
                        s.requestId(),
                        s.organisationId(),
                        s.district(),
                        s.community(),
                        s.address(),
                        care.need(),
                        care.skill(),
                        care.personName(),
                        care.windowStart(),
                        care.windowEnd(),
                        clock.instant()),
                ctx);
    }

    /** Every live call of the request is cancelled; remembered for trips of the request still to come. */
    public void requestCancelled(Connection c, HelpRequestCancelled x, EventContext ctx) throws SQLException {
        String reason = REQUEST_CANCELLED + (x.reason() == null ? "" : ": " + x.reason());
        SagaCancellations.remember(c, SagaCancellations.REQUEST, x.requestId(), reason, clock);
        for (String callId : CallQueries.liveCalls(c, "request_id", x.requestId())) {
            cancelIfLive(c, callId, reason, ctx);
        }
    }

    /**
     * The saga's call ids are derived from what they are for, so a second event with the same meaning (a
     * redelivery under a new id, a replay) finds the call already there and opens nothing.
     */
    static String sagaCallId(String of, String id, CallPurpose purpose) {
        return UUID.nameUUIDFromBytes((of + ":" + id + ":" + purpose).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private void openOnce(Connection c, String callId, OpenCall spec, EventContext ctx) throws SQLException {
        if (calls.exists(c, callId)) {
            return;
        }
        staffing.open(c, callId, spec, ctx);
    }

    /**
     * The saga ends a call (its trip or its request ended). The list of live calls is read before each call is
     * loaded, so another consumer may have ended the call in between (a request cancelled and its trip cancelled
     * arrive on two topics at once): already ended, it stays as it is, instead of the record being parked.
     */
    private void cancelIfLive(Connection c, String callId, String reason, EventContext ctx) throws SQLException {
        VolunteerCall call = calls.load(c, callId).orElseThrow();
        if (call.status().live()) {
            List<String> held = call.volunteersHeld();
            call.cancel(reason, clock);
            calls.save(c, call, ctx);
            waitlist.afterCommit(held);
        }
    }
}
