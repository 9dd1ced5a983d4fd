package org.relief.dispatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.tx.Transactions;
import org.relief.kernel.web.ProblemException;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Trips as the dispatch desks see them: lists, one trip with its timeline, a vehicle's bookings. */
@ApplicationScoped
public class TripQueries {
    @Inject
    Transactions transactions;
    @Inject
    ObjectMapper json;
    @Inject
    TripStore store;
    @Inject
    VehicleBookings bookings;

    public record TripSummary(String id, String kind, String requestId, String organisationId, String priority,
                              String status, JsonNode from, JsonNode to, JsonNode lines, JsonNode loaded,
                              BigDecimal weightKg, BigDecimal volumeM3, String vehicleId, String vehicleOrganisationId,
                              String plate, Instant windowStart, Instant windowEnd, String replanOf,
                              String replacementTripId, String queueReason, Instant queuedAt, boolean overdue,
                              JsonNode explanation, Instant createdAt, Instant updatedAt) {
    }

    public record TimelineEntry(long version, String event, Instant at, String actor, String causedBy,
                                JsonNode details) {
    }

    public record TripDetails(TripSummary trip, List<TimelineEntry> timeline) {
    }

    public record TripPage(List<TripSummary> items, int page, int size, long total) {
    }

    public record Filter(String status, String requestId, String vehicleId, String kind) {
    }

    public record BookingView(String tripId, String requestId, String kind, String status, Instant from, Instant to,
                              Instant plannedEnd) {
    }

    /** @param scopeOrganisation null for ops; else a dispatcher's organisation (its vehicles' trips, and the queue) */
    public TripPage list(Filter f, String scopeOrganisation, int page, int size) {
        return transactions.inNewTransaction(c -> {
            StringBuilder where = new StringBuilder(" where true");
            List<Object> params = new ArrayList<>();
            if (scopeOrganisation != null) {
                where.append(" and (status = 'QUEUED' or vehicle_organisation_id = ?)");
                params.add(scopeOrganisation);
            }
            if (f.status() != null) {
                where.append(" and status = ?");
                params.add(f.status());
            }
            if (f.requestId() != null) {
                where.append(" and request_id = ?");
                params.add(f.requestId());
            }
            if (f.vehicleId() != null) {
                where.append(" and vehicle_id = ?");
                params.add(f.vehicleId());
            }
            if (f.kind() != null) {
                where.append(" and kind = ?");
                params.add(f.kind());
            }
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from trip_view" + where)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<TripSummary> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select * from trip_view" + where
                    + " order by created_at desc, id limit ? offset ?")) {
                bind(ps, params);
                ps.setInt(params.size() + 1, size);
                ps.setLong(params.size() + 2, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(summary(rs));
                    }
                }
            }
            return new TripPage(items, page, size, total);
        });
    }

    public TripDetails get(String id, String scopeOrganisation) {
        return transactions.inNewTransaction(c -> {
            TripSummary t = find(c, id);
            if (t == null || !(scopeOrganisation == null || "QUEUED".equals(t.status())
                    || scopeOrganisation.equals(t.vehicleOrganisationId()))) {
                throw ProblemException.notFound("trip", id);
            }
            List<TimelineEntry> timeline = new ArrayList<>();
            for (StoredEvent e : store.history(c, id)) {
                timeline.add(new TimelineEntry(e.version(), e.type(), e.occurredAt(), e.context().actor(),
                        e.context().causationId(), e.payload()));
            }
            return new TripDetails(t, timeline);
        });
    }

    public List<BookingView> bookingsOf(String vehicleId) {
        return transactions.inNewTransaction(c -> {
            List<BookingView> out = new ArrayList<>();
            for (VehicleBookings.Booking b : bookings.ofVehicle(c, vehicleId)) {
                TripSummary t = find(c, b.tripId());
                out.add(new BookingView(b.tripId(), t == null ? null : t.requestId(), t == null ? null : t.kind(),
                        t == null ? null : t.status(), b.from(), b.to(), t == null ? null : t.windowEnd()));
            }
            return out;
        });
    }

    private TripSummary find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select * from trip_view where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? summary(rs) : null;
            }
        }
    }

    private TripSummary summary(ResultSet rs) throws SQLException {
        return new TripSummary(rs.getString("id"), rs.getString("kind"), rs.getString("request_id"),
                rs.getString("organisation_id"), rs.getString("priority"), rs.getString("status"),
                node(rs.getString("from_place")), node(rs.getString("to_place")), node(rs.getString("lines")),
                node(rs.getString("loaded")), plain(rs.getBigDecimal("weight_kg")), plain(rs.getBigDecimal("volume_m3")),
                rs.getString("vehicle_id"), rs.getString("vehicle_organisation_id"), rs.getString("plate"),
                instant(rs, "window_start"), instant(rs, "window_end"), rs.getString("replan_of"),
                rs.getString("replacement_trip_id"), rs.getString("queue_reason"), instant(rs, "queued_at"),
                rs.getBoolean("overdue"), node(rs.getString("explanation")), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private JsonNode node(String s) throws SQLException {
        if (s == null) {
            return null;
        }
        try {
            return json.readTree(s);
        } catch (Exception e) {
            throw new SQLException("unreadable JSON in trip_view", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static BigDecimal plain(BigDecimal d) {
        return d == null ? null : org.relief.dispatch.domain.Loads.plain(d);
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
