package org.relief.dispatch.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.relief.dispatch.domain.ReservedLine;
import org.relief.dispatch.domain.TransportRequest;
import org.relief.dispatch.domain.Trip;
import org.relief.dispatch.domain.TripKind;
import org.relief.dispatch.domain.TripStatus;
import org.relief.kernel.envelope.EventContext;

/**
 * The saga's steps: how trips follow what requests-service and inventory-service tell (messaging translates their
 * events into these calls). Each runs in the consumer's transaction and takes the request's lock first, then loads,
 * decides and saves.
 */
@ApplicationScoped
public class TripReactions {
    private static final Logger LOG = Logger.getLogger(TripReactions.class);

    private final TripStore store;
    private final TripPlanning planning;
    private final VehicleBookings bookings;
    private final DispatchQueue queue;
    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    public TripReactions(
            TripStore store, TripPlanning planning, VehicleBookings bookings, DispatchQueue queue, Clock clock) {
        this.store = store;
        this.planning = planning;
        this.bookings = bookings;
        this.queue = queue;
        this.clock = clock;
    }

    public void submitted(Connection c, TransportRequest.Submission s, EventContext ctx) throws SQLException {
        store.lockRequest(c, s.requestId());
        TransportRequest r = store.request(c, s.requestId());
        if (!r.submit(s)) {
            return; // a second event with the same meaning
        }
        store.save(c, r, ctx);
        if (r.isRide()) {
            if (r.ride() == null || r.cancelled()) {
                LOG.warnf("ride request %s without ride details or already cancelled: nothing to plan", r.id());
                return;
            }
            planning.planRide(c, r, ctx);
        } else {
            planning.planAllocation(c, r, ctx);
        }
    }

    /** @param lines null when the allocation says nothing about lines: nothing to plan */
    public void allocated(
            Connection c,
            String requestId,
            String reservationId,
            List<ReservedLine> lines,
            Instant expiresAt,
            Instant allocatedAt,
            EventContext ctx)
            throws SQLException {
        store.lockRequest(c, requestId);
        TransportRequest r = store.request(c, requestId);
        if (lines == null || !r.noteAllocation(reservationId, lines, expiresAt, allocatedAt)) {
            return; // nothing new: nothing to plan
        }
        store.save(c, r, ctx);
        planning.planAllocation(c, r, ctx);
    }

    /**
     * EXPIRED, CANCELLED or SHORTFALL_ACCEPTED (the partner accepted the shortfall; issue 10): the goods stay in the
     * warehouse, so trips not yet picked up (a follow-up for rejected units, say) are cancelled.
     */
    public void released(Connection c, String requestId, String reason, Instant releasedAt, EventContext ctx)
            throws SQLException {
        if (!TransportRequest.releaseClosesReservation(reason)) {
            return; // REJECTED: units refused at a receipt left the reservation (quarantine); no trip changes
        }
        store.lockRequest(c, requestId);
        TransportRequest r = store.request(c, requestId);
        if (r.closeReservation(reason, releasedAt)) {
            store.save(c, r, ctx);
        }
        boolean any = false;
        for (TripPlanning.TripRow row : planning.tripsOf(c, requestId)) {
            if (row.kind() == TripKind.FREIGHT
                    && (row.status() == TripStatus.QUEUED || row.status() == TripStatus.SCHEDULED)) {
                any |= cancel(c, row.id(), Trip.CANCELLED_RESERVATION_RELEASED, "reservation " + reason, ctx);
            }
        }
        if (any) {
            queue.retryAfterCommit();
        }
    }

    /** Every unfinished trip ends; a load already picked up goes back to the warehouse. */
    public void requestCancelled(Connection c, String requestId, String reason, Instant cancelledAt, EventContext ctx)
            throws SQLException {
        store.lockRequest(c, requestId);
        TransportRequest r = store.request(c, requestId);
        if (r.cancel(reason, cancelledAt)) {
            store.save(c, r, ctx);
        }
        boolean any = false;
        for (TripPlanning.TripRow row : planning.tripsOf(c, requestId)) {
            if (!row.status().ended()) {
                any |= cancel(c, row.id(), Trip.CANCELLED_REQUEST_CANCELLED, reason, ctx);
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
    public void priorityCorrected(
            Connection c, String requestId, String priority, String reason, Instant correctedAt, EventContext ctx)
            throws SQLException {
        store.lockRequest(c, requestId);
        TransportRequest r = store.request(c, requestId);
        if (!r.submitted()) {
            return; // unknown here: no trips, no priority to correct
        }
        if (r.correctPriority(priority, reason, correctedAt)) {
            store.save(c, r, ctx);
        }
        boolean any = false;
        for (TripPlanning.TripRow row : planning.tripsOf(c, requestId)) {
            if (row.status() != TripStatus.QUEUED) {
                continue;
            }
            Trip t = store.trip(c, row.id()).orElseThrow();
            // the request's priority as it now stands (a late copy of an older correction does not win)
            if (t.status() == TripStatus.QUEUED && t.changePriority(r.priority(), reason, clock.instant())) {
                store.save(c, t, ctx);
                any = true;
            }
        }
        if (any) {
            queue.retryAfterCommit();
        }
    }

    private boolean cancel(Connection c, String tripId, String reason, String note, EventContext ctx)
            throws SQLException {
        Trip t = store.trip(c, tripId).orElseThrow();
        if (!t.cancellable()) {
            return false;
        }
        t.cancel(reason, note, clock.instant());
        bookings.end(c, t.id(), clock.instant());
        store.save(c, t, ctx);
        return true;
    }
}
