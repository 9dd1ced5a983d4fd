package org.relief.dispatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.relief.dispatch.domain.Place;
import org.relief.dispatch.domain.Ride;
import org.relief.dispatch.domain.TripLine;
import org.relief.dispatch.domain.TripStatus;
import org.relief.kernel.database.PagedSelect;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.security.CallerScope;
import org.relief.kernel.security.Roles;
import org.relief.kernel.tx.Transactions;
import org.relief.kernel.web.PagedList;
import org.relief.kernel.web.ProblemException;

/**
 * Trips as the dispatch desks see them: lists, one trip with its timeline, a vehicle's bookings. Every trip shown goes
 * through {@link PassengerPrivacy} (a ride's passenger on a need-to-know basis).
 */
@ApplicationScoped
public class TripQueries {
    /**
     * The trips a dispatcher sees (one parameter: its organisation): those on its vehicles, and the queue, which is on
     * no one's vehicle yet. Ops see all.
     */
    static final String VISIBLE_TO_DESK = "(status = 'QUEUED' or vehicle_organisation_id = ?)";

    /** The trips a partner sees (one parameter: its organisation): those carrying its own requests' goods or people. */
    static final String CARRYING_FOR_PARTNER = "organisation_id = ?";

    /** What of trip_view a caller sees: an SQL condition with one parameter, the caller's organisation; ops: none. */
    private static String visibleTo(CallerScope scope) {
        if (scope.isOps()) {
            return null;
        }
        return scope.has(Roles.DISPATCHER) ? VISIBLE_TO_DESK : CARRYING_FOR_PARTNER;
    }

    private static boolean mayView(TripSummary t, CallerScope scope) {
        if (scope.isOps()) {
            return true;
        }
        if (scope.has(Roles.DISPATCHER)) {
            return TripStatus.QUEUED.name().equals(t.status())
                    || scope.organisationId().equals(t.vehicleOrganisationId());
        }
        return scope.organisationId().equals(t.organisationId());
    }

    /** trip_view, and the passenger's phone that dispatch keeps with the request (RIDE only) */
    private static final String COLUMNS = "select *, (select r.ride ->> 'passengerPhone' from transport_request r "
            + "where r.request_id = trip_view.request_id) as passenger_phone";

    private static final String SELECT = COLUMNS + " from trip_view";

    private final Transactions transactions;
    private final ObjectMapper json;
    private final TripStore store;
    private final VehicleBookings bookings;

    @Inject
    public TripQueries(Transactions transactions, ObjectMapper json, TripStore store, VehicleBookings bookings) {
        this.transactions = transactions;
        this.json = json;
        this.store = store;
        this.bookings = bookings;
    }

