package org.relief.dispatch.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relief.dispatch.domain.FreightPlanner;
import org.relief.dispatch.domain.Loads;
import org.relief.dispatch.domain.OutstandingFreight;
import org.relief.dispatch.domain.Place;
import org.relief.dispatch.domain.Priority;
import org.relief.dispatch.domain.QueueReason;
import org.relief.dispatch.domain.Ride;
import org.relief.dispatch.domain.RideDetails;
import org.relief.dispatch.domain.RideMatcher;
import org.relief.dispatch.domain.TransportRequest;
import org.relief.dispatch.domain.Trip;
import org.relief.dispatch.domain.TripKind;
import org.relief.dispatch.domain.TripLine;
import org.relief.dispatch.domain.TripStatus;
import org.relief.dispatch.domain.VehicleCandidate;
import org.relief.kernel.envelope.EventContext;

/**
 * Turns what a request needs into trips: freight loads from the latest allocation, a ride at once, a queued trip
 * when a vehicle frees up, a failed trip's load again. Runs in the caller's transaction, under the request's lock.
 */
@ApplicationScoped
public class TripPlanning {
    private final TripStore store;
    private final VehicleBookings bookings;
    private final ObjectMapper json;
    private final Duration freightTripDuration;

    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    @Inject
    public TripPlanning(
            TripStore store,
            VehicleBookings bookings,
            ObjectMapper json,
            @ConfigProperty(name = "relief.dispatch.freight-trip-duration", defaultValue = "PT4H")
                    Duration freightTripDuration,
            Clock clock) {
        this.store = store;
        this.bookings = bookings;
        this.json = json;
        this.freightTripDuration = freightTripDuration;
        this.clock = clock;
    }

    /** A trip of the request as the view holds it: enough to know what is already on its way. */
    record TripRow(String id, TripKind kind, TripStatus status, String warehouseId, List<TripLine> lines) {}

