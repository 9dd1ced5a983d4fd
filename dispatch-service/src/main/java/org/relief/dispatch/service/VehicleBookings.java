package org.relief.dispatch.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.relief.dispatch.domain.Ride;
import org.relief.dispatch.domain.VehicleCandidate;
import org.relief.dispatch.domain.VehicleKind;
import org.relief.kernel.domain.TimeWindow;

/**
 * The vehicle_booking table and the candidate queries over it. The exclusion constraint
 * {@code exclude using gist (vehicle_id with =, period with &&)} is the invariant: {@link #tryBook} inserts with
 * {@code on conflict do nothing}, which waits for a concurrent transaction booking the same vehicle and then either
 * succeeds or reports the overlap, so the caller moves on to its next candidate. Nothing is decided from memory.
 * <p>
 * A FREIGHT booking is open-ended ({@code [start, ∞)}) while its trip is unfinished, so a truck whose trip overruns
 * its planned window is never handed to another trip; the planned end is kept on the trip. A RIDE booking covers
 * exactly the ride window, so one taxi can take several rides in disjoint windows. When a trip ends, its booking is
 * cut to end at that instant and the vehicle is free.
 */
@ApplicationScoped
public class VehicleBookings {
    /** how many taxis one ride query returns: enough to step past those another consumer books at the same moment */
    static final int RIDE_CANDIDATES = 25;

    private final ObjectMapper json;

    @Inject
    public VehicleBookings(ObjectMapper json) {
        this.json = json;
    }

    /** Windows stored as JSON: an ISO instant or epoch seconds, whichever the mapper wrote. */
    private static final String WINDOW_FROM = "(case when jsonb_typeof(w->'from') = 'number' then "
            + "to_timestamp((w->>'from')::double precision) else (w->>'from')::timestamptz end)";

    private static final String WINDOW_TO = "(case when jsonb_typeof(w->'to') = 'number' then "
            + "to_timestamp((w->>'to')::double precision) else (w->>'to')::timestamptz end)";
    /** Available, and on duty over the period (no duty windows: always). Binds: start, end. */
    private static final String ON_DUTY = " v.available and (jsonb_array_length(v.windows) = 0 or exists ("
            + "select 1 from jsonb_array_elements(v.windows) w where " + WINDOW_FROM + " <= ? and " + WINDOW_TO
            + " >= ?))";

    /** On duty and not booked over the period. Binds: start, end, start, end. */
    private static final String DISPATCHABLE = ON_DUTY
            + " and not exists (select 1 from vehicle_booking b where b.vehicle_id = v.id and b.period && tstzrange(?, ?))";

