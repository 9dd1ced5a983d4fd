package org.relief.volunteer.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.security.CallerScope;
import org.relief.kernel.tx.Transactions;
import org.relief.kernel.web.ProblemException;

/**
 * The read side of calls, assignments and hours, scoped by the caller's {@link CallerScope}: which calls it sees
 * ({@link CallVisibility}, as the SQL rule below), and of a care visit's personal data only what
 * {@link CareVisitPrivacy} lets it know.
 */
@ApplicationScoped
public class CallQueries {
    private static final String CALL_COLUMNS = "c.id, c.request_id, c.trip_id, c.organisation_id, c.purpose, c.skill, "
            + "c.skill_note, c.needed, c.assigned, c.district, c.place, c.description, c.window_start, c.window_end, "
            + "c.status, c.short, c.short_reason, c.opened_at, c.completed_at, c.cancelled_at, c.cancel_reason, "
            + "c.person_times, c.hours";
    private static final String ASSIGNMENT_COLUMNS = "a.id, a.call_id, a.volunteer_id, a.volunteer_name, "
            + "a.organisation_id, a.status, a.hours, a.reason, a.offered_at, a.answered_at, a.ended_at";
    /** the rule of {@link CallVisibility} in SQL; parameters: audience, organisation (three times) */
    private static final String VISIBLE = "(? = '" + CallVisibility.OPS + "' "
            + "or (? = '" + CallVisibility.PARTNER + "' and c.organisation_id = ?) "
            + "or (? = '" + CallVisibility.COORDINATOR + "' and (c.purpose <> 'COMMUNITY' or c.organisation_id = ? "
            + "    or exists (select 1 from volunteer_assignment_view va where va.call_id = c.id "
            + "               and va.organisation_id = ?))))";

    public static final int MAX_LIST = 500;

    private final Transactions transactions;
    private final VolunteerCallHistory history;

    @Inject
    public CallQueries(Transactions transactions, VolunteerCallHistory history) {
        this.transactions = transactions;
        this.history = history;
    }

    public record Filter(String status, String purpose, String requestId, String district) {}