    @Schema(
            name = "Trip",
            description = "A trip as the caller may see it. A RIDE trip's passenger (name, phone, exact "
                    + "pickup and drop-off addresses) is shown to ops, and to the dispatcher whose organisation's taxi carries it "
                    + "while it is SCHEDULED or PICKED_UP (personalData SHOWN). Every other dispatcher, and the carrying desk once "
                    + "the ride has ended, gets personalData WITHHELD: ride.passengerName, ride.passengerPhone, from/to name and "
                    + "address are null, and so are the same fields in the timeline's details (with any other text naming the "
                    + "passenger or an address replaced by [withheld]); districts, the ride's window, accessibility, status and "
                    + "queue reason stay. FREIGHT trips carry no private person's data: personalData null.")
    public record TripSummary(
            String id,
            String kind,
            String requestId,
            String organisationId,
            String priority,
            String status,
            @Schema(
                            description = "RIDE only: SHOWN or WITHHELD (the passenger's name, phone and "
                                    + "exact addresses are null for this caller); null for FREIGHT",
                            enumeration = {PassengerPrivacy.SHOWN, PassengerPrivacy.WITHHELD},
                            nullable = true)
                    String personalData,
            @Schema(
                            description = "warehouse, community, or a ride's pickup: {id, name, district, "
                                    + "address}; name and address null when personalData is WITHHELD",
                            implementation = Place.class)
                    JsonNode from,
            @Schema(description = "as from: the community, or a ride's drop-off", implementation = Place.class)
                    JsonNode to,
            @Schema(description = "RIDE only (null for FREIGHT): the passenger and what the taxi must offer")
                    RideView ride,
            @Schema(description = "what the trip carries", type = SchemaType.ARRAY, implementation = TripLine.class)
                    JsonNode lines,
            @Schema(
                            description = "what was loaded at pickup (null before)",
                            type = SchemaType.ARRAY,
                            implementation = TripLine.class,
                            nullable = true)
                    JsonNode loaded,
            BigDecimal weightKg,
            BigDecimal volumeM3,
            String vehicleId,
            String vehicleOrganisationId,
            String plate,
            Instant windowStart,
            Instant windowEnd,
            String replanOf,
            String replacementTripId,
            String queueReason,
            @Schema(description = "queueReason in Chinese (null for trips queued before it was kept)", nullable = true)
                    String queueReasonZh,
            Instant queuedAt,
            boolean overdue,
            @Schema(
                            description = "why the planner chose as it did, one sentence each",
                            type = SchemaType.ARRAY,
                            implementation = String.class)
                    JsonNode explanation,
            Instant createdAt,
            Instant updatedAt,
            @Schema(
                            description =
                                    "the trip's version: its ETag, and what a command sends back as If-Match "
                                            + "(quoted, e.g. \"3\") so that it is refused (412) if someone changed the trip since")
                    long version) {

        /** The same trip with its personal fields as {@link PassengerPrivacy} decided. */
        TripSummary withPersonalData(
                String personalData,
                JsonNode from,
                JsonNode to,
                RideView ride,
                String queueReason,
                String queueReasonZh,
                JsonNode explanation) {
            return new TripSummary(
                    id,
                    kind,
                    requestId,
                    organisationId,
                    priority,
                    status,
                    personalData,
                    from,
                    to,
                    ride,
                    lines,
                    loaded,
                    weightKg,
                    volumeM3,
                    vehicleId,
                    vehicleOrganisationId,
                    plate,
                    windowStart,
                    windowEnd,
                    replanOf,
                    replacementTripId,
                    queueReason,
                    queueReasonZh,
                    queuedAt,
                    overdue,
                    explanation,
                    createdAt,
                    updatedAt,
                    version);
        }
    }

    @Schema(
            name = "RideView",
            description =
                    "The ride a RIDE trip serves. passengerName and passengerPhone are null "
                            + "when the trip's personalData is WITHHELD; the districts, window and accessibility are always there.")
    public record RideView(
            String passengerName,
            String passengerPhone,
            String pickupDistrict,
            String dropoffDistrict,
            Instant windowStart,
            Instant windowEnd,
            @Schema(example = "[\"WHEELCHAIR\"]") List<String> accessibility) {}

    public record TimelineEntry(
            long version,
            String event,
            Instant at,
            String actor,
            String causedBy,
            @Schema(
                            type = SchemaType.OBJECT,
                            implementation = Object.class,
                            description = "the event's recorded fields; which ones depends on the event type",
                            nullable = true)
                    JsonNode details) {}

    public record TripDetails(TripSummary trip, List<TimelineEntry> timeline) {}

    public record TripPage(List<TripSummary> items, int page, int size, long total) implements PagedList<TripSummary> {}

    public record Filter(String status, String requestId, String vehicleId, String kind) {}

    public record BookingView(
            String tripId,
            String requestId,
            String kind,
            String status,
            Instant from,
            Instant to,
            Instant plannedEnd) {}

    /** Ops see every trip; a dispatcher its organisation's vehicles' trips, and the queue. */
    public TripPage list(Filter f, CallerScope scope, int page, int size) {
        String scopeOrganisation = viewerOrganisation(scope);
        PagedSelect select = new PagedSelect()
                .and(visibleTo(scope), scopeOrganisation)
                .and("status = ?", f.status())
                .and("request_id = ?", f.requestId())
                .and("vehicle_id = ?", f.vehicleId())
                .and("kind = ?", f.kind());
        return transactions.inNewTransaction(c -> {
            var rows = select.page(
                    c,
                    COLUMNS,
                    "trip_view",
                    "created_at desc, id",
                    page,
                    size,
                    rs -> PassengerPrivacy.trip(summary(rs), scopeOrganisation));
            return new TripPage(rows.items(), page, size, rows.total());
        });
    }

    /**
     * One trip with its timeline, 404 if {@code scope} may not see it; the passenger's data as
     * {@link PassengerPrivacy} allows.
     */
    public TripDetails get(String id, CallerScope scope) {
        return details(id, scope, true);
    }

    /**
     * The trip a command of {@code scope} has just changed (the command checked the scope), with the passenger's
     * data as {@link PassengerPrivacy} allows after the change.
     */
    public TripDetails afterCommand(String id, CallerScope scope) {
        return details(id, scope, false);
    }

