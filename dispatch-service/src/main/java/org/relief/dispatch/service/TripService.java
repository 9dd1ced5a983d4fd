package org.relief.dispatch.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ForbiddenException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.relief.dispatch.domain.DeliveredLine;
import org.relief.dispatch.domain.Texts;
import org.relief.dispatch.domain.TransportRequest;
import org.relief.dispatch.domain.Trip;
import org.relief.dispatch.domain.TripKind;
import org.relief.dispatch.domain.TripLine;
import org.relief.dispatch.domain.TripStatus;
import org.relief.dispatch.domain.VehicleCandidate;
import org.relief.dispatch.domain.VehicleChoice;
import org.relief.dispatch.domain.VehicleKind;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.runtime.TransactionRunner;
import org.relief.kernel.security.CallerScope;
import org.relief.kernel.web.EntityVersions;
import org.relief.kernel.web.ProblemException;

/**
 * The dispatch desk's commands on one trip: assign a vehicle, pick up, deliver, fail, cancel. Each takes the request's lock first, then
 * loads, decides and saves in one transaction. (The saga's steps are TripReactions, the queue's QueuedTrips.)
 */
@ApplicationScoped
public class TripService {
    /** the actor of what dispatch does by itself (consumers, the queue job) */
    public static final String ACTOR = "dispatch-service";

    private final TripStore store;
    private final TripPlanning planning;
    private final VehicleBookings bookings;
    private final TransactionRunner runner;
    private final DispatchQueue queue;
    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    public TripService(
            TripStore store,
            TripPlanning planning,
            VehicleBookings bookings,
            TransactionRunner runner,
            DispatchQueue queue,
            Clock clock) {
        this.store = store;
        this.planning = planning;
        this.bookings = bookings;
        this.runner = runner;
        this.queue = queue;
        this.clock = clock;
    }

    /** Who may act on a trip: ops on any, a dispatcher on the trips booked on its organisation's vehicles. */
    private static boolean mayAct(CallerScope scope, Trip t) {
        return scope.isOps()
                || (t.vehicle() != null
                        && scope.organisationId() != null
                        && scope.organisationId().equals(t.vehicle().organisationId()));
    }

    /** A queued trip is on no one's vehicle yet: every desk sees it. */
    private static boolean maySee(CallerScope scope, Trip t) {
        return mayAct(scope, t) || t.status() == TripStatus.QUEUED;
    }

    public Trip pickUp(String tripId, List<TripLine> lines, Long expectedVersion, CallerScope scope, EventContext ctx) {
        return command(tripId, expectedVersion, scope, (c, t, r) -> {
            t.pickUp(lines, r.expiresAt(), clock.instant());
            store.save(c, t, ctx);
        });
    }

    public Trip deliver(
            String tripId,
            String receivedBy,
            List<DeliveredLine> lines,
            String note,
            Long expectedVersion,
            CallerScope scope,
            EventContext ctx) {
        Trip out = command(tripId, expectedVersion, scope, (c, t, r) -> {
            Instant now = clock.instant();
            t.deliver(receivedBy, lines, note, now);
            bookings.end(c, t.id(), now);
            store.save(c, t, ctx);
        });
        queue.retrySoon();
        return out;
    }

