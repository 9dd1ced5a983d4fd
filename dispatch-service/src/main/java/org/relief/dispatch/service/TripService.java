package org.relief.dispatch.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import org.relief.contracts.dispatch.DeliveredLine;
import org.relief.contracts.dispatch.TripCancelled;
import org.relief.contracts.dispatch.TripLine;
import org.relief.contracts.inventory.StockAllocation;
import org.relief.contracts.inventory.StockReservationReleased;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestPriorityCorrected;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.dispatch.domain.TransportRequest;
import org.relief.dispatch.domain.Trip;
import org.relief.dispatch.domain.TripKind;
import org.relief.dispatch.domain.TripStatus;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.runtime.TransactionRunner;
import org.relief.kernel.web.ProblemException;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What happens to trips: the consumers' reactions to requests and reservations, the dispatch desk's commands, and
 * the queue. Every change takes the request's lock first, then loads, decides and saves in one transaction.
 */
@ApplicationScoped
public class TripService {
    public static final String ACTOR = "dispatch-service";
    private static final Logger LOG = Logger.getLogger(TripService.class);
    @Inject
    java.time.Clock clock;

    @Inject
    TripStore store;
    @Inject
    org.relief.kernel.runtime.JobTracing jobTracing;
    @Inject
    TripPlanning planning;
    @Inject
    VehicleBookings bookings;
    @Inject
    TransactionRunner runner;
    @Inject
    DispatchQueue queue;

    /** Who may act on a trip: ops on any, a dispatcher on the trips booked on its organisation's vehicles. */
    public record Scope(boolean ops, String organisationId) {
        boolean mayAct(Trip t) {
            return ops || (t.vehicle() != null && organisationId != null && organisationId.equals(t.vehicle().organisationId()));
        }

        boolean maySee(Trip t) {
            return mayAct(t) || t.status() == TripStatus.QUEUED;
        }
    }

    // ---- consumers ---------------------------------------------------------------------------------------------

    public void submitted(Connection c, HelpRequestSubmitted s, EventContext ctx) throws SQLException {
        store.lockRequest(c, s.requestId());
        TransportRequest r = store.request(c, s.requestId());
        if (!r.submit(s)) {
            return; // a second event with the same meaning
        }
        store.save(c, r, ctx);
        if ("RIDE".equals(r.kind())) {
            if (r.ride() == null || r.cancelled()) {
                LOG.warnf("ride request %s without ride details or already cancelled: nothing to plan", r.id());
                return;
            }
            planning.planRide(c, r, ctx);
        } else {
            planning.planAllocation(c, r, ctx);
        }
    }

    public void allocated(Connection c, StockAllocation a, EventContext ctx) throws SQLException {
        store.lockRequest(c, a.requestId());
        TransportRequest r = store.request(c, a.requestId());
        if (a.lines() == null || !r.noteAllocation(a.reservationId(), a.lines(), a.expiresAt(), a.allocatedAt())) {
            return; // nothing new: nothing to plan
        }
        store.save(c, r, ctx);
        planning.planAllocation(c, r, ctx);
    }

    /**
     * EXPIRED, CANCELLED or SHORTFALL_ACCEPTED (the partner accepted the shortfall; issue 10): the goods stay in the
     * warehouse, so trips not yet picked up (a follow-up for rejected units, say) are cancelled.
     */
    public void released(Connection c, StockReservationReleased rel, EventContext ctx) throws SQLException {
        if (!"EXPIRED".equals(rel.reason()) && !"CANCELLED".equals(rel.reason())
                && !"SHORTFALL_ACCEPTED".equals(rel.reason())) {
            return; // REJECTED: units refused at a receipt left the reservation (quarantine); no trip changes
        }
        store.lockRequest(c, rel.requestId());
        TransportRequest r = store.request(c, rel.requestId());
        if (r.closeReservation(rel.reason(), rel.releasedAt())) {
            store.save(c, r, ctx);
        }
        boolean any = false;
        for (TripPlanning.TripRow row : planning.tripsOf(c, rel.requestId())) {
            if (row.kind() == TripKind.FREIGHT && (row.status() == TripStatus.QUEUED || row.status() == TripStatus.SCHEDULED)) {
                any |= cancel(c, row.id(), TripCancelled.RESERVATION_RELEASED, "reservation " + rel.reason(), ctx);
            }
        }
        if (any) {
            queue.retryAfterCommit();
        }
    }