    /** @param end null for an open-ended (FREIGHT) booking */
    public boolean tryBook(Connection c, String vehicleId, String tripId, Instant start, Instant end)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into vehicle_booking (trip_id, vehicle_id, period) "
                + "values (?, ?, tstzrange(?, ?)) on conflict do nothing")) {
            ps.setString(1, tripId);
            ps.setString(2, vehicleId);
            ps.setTimestamp(3, Timestamp.from(start));
            ps.setTimestamp(4, end == null ? null : Timestamp.from(end));
            return ps.executeUpdate() == 1;
        }
    }

    /** The trip ended: its vehicle is free from now (an empty range if the booking had not started yet). */
    public void end(Connection c, String tripId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update vehicle_booking set period = tstzrange(lower(period), "
                        + "greatest(lower(period), least(coalesce(upper(period), 'infinity'::timestamptz), ?))) where trip_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, tripId);
            ps.executeUpdate();
        }
    }

    /**
     * A trip moves to another vehicle (the desk's re-assignment): its booking goes, so that the trip can book the new
     * one and the old vehicle is free at once.
     */
    public void release(Connection c, String tripId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from vehicle_booking where trip_id = ?")) {
            ps.setString(1, tripId);
            ps.executeUpdate();
        }
    }

    /** One vehicle as the planners see it, or null. */
    public VehicleCandidate vehicle(Connection c, String vehicleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select v.* from vehicle_view v where v.id = ?")) {
            ps.setString(1, vehicleId);
            List<VehicleCandidate> out = read(ps);
            return out.isEmpty() ? null : out.get(0);
        }
    }

    /**
     * The vehicles of {@code kinds} (of {@code organisationId}'s carriers, null: all) that are on duty, inside a
     * dispatch window and not booked anywhere in the window: what a desk may choose from. At most {@code limit}, smallest
     * first.
     */
    public List<VehicleCandidate> freeVehicles(
            Connection c, Collection<VehicleKind> kinds, String organisationId, Instant start, Instant end, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select v.* from vehicle_view v where v.kind = any (?) and"
                + " (?::text is null or v.organisation_id = ?) and" + DISPATCHABLE
                + " order by v.payload_kg, v.volume_m3, v.plate limit ?")) {
            ps.setArray(
                    1, c.createArrayOf("text", kinds.stream().map(Enum::name).toArray()));
            ps.setString(2, organisationId);
            ps.setString(3, organisationId);
            bindWindow(ps, 4, start, end);
            ps.setInt(8, limit);
            return read(ps);
        }
    }

    /** Trucks and vans free for the whole window, except {@code excluded} (e.g. the vehicle of a failed trip). */
    public List<VehicleCandidate> freightCandidates(
            Connection c, Instant start, Instant end, Collection<String> excluded) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("select v.* from vehicle_view v where v.kind in ('TRUCK', 'VAN') and" + DISPATCHABLE
                        + " order by v.payload_kg, v.volume_m3, v.plate")) {
            bindWindow(ps, 1, start, end);
            List<VehicleCandidate> out = read(ps);
            out.removeIf(v -> excluded.contains(v.vehicleId()));
            return out;
        }
    }

    /**
     * Whether any truck or van is free for the whole window: the queue stops retrying freight trips in a round once
     * none is, since each would ask the same question of the whole fleet and get the same answer.
     */
    public boolean anyFreightVehicleFree(Connection c, Instant start, Instant end) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("select exists (select 1 from vehicle_view v where v.kind in ('TRUCK', 'VAN') and"
                        + DISPATCHABLE + ")")) {
            bindWindow(ps, 1, start, end);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * DISPATCHABLE for one taxi at a time, so that a scan in index order stops at the last candidate needed: the
     * booking probe stays a subplan ({@code offset 0}; flattened, a generic plan joined every booking in the window)
     * and reads, through vehicle_booking_vehicle_until (which the "C" collation selects, V5), only the vehicle's
     * bookings that end at or after the ride's start. Binds: from, end (duty windows), from, from, end (bookings).
     */
    private static final String RIDE_DISPATCHABLE = ON_DUTY
            + " and not exists (select 1 from vehicle_booking b where (b.vehicle_id collate \"C\") = v.id"
            + " and coalesce(upper(b.period), 'infinity'::timestamptz) >= ? and b.period && tstzrange(?, ?) offset 0)";

    /**
     * One pass of {@link #rideCandidates}: taxis of one accessibility, in the pickup district or elsewhere, whose
     * per-vehicle hash is at or after the trip's offset (or, wrapped, before it), in hash order; served by
     * vehicle_view_ride_district and vehicle_view_ride_spread (V5).
     */
    private static String ridePass(boolean inDistrict, boolean wrapped) {
        return "select v.* from vehicle_view v where v.kind = 'TAXI' and v.wheelchair_accessible = ?"
                + (inDistrict ? " and v.home_district = ?" : " and v.home_district <> ?")
                + (wrapped ? " and hashtext(v.id) < hashtext(?)" : " and hashtext(v.id) >= hashtext(?)")
                + " and not (v.id = any (?)) and" + RIDE_DISPATCHABLE + " order by hashtext(v.id), v.id limit ?";
    }

    /** pickup district first, then the rest; each from the trip's offset round to it */
    private static final List<String> RIDE_PASSES =
            List.of(ridePass(true, false), ridePass(true, true), ridePass(false, false), ridePass(false, true));

    /**
     * Taxis that can take the ride from {@code from} (the window's start, or now when it has begun: see
     * RideMatcher#bookableFrom) to its end, best first (as RideMatcher ranks: for an ordinary ride accessible taxis
     * last, then same district as the pickup), at most {@link #RIDE_CANDIDATES}, none of {@code excluded}.
     * <p>
     * Among equally good taxis the order is a per-vehicle hash, started at an offset given by the trip id and wrapped
     * round: concurrent consumers matching rides of one district start at different taxis instead of all queueing on
     * the same first one (each would wait for the other's commit, then move on). Each group (accessibility, district
     * or not, each side of the offset) is one index range read in that order, and the groups are read best first
     * until enough taxis are found: the cost follows the taxis examined, not the fleet or the booking history. When
     * nearly every taxi is booked, that is still most of the fleet.
     */
    public List<VehicleCandidate> rideCandidates(
            Connection c, Ride ride, Instant from, String tripId, Collection<String> excluded) throws SQLException {
        String district =
                ride.pickupDistrict() == null ? "" : ride.pickupDistrict().strip();
        List<Boolean> accessibility = ride.needsWheelchair() ? List.of(true) : List.of(false, true);
        List<VehicleCandidate> out = new ArrayList<>();
        for (boolean accessible : accessibility) {
            for (String pass : RIDE_PASSES) {
                if (out.size() >= RIDE_CANDIDATES) {
                    return out;
                }
                try (PreparedStatement ps = c.prepareStatement(pass)) {
                    ps.setBoolean(1, accessible);
                    ps.setString(2, district);
                    ps.setString(3, tripId);
                    ps.setArray(4, c.createArrayOf("text", excluded.toArray()));
                    ps.setTimestamp(5, Timestamp.from(from));
                    ps.setTimestamp(6, Timestamp.from(ride.windowEnd()));
                    ps.setTimestamp(7, Timestamp.from(from));
                    ps.setTimestamp(8, Timestamp.from(from));
                    ps.setTimestamp(9, Timestamp.from(ride.windowEnd()));
                    ps.setInt(10, RIDE_CANDIDATES - out.size());
                    out.addAll(read(ps));
                }
            }
        }
        return out;
    }

    private static final String RIDE_FROM = "(case when jsonb_typeof(r.ride->'windowStart') = 'number' then "
            + "to_timestamp((r.ride->>'windowStart')::double precision) else (r.ride->>'windowStart')::timestamptz end)";
    /** the ride's window end, as the partial index transport_request_wheelchair_rides (V5) keys it */
    private static final String RIDE_TO = "dispatch_ride_window_end(r.ride)";

    /**
     * Wheelchair rides (other than {@code requestId}) waiting or expected in [from, end): requested, not cancelled,
     * whose window (what is left of it at {@code now}) overlaps, and that have no taxi: their trip is queued, or no
     * trip is planned yet. An accessible taxi is held back from ordinary rides while there are any.
     * <p>
     * Read through transport_request_wheelchair_rides (V5): only uncancelled wheelchair rides whose window ends after
     * {@code from}, never the past days' rides; each of those asks for its trips by request (a subplan per ride,
     * {@code offset 0}, rather than hashing every trip).
     */
    public int wheelchairRidesWaiting(Connection c, String requestId, Instant from, Instant end, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from transport_request r where r.kind = 'RIDE'"
                + " and r.cancelled_at is null and dispatch_ride_needs_wheelchair(r.ride)"
                + " and " + RIDE_TO + " > ? and r.request_id <> ?"
                + " and " + RIDE_FROM + " < " + RIDE_TO + " and greatest(" + RIDE_FROM + ", ?) < ?"
                + " and (exists (select 1 from trip_view t where t.request_id = r.request_id and t.status = 'QUEUED'"
                + " offset 0) or not exists (select 1 from trip_view t where t.request_id = r.request_id offset 0))")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setString(2, requestId);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setTimestamp(4, Timestamp.from(end));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public record Booking(String tripId, String vehicleId, Instant from, Instant to) {}

    public List<Booking> ofVehicle(Connection c, String vehicleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select trip_id, vehicle_id, lower(period) f, upper(period) t "
                        + "from vehicle_booking where vehicle_id = ? and not isempty(period) order by lower(period), trip_id")) {
            ps.setString(1, vehicleId);
            List<Booking> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp to = rs.getTimestamp("t");
                    out.add(new Booking(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getTimestamp("f").toInstant(),
                            to == null ? null : to.toInstant()));
                }
            }
            return out;
        }
    }

    private static void bindWindow(PreparedStatement ps, int first, Instant start, Instant end) throws SQLException {
        ps.setTimestamp(first, Timestamp.from(start));
        ps.setTimestamp(first + 1, Timestamp.from(end));
        ps.setTimestamp(first + 2, Timestamp.from(start));
        ps.setTimestamp(first + 3, Timestamp.from(end));
    }

    private List<VehicleCandidate> read(PreparedStatement ps) throws SQLException {
        List<VehicleCandidate> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<TimeWindow> windows;
                try {
                    windows = json.readValue(rs.getString("windows"), new TypeReference<List<TimeWindow>>() {});
                } catch (Exception e) {
                    throw new SQLException("vehicle " + rs.getString("id") + " has unreadable windows", e);
                }
                out.add(new VehicleCandidate(
                        rs.getString("id"),
                        rs.getString("carrier_id"),
                        rs.getString("organisation_id"),
                        VehicleKind.valueOf(rs.getString("kind")),
                        rs.getString("plate"),
                        rs.getBigDecimal("payload_kg"),
                        rs.getBigDecimal("volume_m3"),
                        rs.getBoolean("wheelchair_accessible"),
                        rs.getString("home_district"),
                        rs.getString("driver_name"),
                        rs.getString("driver_phone"),
                        rs.getBoolean("available"),
                        windows));
            }
        }
        return out;
    }
}