    /** The trip failed; unless the request or its reservation has ended, the same load is planned again at once. */
    public Trip fail(String tripId, String reason, Long expectedVersion, CallerScope scope, EventContext ctx) {
        Trip out = command(tripId, expectedVersion, scope, (c, t, r) -> {
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

    public Trip cancel(String tripId, String reason, Long expectedVersion, CallerScope scope, EventContext ctx) {
        Trip out = command(tripId, expectedVersion, scope, (c, t, r) -> {
            if (reason == null || reason.isBlank()) {
                throw RuleViolation.invalid(Texts.of("trip.reason-required"));
            }
            t.cancel(Trip.CANCELLED_BY_DISPATCHER, reason.strip(), clock.instant());
            bookings.end(c, t.id(), clock.instant());
            store.save(c, t, ctx);
        });
        queue.retrySoon();
        return out;
    }

    /**
     * The desk puts a waiting trip on {@code vehicleId}, or moves a scheduled one to it. A dispatcher assigns only its
     * own organisation's vehicles, and re-assigns only a trip that is on one of them; ops any. The trip's rules hold
     * (Trip#refusals), and the database books the vehicle or refuses an overlapping booking: a clear 409, never a
     * double booking. The previous vehicle is free at once and the queue looks for work for it.
     */
    public Trip assign(
            String tripId, String vehicleId, String reason, Long expectedVersion, CallerScope scope, EventContext ctx) {
        Trip out = runner.inTransaction(c -> {
            Trip t = lockedTrip(c, tripId, expectedVersion, scope);
            VehicleCandidate v = bookings.vehicle(c, vehicleId);
            if (v == null || !scope.isOps() && !Objects.equals(scope.organisationId(), v.organisationId())) {
                throw ProblemException.notFound("vehicle", vehicleId);
            }
            if (t.status() != TripStatus.QUEUED && !mayAct(scope, t)) {
                throw new ForbiddenException("only ops may move a trip that is on another organisation's vehicle");
            }
            TripPlanning.DeskWindow w = planning.deskWindow(t);
            boolean moving = t.status() == TripStatus.SCHEDULED;
            // the aggregate decides (Trip#assign); the database then books the vehicle or refuses an overlap, and a
            // refusal rolls the whole command back, events included
            t.assign(v, w.start(), w.plannedEnd(), reason, clock.instant());
            if (moving) {
                bookings.release(c, t.id());
            }
            if (!bookings.tryBook(c, v.vehicleId(), t.id(), w.start(), w.bookedUntil())) {
                throw RuleViolation.conflict(Texts.of("refusal.booked-elsewhere", v.plate()));
            }
            store.save(c, t, ctx);
            return t;
        });
        queue.retrySoon();
        return out;
    }

    /** What the desk of {@code scope} may put the trip on now, best first (VehicleChoice). */
    public List<VehicleChoice.Option> candidates(String tripId, CallerScope scope) {
        return runner.inTransaction(c -> {
            Trip t = store.trip(c, tripId).orElseThrow(() -> ProblemException.notFound("trip", tripId));
            if (!maySee(scope, t)) {
                throw ProblemException.notFound("trip", tripId);
            }
            if (!t.takesAnotherVehicle()) {
                return List.of();
            }
            TripPlanning.DeskWindow w = planning.deskWindow(t);
            if (!w.valid()) {
                return List.of();
            }
            List<VehicleKind> kinds =
                    t.kind() == TripKind.RIDE ? List.of(VehicleKind.TAXI) : List.of(VehicleKind.TRUCK, VehicleKind.VAN);
            List<VehicleCandidate> free = bookings.freeVehicles(
                    c, kinds, scope.isOps() ? null : scope.organisationId(), w.start(), w.plannedEnd(), CANDIDATES);
            return VehicleChoice.rank(t, free, w.start(), w.plannedEnd());
        });
    }

    /** how many free vehicles a desk is offered to choose from */
    static final int CANDIDATES = 200;

    @FunctionalInterface
    interface TripCommand {
        void run(Connection c, Trip trip, TransportRequest request) throws SQLException;
    }

    private Trip command(String tripId, Long expectedVersion, CallerScope scope, TripCommand command) {
        return runner.inTransaction(c -> {
            Trip t = lockedTrip(c, tripId, expectedVersion, scope);
            if (!mayAct(scope, t)) {
                // a queued trip is on no one's vehicle yet: the desks see it, ops decide about it
                throw new ForbiddenException("only ops may act on a trip that is not booked on one of your vehicles");
            }
            command.run(c, t, store.request(c, t.requestId()));
            return t;
        });
    }

    /**
     * The trip under its request's lock, 404 when the caller may not see it, 412 when the caller read another version
     * than the one it has (If-Match): a second desk acting on what it saw before the first one's change.
     */
    private Trip lockedTrip(Connection c, String tripId, Long expectedVersion, CallerScope scope) throws SQLException {
        String requestId = requestOf(c, tripId);
        store.lockRequest(c, requestId);
        Trip t = store.trip(c, tripId).orElseThrow(() -> ProblemException.notFound("trip", tripId));
        if (!maySee(scope, t)) {
            throw ProblemException.notFound("trip", tripId);
        }
        EntityVersions.check(Texts.of("noun.trip"), tripId, expectedVersion, t.version());
        return t;
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
}