    /** Every unfinished trip ends; a load already picked up goes back to the warehouse. */
    public void requestCancelled(Connection c, HelpRequestCancelled hc, EventContext ctx) throws SQLException {
        store.lockRequest(c, hc.requestId());
        TransportRequest r = store.request(c, hc.requestId());
        if (r.cancel(hc.reason(), hc.cancelledAt())) {
            store.save(c, r, ctx);
        }
        boolean any = false;
        for (TripPlanning.TripRow row : planning.tripsOf(c, hc.requestId())) {
            if (!row.status().ended()) {
                any |= cancel(c, row.id(), TripCancelled.REQUEST_CANCELLED, hc.reason(), ctx);
            }
        }
        if (any) {
            queue.retryAfterCommit();
        }
    }

    /**
     * Ops corrected the request's priority (issue 11): the transport request records it (later planning uses it), and
     * each of its trips still QUEUED takes the request's priority, so its place in the queue follows; a trip that has
     * a vehicle is not touched. Then the queue is retried, so a trip that is now more urgent gets the next free vehicle
     * first. A request dispatch never heard of has nothing to correct; a copy changes nothing; an unknown priority is
     * refused (parked).
     */
    public void priorityCorrected(Connection c, HelpRequestPriorityCorrected pc, EventContext ctx) throws SQLException {
        store.lockRequest(c, pc.requestId());
        TransportRequest r = store.request(c, pc.requestId());
        if (!r.submitted()) {
            return; // unknown here: no trips, no priority to correct
        }
        if (r.correctPriority(pc.priority(), pc.reason(), pc.correctedAt())) {
            store.save(c, r, ctx);
        }
        boolean any = false;
        for (TripPlanning.TripRow row : planning.tripsOf(c, pc.requestId())) {
            if (row.status() != TripStatus.QUEUED) {
                continue;
            }
            Trip t = store.trip(c, row.id()).orElseThrow();
            // the request's priority as it now stands (a late copy of an older correction does not win)
            if (t.status() == TripStatus.QUEUED && t.changePriority(r.priority(), pc.reason(), clock.instant())) {
                store.save(c, t, ctx);
                any = true;
            }
        }
        if (any) {
            queue.retryAfterCommit();
        }
    }

    private boolean cancel(Connection c, String tripId, String reason, String note, EventContext ctx) throws SQLException {
        Trip t = store.trip(c, tripId).orElseThrow();
        if (!t.cancellable()) {
            return false;
        }
        t.cancel(reason, note, clock.instant());
        bookings.end(c, t.id(), clock.instant());
        store.save(c, t, ctx);
        return true;
    }

    // ---- the dispatch desk ---------------------------------------------------------------------------------------

    public Trip pickUp(String tripId, List<TripLine> lines, Scope scope, EventContext ctx) {
        return command(tripId, scope, ctx, (c, t, r) -> {
            t.pickUp(lines, r.expiresAt(), clock.instant());
            store.save(c, t, ctx);
        });
    }

    public Trip deliver(String tripId, String receivedBy, List<DeliveredLine> lines, String note, Scope scope,
                        EventContext ctx) {
        Trip out = command(tripId, scope, ctx, (c, t, r) -> {
            Instant now = clock.instant();
            t.deliver(receivedBy, lines, note, now);
            bookings.end(c, t.id(), now);
            store.save(c, t, ctx);
        });
        queue.retrySoon();
        return out;
    }