    public List<CallViews.Call> list(CallerScope scope, Filter f) {
        return transactions.inNewTransaction(c -> {
            List<String> where = new ArrayList<>(List.of(VISIBLE));
            List<Object> params = new ArrayList<>(visibleParams(scope));
            if (f.status() != null) {
                where.add("c.status = ?");
                params.add(f.status());
            }
            if (f.purpose() != null) {
                where.add("c.purpose = ?");
                params.add(f.purpose());
            }
            if (f.requestId() != null) {
                where.add("c.request_id = ?");
                params.add(f.requestId());
            }
            if (f.district() != null) {
                where.add("c.district = ?");
                params.add(f.district());
            }
            List<CallViews.Call> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + CALL_COLUMNS + " from volunteer_call_view c "
                    + "where " + String.join(" and ", where) + " order by c.window_start, c.id limit " + MAX_LIST)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(call(rs));
                    }
                }
            }
            return CareVisitPrivacy.calls(c, scope, out);
        });
    }

    /** The call with its assignments and timeline; 404 if unknown or not visible to the caller. */
    public CallViews.Details details(String callId, CallerScope scope) {
        return transactions.inNewTransaction(c -> {
            CallViews.Call call = call(c, callId).orElse(null);
            if (call == null || !visible(c, scope, call)) {
                throw ProblemException.notFound("volunteer call", callId);
            }
            List<CallViews.Assignment> assignments =
                    assignments(c, "a.call_id = ? order by a.offered_at, a.id", callId);
            List<CallViews.TimelineEntry> timeline = new ArrayList<>();
            for (StoredEvent e : history.of(c, callId)) {
                timeline.add(new CallViews.TimelineEntry(
                        e.version(),
                        e.type(),
                        e.occurredAt(),
                        e.context().actor(),
                        e.context().causationId()));
            }
            return CareVisitPrivacy.details(scope, new CallViews.Details(call, assignments, timeline));
        });
    }

    /**
     * One assignment as the caller may see it, read after a command on it succeeded (the command checked the
     * caller's scope).
     */
    public CallViews.Assignment assignment(String assignmentId, CallerScope scope) {
        return transactions.inNewTransaction(c -> {
            CallViews.Assignment a = assignment(c, assignmentId)
                    .orElseThrow(() -> ProblemException.notFound("assignment", assignmentId));
            return CareVisitPrivacy.assignments(c, scope, List.of(a)).get(0);
        });
    }

    /**
     * Hours of completed assignments whose call's window started in [from, to), optionally of one district (the
     * call's) and one organisation (the volunteer's).
     */
    public CallViews.Hours hours(Instant from, Instant to, String district, String organisationId) {
        return transactions.inNewTransaction(c -> {
            List<String> where = new ArrayList<>(List.of("a.status = 'COMPLETED'"));
            List<Object> params = new ArrayList<>();
            if (from != null) {
                where.add("c.window_start >= ?");
                params.add(from);
            }
            if (to != null) {
                where.add("c.window_start < ?");
                params.add(to);
            }
            if (district != null) {
                where.add("c.district = ?");
                params.add(district);
            }
            if (organisationId != null) {
                where.add("a.organisation_id = ?");
                params.add(organisationId);
            }
            Map<String, CallViews.Total> byPurpose = new LinkedHashMap<>();
            Map<String, CallViews.Total> bySkill = new LinkedHashMap<>();
            BigDecimal hours = BigDecimal.ZERO;
            long times = 0;
            try (PreparedStatement ps = c.prepareStatement("select c.purpose, coalesce(c.skill, 'any'), count(*), "
                    + "coalesce(sum(a.hours), 0) from volunteer_assignment_view a join volunteer_call_view c "
                    + "on c.id = a.call_id where " + String.join(" and ", where)
                    + " group by c.purpose, coalesce(c.skill, 'any') order by 1, 2")) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong(3);
                        BigDecimal h = rs.getBigDecimal(4);
                        hours = hours.add(h);
                        times += n;
                        add(byPurpose, rs.getString(1), h, n);
                        add(bySkill, rs.getString(2), h, n);
                    }
                }
            }
            return new CallViews.Hours(hours, times, List.copyOf(byPurpose.values()), List.copyOf(bySkill.values()));
        });
    }

    /** The volunteer's hours and completed assignments, the assignments as the caller may see them. */
    public CallViews.VolunteerHours volunteerHours(String volunteerId, CallerScope scope) {
        return transactions.inNewTransaction(c -> {
            List<CallViews.Assignment> done = assignments(
                    c, "a.volunteer_id = ? and a.status = 'COMPLETED' " + "order by a.ended_at, a.id", volunteerId);
            Map<String, CallViews.Total> byPurpose = new LinkedHashMap<>();
            BigDecimal hours = BigDecimal.ZERO;
            for (CallViews.Assignment a : done) {
                String purpose =
                        call(c, a.callId()).map(CallViews.Call::purpose).orElse("?");
                add(byPurpose, purpose, a.hours(), 1);
                hours = hours.add(a.hours());
            }
            return new CallViews.VolunteerHours(
                    volunteerId,
                    hours,
                    done.size(),
                    List.copyOf(byPurpose.values()),
                    CareVisitPrivacy.assignments(c, scope, done));
        });
    }

    /**
     * The volunteer's bookings, earliest first (what makes them unavailable to other calls), as the caller may see
     * them.
     */
    public List<CallViews.Booking> bookings(String volunteerId, CallerScope scope) {
        return transactions.inNewTransaction(c -> {
            List<CallViews.Booking> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select b.assignment_id, b.call_id, c.purpose, c.district, "
                    + "c.place, lower(b.period), upper(b.period) from volunteer_booking b join volunteer_call_view c "
                    + "on c.id = b.call_id where b.volunteer_id = ? order by lower(b.period), b.assignment_id")) {
                ps.setString(1, volunteerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CallViews.Booking(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                instant(rs, 6),
                                instant(rs, 7),
                                null));
                    }
                }
            }
            return CareVisitPrivacy.bookings(c, scope, out);
        });
    }

    private static void add(Map<String, CallViews.Total> totals, String key, BigDecimal hours, long times) {
        totals.merge(
                key,
                new CallViews.Total(key, hours, times),
                (a, b) -> new CallViews.Total(key, a.hours().add(b.hours()), a.personTimes() + b.personTimes()));
    }

    // ---------------------------------------------------------------- on a given connection: unfiltered, for commands

    static Optional<CallViews.Call> call(Connection c, String callId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("select " + CALL_COLUMNS + " from volunteer_call_view c where c.id = ?")) {
            ps.setString(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(call(rs)) : Optional.empty();
            }
        }
    }

    static Optional<CallViews.Assignment> assignment(Connection c, String assignmentId) throws SQLException {
        return assignments(c, "a.id = ?", assignmentId).stream().findFirst();
    }

    static boolean visible(Connection c, CallerScope scope, CallViews.Call call) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("select 1 from volunteer_call_view c where c.id = ? and " + VISIBLE)) {
            List<Object> params = new ArrayList<>();
            params.add(call.id());
            params.addAll(visibleParams(scope));
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Calls still OPEN or FILLED whose {@code column} (request_id or trip_id) is {@code id}. */
    static List<String> liveCalls(Connection c, String column, String id) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id from volunteer_call_view where " + column
                + " = ? and status in ('OPEN', 'FILLED') order by window_start, id")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** The volunteer's offered or accepted assignments on live calls whose window has not ended. */
    static List<CallViews.Assignment> heldBy(Connection c, String volunteerId) throws SQLException {
        return assignments(
                c,
                "a.volunteer_id = ? and a.status in ('OFFERED', 'ACCEPTED') and exists (select 1 "
                        + "from volunteer_call_view c where c.id = a.call_id and c.status in ('OPEN', 'FILLED') "
                        + "and c.window_end > now()) order by a.offered_at, a.id",
                volunteerId);
    }

    private static List<CallViews.Assignment> assignments(Connection c, String where, String param)
            throws SQLException {
        List<CallViews.Assignment> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select " + ASSIGNMENT_COLUMNS + " from volunteer_assignment_view a where " + where)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CallViews.Assignment(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getBigDecimal(7),
                            rs.getString(8),
                            instant(rs, 9),
                            instant(rs, 10),
                            instant(rs, 11),
                            null));
                }
            }
        }
        return out;
    }

    private static List<Object> visibleParams(CallerScope scope) {
        String audience = CallVisibility.audience(scope);
        String org = scope.organisationId() == null ? "" : scope.organisationId();
        return List.of(audience, audience, org, audience, org, org);
    }

    private static CallViews.Call call(ResultSet rs) throws SQLException {
        return new CallViews.Call(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getInt(8),
                rs.getInt(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                instant(rs, 13),
                instant(rs, 14),
                rs.getString(15),
                rs.getBoolean(16),
                rs.getString(17),
                instant(rs, 18),
                instant(rs, 19),
                instant(rs, 20),
                rs.getString(21),
                (Integer) rs.getObject(22),
                rs.getBigDecimal(23),
                null);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Instant t) {
                ps.setObject(i + 1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