    List<TripRow> tripsOf(Connection c, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id, kind, status, warehouse_id, lines from trip_view "
                + "where request_id = ? order by created_at, id")) {
            ps.setString(1, requestId);
            List<TripRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TripRow(
                            rs.getString(1),
                            TripKind.valueOf(rs.getString(2)),
                            TripStatus.valueOf(rs.getString(3)),
                            rs.getString(4),
                            json.readValue(rs.getString(5), new TypeReference<List<TripLine>>() {})));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException("unreadable trip lines", e);
            }
            return out;
        }
    }

    /**
     * Plans the units of the latest allocation that no trip carries yet: per line, reserved (cumulative) minus what
     * the request's trips that are not FAILED or CANCELLED carry; taken from the warehouses that hold the lots now,
     * minus what unfinished trips already take from each; one load per warehouse.
     */
    public List<Trip> planAllocation(Connection c, TransportRequest r, EventContext ctx) throws SQLException {
        if (!r.plannable() || TransportRequest.RIDE.equals(r.kind()) || TransportRequest.CARE.equals(r.kind())) {
            return List.of();
        }
        List<OutstandingFreight.TripOnWay> trips = tripsOf(c, r.id()).stream()
                .map(t -> new OutstandingFreight.TripOnWay(t.warehouseId(), t.status(), t.lines()))
                .toList();
        OutstandingFreight.Result outstanding = OutstandingFreight.of(r.allocation(), trips);
        List<Trip> planned = new ArrayList<>();
        for (OutstandingFreight.Load load : outstanding.loads()) {
            Place to = new Place(null, r.community(), r.district(), r.address());
            planned.addAll(
                    placeLoad(c, ctx, r, load.from(), to, load.lines(), null, null, outstanding.notes(), Set.of()));
        }
        return planned;
    }

    /**
     * Books vehicles for a load: the planner's first part is booked (if the database refuses because another
     * transaction took that vehicle, the plan is made again without it), and so on until the load is placed; what no
     * vehicle takes is one queued trip. {@code queued} (a queued trip being retried) takes the first part or stays
     * queued; new trips are planned for the rest.
     */
    List<Trip> placeLoad(
            Connection c,
            EventContext ctx,
            TransportRequest r,
            Place from,
            Place to,
            List<TripLine> load,
            Trip queued,
            String replanOf,
            List<String> notes,
            Set<String> excluded)
            throws SQLException {
        Instant now = clock.instant();
        Instant end = now.plus(freightTripDuration);
        List<VehicleCandidate> pool = new ArrayList<>(bookings.freightCandidates(c, now, end, excluded));
        List<Trip> out = new ArrayList<>();
        List<TripLine> rest = load;
        Trip current = queued;
        String firstId = null;
        while (!rest.isEmpty()) {
            List<FreightPlanner.Part> parts = FreightPlanner.plan(rest, from.district(), pool, now, end);
            FreightPlanner.Part part = parts.get(0);
            if (part.queued()) {
                // a trip already in the queue stays there as it is; a new one (or the rest of a split) is queued
                Trip t = current != null
                        ? current
                        : newTrip(TripKind.FREIGHT, r, from, to, rest, null, replanOf, notes, now);
                if (t.status() == null) {
                    t.queue(part.queueReason(), part.explanation(), now);
                    store.save(c, t, ctx);
                    out.add(t);
                }
                break;
            }
            Trip t = current != null
                    ? current
                    : newTrip(TripKind.FREIGHT, r, from, to, part.lines(), null, replanOf, notes, now);
            if (!bookings.tryBook(c, part.vehicle().vehicleId(), t.id(), now, null)) {
                // another transaction booked it a moment ago: plan again without it
                pool.remove(part.vehicle());
                continue;
            }
            t.schedule(part.vehicle().booking(now, end), part.lines(), part.explanation(), now);
            store.save(c, t, ctx);
            out.add(t);
            current = null;
            rest = minus(rest, part.lines());
            pool.remove(part.vehicle());
        }
        return out;
    }

    /** A ride is planned at once: the best free taxi the database lets us book, else the queue. */
    public Trip planRide(Connection c, TransportRequest r, EventContext ctx) throws SQLException {
        RideDetails d = r.ride();
        Ride ride = new Ride(
                d.passengerName(),
                d.pickupDistrict(),
                d.windowStart(),
                d.windowEnd(),
                d.accessibility() == null ? List.of() : d.accessibility());
        Place from = new Place(null, d.pickupAddress(), d.pickupDistrict(), d.pickupAddress());
        Place to = new Place(null, d.dropoffAddress(), d.dropoffDistrict(), d.dropoffAddress());
        Instant now = clock.instant();
        Trip t = Trip.plan(
                UUID.randomUUID().toString(),
                TripKind.RIDE,
                r.id(),
                r.organisationId(),
                r.priority(),
                from,
                to,
                null,
                List.of(),
                ride,
                null,
                List.of(),
                now);
        bookRide(c, t, ctx, Set.of());
        return t;
    }

    /**
     * Books a taxi for a new or queued ride trip, or queues a new one; saves it. Returns whether it was booked. The
     * taxi is booked for what is left of the ride window (from now once it has begun), so a booking that ended earlier
     * in the window blocks nothing. An accessible taxi comes last for an ordinary ride and is held while wheelchair
     * rides wait or are expected in the window (asked of the database only when an accessible taxi comes up).
     */
    boolean bookRide(Connection c, Trip t, EventContext ctx, Set<String> excluded) throws SQLException {
        Ride ride = t.ride();
        Instant now = clock.instant();
        Instant from = RideMatcher.bookableFrom(ride, now);
        int held = 0;
        if (RideMatcher.validWindow(from, ride.windowEnd())) {
            Set<String> tried = new HashSet<>(excluded);
            Integer waiting = null;
            for (int round = 0; round < 4; round++) {
                List<VehicleCandidate> taxis = bookings.rideCandidates(c, ride, from, t.id(), tried);
                if (taxis.isEmpty()) {
                    break;
                }
                for (VehicleCandidate taxi : taxis) {
                    tried.add(taxi.vehicleId());
                    if (taxi.wheelchairAccessible() && !ride.needsWheelchair()) {
                        if (waiting == null) {
                            waiting = bookings.wheelchairRidesWaiting(c, t.requestId(), from, ride.windowEnd(), now);
                        }
                        if (RideMatcher.keptForWheelchair(taxi, ride, waiting)) {
                            held++;
                            continue;
                        }
                    }
                    if (bookings.tryBook(c, taxi.vehicleId(), t.id(), from, ride.windowEnd())) {
                        t.schedule(
                                taxi.booking(from, ride.windowEnd()),
                                null,
                                RideMatcher.explain(taxi, ride, from, taxis, waiting == null ? 0 : waiting)
                                        .explanation(),
                                now);
                        store.save(c, t, ctx);
                        return true;
                    }
                }
            }
        }
        if (t.status() == null) {
            QueueReason reason = RideMatcher.validWindow(from, ride.windowEnd())
                    ? QueueReason.noTaxi(ride, from, held)
                    : QueueReason.noValidWindow();
            t.queue(reason, List.of("queued: " + reason.en()), now);
            store.save(c, t, ctx);
        }
        return false;
    }

    /** A queued trip gets another chance; returns whether a vehicle was booked. */
    public boolean retry(Connection c, Trip t, TransportRequest r, EventContext ctx) throws SQLException {
        if (t.kind() == TripKind.RIDE) {
            return bookRide(c, t, ctx, Set.of());
        }
        List<Trip> placed = placeLoad(c, ctx, r, t.from(), t.to(), t.lines(), t, t.replanOf(), List.of(), Set.of());
        return t.status() == TripStatus.SCHEDULED || !placed.isEmpty();
    }

    /**
     * The period a desk's assignment books a vehicle for: a freight trip from now for the planned duration (the booking
     * itself stays open until the trip ends, as the planner books), a ride for what is left of its window.
     */
    public record DeskWindow(Instant start, Instant plannedEnd, Instant bookedUntil) {
        public boolean valid() {
            return RideMatcher.validWindow(start, plannedEnd);
        }
    }

    public DeskWindow deskWindow(Trip t) {
        Instant now = clock.instant();
        if (t.kind() == TripKind.RIDE) {
            Instant from = RideMatcher.bookableFrom(t.ride(), now);
            return new DeskWindow(from, t.ride().windowEnd(), t.ride().windowEnd());
        }
        return new DeskWindow(now, now.plus(freightTripDuration), null);
    }

    /** Whether a freight trip planned now could find any truck or van free (see VehicleBookings). */
    public boolean anyFreightVehicleFree(Connection c) throws SQLException {
        Instant now = clock.instant();
        return bookings.anyFreightVehicleFree(c, now, now.plus(freightTripDuration));
    }

    /** The same load again, on another vehicle than the failed one; the first new trip gets {@code replacementId}. */
    public void replan(Connection c, Trip failed, String replacementId, TransportRequest r, EventContext ctx)
            throws SQLException {
        Instant now = clock.instant();
        Set<String> excluded =
                failed.vehicle() == null ? Set.of() : Set.of(failed.vehicle().vehicleId());
        List<String> notes = List.of("replans failed trip " + failed.id());
        // the request's priority as it is now (ops may have corrected it since the failed trip was planned)
        Priority priority = r.submitted() ? r.priority() : failed.priority();
        if (failed.kind() == TripKind.RIDE) {
            Trip t = Trip.plan(
                    replacementId,
                    TripKind.RIDE,
                    failed.requestId(),
                    failed.organisationId(),
                    priority,
                    failed.from(),
                    failed.to(),
                    null,
                    List.of(),
                    failed.ride(),
                    failed.id(),
                    notes,
                    now);
            bookRide(c, t, ctx, excluded);
            return;
        }
        Trip first = Trip.plan(
                replacementId,
                TripKind.FREIGHT,
                failed.requestId(),
                failed.organisationId(),
                priority,
                failed.from(),
                failed.to(),
                failed.warehouseId(),
                failed.lines(),
                null,
                failed.id(),
                notes,
                now);
        // the replacement takes the first part it can book (or queues); a rest follows as more trips
        placeLoad(c, ctx, r, failed.from(), failed.to(), failed.lines(), first, failed.id(), notes, excluded);
    }

    private Trip newTrip(
            TripKind kind,
            TransportRequest r,
            Place from,
            Place to,
            List<TripLine> lines,
            Ride ride,
            String replanOf,
            List<String> notes,
            Instant now) {
        return Trip.plan(
                UUID.randomUUID().toString(),
                kind,
                r.id(),
                r.organisationId(),
                r.priority(),
                from,
                to,
                from.id(),
                lines,
                ride,
                replanOf,
                notes,
                now);
    }

    static List<TripLine> minus(List<TripLine> lines, List<TripLine> taken) {
        List<TripLine> out = new ArrayList<>();
        for (TripLine l : lines) {
            BigDecimal left = l.quantity().subtract(Loads.quantityOf(taken, l.item()));
            if (left.signum() > 0) {
                out.add(Loads.withQuantity(l, Loads.plain(left)));
            }
        }
        return out;
    }
}