    /** null for ops (every organisation), else the caller's organisation */
    private static String viewerOrganisation(CallerScope scope) {
        return scope.isOps() ? null : scope.organisationId();
    }

    private TripDetails details(String id, CallerScope scope, boolean checkScope) {
        String viewerOrganisation = viewerOrganisation(scope);
        return transactions.inNewTransaction(c -> {
            TripSummary t = find(c, id);
            if (t == null || checkScope && !mayView(t, scope)) {
                throw ProblemException.notFound("trip", id);
            }
            List<TimelineEntry> timeline = new ArrayList<>();
            for (StoredEvent e : store.history(c, id)) {
                timeline.add(new TimelineEntry(
                        e.version(),
                        e.type(),
                        e.occurredAt(),
                        e.context().actor(),
                        e.context().causationId(),
                        e.payload()));
            }
            return PassengerPrivacy.details(t, timeline, viewerOrganisation);
        });
    }

    public List<BookingView> bookingsOf(String vehicleId) {
        return transactions.inNewTransaction(c -> {
            List<BookingView> out = new ArrayList<>();
            for (VehicleBookings.Booking b : bookings.ofVehicle(c, vehicleId)) {
                TripSummary t = find(c, b.tripId());
                out.add(new BookingView(
                        b.tripId(),
                        t == null ? null : t.requestId(),
                        t == null ? null : t.kind(),
                        t == null ? null : t.status(),
                        b.from(),
                        b.to(),
                        t == null ? null : t.windowEnd()));
            }
            return out;
        });
    }

    /**
     * The trips matching {@code condition} (SQL over trip_view with ? parameters) that {@code scope} may see (as
     * {@link #list}: ops all, a dispatcher its vehicles' trips and the queue), personal data as PassengerPrivacy
     * allows, in {@code order}, at most {@code limit}: the dispatch desk's board sections.
     */
    List<TripSummary> visible(
            Connection c, CallerScope scope, String condition, List<Object> params, String order, int limit)
            throws SQLException {
        String scopeOrganisation = viewerOrganisation(scope);
        List<Object> all = new ArrayList<>(params);
        String where = " where (" + condition + ")";
        if (scopeOrganisation != null) {
            where += " and " + visibleTo(scope);
            all.add(scopeOrganisation);
        }
        List<TripSummary> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + where + " order by " + order + " limit ?")) {
            bind(ps, all);
            ps.setInt(all.size() + 1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(PassengerPrivacy.trip(summary(rs), scopeOrganisation));
                }
            }
        }
        return out;
    }

    private TripSummary find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? summary(rs) : null;
            }
        }
    }

    private TripSummary summary(ResultSet rs) throws SQLException {
        JsonNode from = node(rs.getString("from_place"));
        JsonNode to = node(rs.getString("to_place"));
        return new TripSummary(
                rs.getString("id"),
                rs.getString("kind"),
                rs.getString("request_id"),
                rs.getString("organisation_id"),
                rs.getString("priority"),
                rs.getString("status"),
                null,
                from,
                to,
                ride(node(rs.getString("ride")), rs.getString("passenger_phone"), to),
                node(rs.getString("lines")),
                node(rs.getString("loaded")),
                plain(rs.getBigDecimal("weight_kg")),
                plain(rs.getBigDecimal("volume_m3")),
                rs.getString("vehicle_id"),
                rs.getString("vehicle_organisation_id"),
                rs.getString("plate"),
                instant(rs, "window_start"),
                instant(rs, "window_end"),
                rs.getString("replan_of"),
                rs.getString("replacement_trip_id"),
                rs.getString("queue_reason"),
                rs.getString("queue_reason_zh"),
                instant(rs, "queued_at"),
                rs.getBoolean("overdue"),
                node(rs.getString("explanation")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"));
    }

    /** The trip's ride (trip_view.ride), with the phone dispatch holds from the request and the drop-off district. */
    private RideView ride(JsonNode ride, String phone, JsonNode to) throws SQLException {
        if (ride == null || ride.isNull() || !ride.isObject()) {
            return null;
        }
        try {
            Ride r = json.treeToValue(ride, Ride.class);
            return new RideView(
                    r.passengerName(),
                    phone,
                    r.pickupDistrict(),
                    to == null
                                    || to.get("district") == null
                                    || to.get("district").isNull()
                            ? null
                            : to.get("district").asText(),
                    r.windowStart(),
                    r.windowEnd(),
                    r.accessibility() == null ? List.of() : r.accessibility());
        } catch (Exception e) {
            throw new SQLException("unreadable ride in trip_view", e);
        }
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