    /** The trip failed; unless the request or its reservation has ended, the same load is planned again at once. */
    public Trip fail(String tripId, String reason, Scope scope, EventContext ctx) {
        Trip out = command(tripId, scope, ctx, (c, t, r) -> {
            Instant now = clock.instant();
            boolean replan = !r.cancelled() && (t.kind() == TripKind.RIDE || !r.reservationClosed());
            String replacement = replan ? UUID.randomUUID().toString() : null;
            t.fail(reason, replan ? Trip.FAILED_REPLANNED : Trip.FAILED_RETURNED, replacement, now);
            bookings.end(c, t.id(), now);
            store.save(c, t, ctx);
            if (replan) {
                planning.replan(c, t, replacement, r, ctx);
            }
        });
        queue.retrySoon();
        return out;
    }

    public Trip cancel(String tripId, String reason, Scope scope, EventContext ctx) {
        Trip out = command(tripId, scope, ctx, (c, t, r) -> {
            if (reason == null || reason.isBlank()) {
                throw RuleViolation.invalid("a reason is required", "必须说明原因");
            }
            t.cancel(TripCancelled.DISPATCHER, reason.strip(), clock.instant());
            bookings.end(c, t.id(), clock.instant());
            store.save(c, t, ctx);
        });
        queue.retrySoon();
        return out;
    }

    @FunctionalInterface
    interface TripCommand {
        void run(Connection c, Trip trip, TransportRequest request) throws SQLException;
    }

    private Trip command(String tripId, Scope scope, EventContext ctx, TripCommand command) {
        return runner.inTransaction(c -> {
            String requestId = requestOf(c, tripId);
            store.lockRequest(c, requestId);
            Trip t = store.trip(c, tripId).orElseThrow(() -> ProblemException.notFound("trip", tripId));
            if (!scope.maySee(t)) {
                throw ProblemException.notFound("trip", tripId);
            }
            if (!scope.mayAct(t)) {
                // a queued trip is on no one's vehicle yet: the desks see it, ops decide about it
                throw new ForbiddenException("only ops may act on a trip that is not booked on one of your vehicles");
            }
            command.run(c, t, store.request(c, t.requestId()));
            return t;
        });
    }

    private static String requestOf(Connection c, String tripId) throws SQLException {
        try (var ps = c.prepareStatement("select request_id from trip_view where id = ?")) {
            ps.setString(1, tripId);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("trip", tripId);
                }
                return rs.getString(1);
            }
        }
    }

    // ---- the queue ---------------------------------------------------------------------------------------------

    /**
     * One queued trip gets another chance, in its own transaction. Skips a trip another replica or consumer is
     * working on (row lock SKIP LOCKED, request lock tried, not awaited): it comes back next round.
     */
    public boolean retryQueued(String tripId) {
        return runner.inTransaction(c -> {
            String requestId;
            try (var ps = c.prepareStatement("select request_id from trip_view where id = ? and status = 'QUEUED' "
                    + "for update skip locked")) {
                ps.setString(1, tripId);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    requestId = rs.getString(1);
                }
            }
            if (!store.tryLockRequest(c, requestId)) {
                return false;
            }
            Trip t = store.trip(c, tripId).orElseThrow();
            if (t.status() != TripStatus.QUEUED) {
                return false;
            }
            return planning.retry(c, t, store.request(c, requestId),
                    new EventContext(requestId, null, ACTOR, t.organisationId(),
                            jobTracing.traceparent(c, "dispatch-queue", TripStore.TRIP_STREAM + "-" + tripId)));
        });
    }

    /** Raises TripWaitOverdue for a trip queued longer than allowed, once. */
    public boolean markOverdue(String tripId, java.time.Duration allowed) {
        return runner.inTransaction(c -> {
            try (var ps = c.prepareStatement("select 1 from trip_view where id = ? and status = 'QUEUED' and not overdue "
                    + "for update skip locked")) {
                ps.setString(1, tripId);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            Trip t = store.trip(c, tripId).orElseThrow();
            Instant now = clock.instant();
            if (t.queuedAt() == null || !t.markOverdue(t.queuedAt().plus(allowed), now)) {
                return false;
            }
            store.save(c, t, new EventContext(t.requestId(), null, ACTOR, t.organisationId(),
                    jobTracing.traceparent(c, "trip-overdue", TripStore.TRIP_STREAM + "-" + tripId)));
            return true;
        });
    }
}
