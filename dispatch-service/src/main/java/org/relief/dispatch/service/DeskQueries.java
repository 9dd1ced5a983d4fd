package org.relief.dispatch.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.relief.kernel.security.CallerScope;
import org.relief.kernel.tx.Transactions;

/**
 * The dispatch desk's board in one read: the key figures of the desk's day (in the desk's time zone, Asia/Shanghai by
 * default: a UTC day would start at 08:00 in Xi'an), the queue, the trips under way and those ended today, and the free
 * vehicles by district and kind. Scoped as the trips API is: a dispatcher sees its own vehicles and their trips, and
 * the queue (on no one's vehicle yet); ops see everything.
 */
@ApplicationScoped
public class DeskQueries {
    /** at most this many trips per section: a desk reads the top of each, the API pages through the rest */
    static final int SECTION = 200;

    private final Transactions transactions;
    private final TripQueries trips;
    private final Clock clock;
    private final ZoneId zone;

    public DeskQueries(
            Transactions transactions,
            TripQueries trips,
            Clock clock,
            @ConfigProperty(name = "relief.desk.zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.transactions = transactions;
        this.trips = trips;
        this.clock = clock;
        this.zone = zone;
    }

    @Schema(name = "DeskFigures")
    public record Figures(
            @Schema(description = "trips of the desk planned today (the queue's included)") long tripsToday,
            @Schema(description = "tonnes on freight trips delivered today (as loaded)") BigDecimal tonnesMovedToday,
            long ridesCompletedToday,
            @Schema(description = "the desk's vehicles on duty") long vehiclesOnDuty,
            @Schema(
                            description =
                                    "how long the longest-waiting trip in the queue has waited, minutes; null: none waits")
                    Long longestWaitMinutes) {}

    @Schema(name = "FreeVehicles", description = "On duty and not on a trip now")
    public record FreeVehicles(String district, String kind, long count) {}

    @Schema(name = "DeskBoard")
    public record Board(
            @Schema(example = "Asia/Shanghai") String zone,
            @Schema(description = "the desk's day in its zone") LocalDate day,
            Instant generatedAt,
            Figures figures,
            @Schema(description = "QUEUED: most urgent first, then the longest waiting")
                    List<TripQueries.TripSummary> waiting,
            @Schema(description = "SCHEDULED, soonest first") List<TripQueries.TripSummary> scheduled,
            List<TripQueries.TripSummary> pickedUp,
            @Schema(description = "DELIVERED, FAILED or CANCELLED today, latest first")
                    List<TripQueries.TripSummary> endedToday,
            List<FreeVehicles> freeVehicles) {}

    public Board board(CallerScope scope) {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, zone);
        Timestamp dayStart = Timestamp.from(day.atStartOfDay(zone).toInstant());
        String organisation = scope.isOps() ? null : scope.organisationId();
        return transactions.inNewTransaction(c -> {
            // one snapshot for all sections: at READ COMMITTED each query sees its own, and a trip booked between the
            // queue's query and the scheduled one showed in both (CI caught it on the desk)
            try (var s = c.createStatement()) {
                s.execute("set transaction isolation level repeatable read, read only");
            }
            List<TripQueries.TripSummary> waiting =
                    trips.visible(c, scope, "status = 'QUEUED'", List.of(), "priority_rank, queued_at, id", SECTION);
            List<TripQueries.TripSummary> scheduled =
                    trips.visible(c, scope, "status = 'SCHEDULED'", List.of(), "window_start, id", SECTION);
            List<TripQueries.TripSummary> pickedUp =
                    trips.visible(c, scope, "status = 'PICKED_UP'", List.of(), "updated_at, id", SECTION);
            List<TripQueries.TripSummary> ended = trips.visible(
                    c,
                    scope,
                    "status in ('DELIVERED', 'FAILED', 'CANCELLED') and updated_at >= ?",
                    List.of(dayStart),
                    "updated_at desc, id",
                    SECTION);
            Figures figures = figures(c, organisation, dayStart, now);
            return new Board(
                    zone.getId(), day, now, figures, waiting, scheduled, pickedUp, ended, free(c, organisation, now));
        });
    }

    private static Figures figures(Connection c, String organisation, Timestamp dayStart, Instant now)
            throws SQLException {
        long tripsToday;
        BigDecimal kg;
        long rides;
        Long longestWait;
        try (PreparedStatement ps = c.prepareStatement("select count(*) filter (where created_at >= ?),"
                + " coalesce(sum(coalesce((select sum((l->>'weightKg')::numeric) from jsonb_array_elements("
                + "case when jsonb_typeof(loaded) = 'array' then loaded else '[]'::jsonb end) l), weight_kg))"
                + " filter (where kind = 'FREIGHT' and status = 'DELIVERED' and updated_at >= ?), 0),"
                + " count(*) filter (where kind = 'RIDE' and status = 'DELIVERED' and updated_at >= ?),"
                + " min(queued_at) filter (where status = 'QUEUED')"
                + " from trip_view where (created_at >= ? or updated_at >= ? or status = 'QUEUED')"
                + (organisation == null ? "" : " and " + TripQueries.VISIBLE_TO_DESK))) {
            ps.setTimestamp(1, dayStart);
            ps.setTimestamp(2, dayStart);
            ps.setTimestamp(3, dayStart);
            ps.setTimestamp(4, dayStart);
            ps.setTimestamp(5, dayStart);
            if (organisation != null) {
                ps.setString(6, organisation);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                tripsToday = rs.getLong(1);
                kg = rs.getBigDecimal(2);
                rides = rs.getLong(3);
                Timestamp oldest = rs.getTimestamp(4);
                longestWait = oldest == null ? null : Math.max(0, (now.toEpochMilli() - oldest.getTime()) / 60_000);
            }
        }
        long onDuty;
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from vehicle_view where available and (?::text is null or organisation_id = ?)")) {
            ps.setString(1, organisation);
            ps.setString(2, organisation);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                onDuty = rs.getLong(1);
            }
        }
        BigDecimal tonnes =
                kg.divide(BigDecimal.valueOf(1000), 3, RoundingMode.HALF_UP).stripTrailingZeros();
        return new Figures(tripsToday, tonnes.signum() == 0 ? BigDecimal.ZERO : tonnes, rides, onDuty, longestWait);
    }

    private static List<FreeVehicles> free(Connection c, String organisation, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select home_district, kind, count(*) from vehicle_view v"
                + " where v.available and (?::text is null or v.organisation_id = ?) and not exists ("
                + "select 1 from vehicle_booking b where b.vehicle_id = v.id and b.period @> ?::timestamptz)"
                + " group by home_district, kind order by home_district, kind")) {
            ps.setString(1, organisation);
            ps.setString(2, organisation);
            ps.setTimestamp(3, Timestamp.from(now));
            List<FreeVehicles> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FreeVehicles(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return out;
        }
    }

    /**
     * Where dispatch's data stands: the event store's last position. Every change a desk shows (a trip, a vehicle, a
     * request dispatch serves) is an event, so the board is stale exactly when this moved; read by every replica.
     */
    public long position() {
        return transactions.inNewTransaction(c -> {
            try (PreparedStatement ps =
                            c.prepareStatement("select coalesce(max(global_position), 0) from event_store");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
