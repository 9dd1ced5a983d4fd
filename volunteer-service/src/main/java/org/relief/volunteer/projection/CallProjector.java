package org.relief.volunteer.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.tx.DatabaseException;
import org.relief.volunteer.domain.VolunteerCallEvent;

/**
 * Keeps volunteer_call_view and volunteer_assignment_view in step with the call events, and drops the booking of an
 * assignment that no longer holds its volunteer, all on the appending transaction's connection. Statuses are
 * derived here exactly as {@link org.relief.volunteer.domain.VolunteerCall} derives them.
 */
@ApplicationScoped
public class CallProjector {

    public void project(Connection c, String callId, StoredEvent stored, VolunteerCallEvent event) {
        try {
            apply(c, callId, stored.version(), event);
        } catch (SQLException e) {
            throw new DatabaseException("projecting " + stored.type() + " of call " + callId + " failed", e);
        }
    }

    private void apply(Connection c, String callId, long version, VolunteerCallEvent event) throws SQLException {
        if (event instanceof VolunteerCallEvent.Opened o) {
            update(
                    c,
                    "insert into volunteer_call_view (id, request_id, trip_id, organisation_id, purpose, skill, "
                            + "skill_note, needed, district, place, description, window_start, window_end, status, "
                            + "opened_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)",
                    o.callId(),
                    o.requestId(),
                    o.tripId(),
                    o.organisationId(),
                    o.purpose().name(),
                    o.skill(),
                    o.skillNote(),
                    o.needed(),
                    o.district(),
                    o.place(),
                    o.description(),
                    o.windowStart(),
                    o.windowEnd(),
                    o.openedAt(),
                    version);
        } else if (event instanceof VolunteerCallEvent.Assigned a) {
            update(
                    c,
                    "insert into volunteer_assignment_view (id, call_id, volunteer_id, volunteer_name, "
                            + "organisation_id, status, offered_at) values (?, ?, ?, ?, ?, 'OFFERED', ?)",
                    a.assignmentId(),
                    callId,
                    a.volunteerId(),
                    a.volunteerName(),
                    a.volunteerOrganisationId(),
                    a.assignedAt());
            update(
                    c,
                    "update volunteer_call_view set assigned = assigned + 1, "
                            + "status = case when assigned + 1 >= needed then 'FILLED' else status end, "
                            + "short = case when assigned + 1 >= needed then false else short end, "
                            + "short_reason = case when assigned + 1 >= needed then null else short_reason end, "
                            + "version = ? where id = ?",
                    version,
                    callId);
        } else if (event instanceof VolunteerCallEvent.Accepted a) {
            update(
                    c,
                    "update volunteer_assignment_view set status = 'ACCEPTED', answered_at = ? where id = ?",
                    a.acceptedAt(),
                    a.assignmentId());
            version(c, callId, version);
        } else if (event instanceof VolunteerCallEvent.Declined d) {
            update(
                    c,
                    "update volunteer_assignment_view set status = 'DECLINED', reason = ?, answered_at = ?, "
                            + "ended_at = ? where id = ?",
                    d.reason(),
                    d.declinedAt(),
                    d.declinedAt(),
                    d.assignmentId());
            update(
                    c,
                    "update volunteer_call_view set assigned = assigned - 1, "
                            + "status = case when status = 'FILLED' then 'OPEN' else status end, version = ? where id = ?",
                    version,
                    callId);
            releaseBookings(c, List.of(d.assignmentId()));
        } else if (event instanceof VolunteerCallEvent.Short s) {
            update(
                    c,
                    "update volunteer_call_view set short = true, short_reason = ?, version = ? where id = ?",
                    s.reason(),
                    version,
                    callId);
        } else if (event instanceof VolunteerCallEvent.Completed done) {
            for (VolunteerCallEvent.Served s : done.served()) {
                update(
                        c,
                        "update volunteer_assignment_view set status = 'COMPLETED', hours = ?, ended_at = ? "
                                + "where id = ?",
                        s.hours(),
                        done.completedAt(),
                        s.assignmentId());
            }
            for (String id : done.noShows()) {
                update(
                        c,
                        "update volunteer_assignment_view set status = 'NO_SHOW', reason = 'did not show', "
                                + "ended_at = ? where id = ?",
                        done.completedAt(),
                        id);
            }
            java.math.BigDecimal hours = done.served().stream()
                    .map(VolunteerCallEvent.Served::hours)
                    .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
            update(
                    c,
                    "update volunteer_call_view set status = 'COMPLETED', assigned = 0, short = false, "
                            + "completed_at = ?, person_times = ?, hours = ?, version = ? where id = ?",
                    done.completedAt(),
                    done.served().size(),
                    hours,
                    version,
                    callId);
            for (String id : done.released()) {
                update(
                        c,
                        "update volunteer_assignment_view set status = 'RELEASED', reason = ?, ended_at = ? "
                                + "where id = ?",
                        org.relief.volunteer.domain.VolunteerCall.NOT_SERVED,
                        done.completedAt(),
                        id);
            }
            releaseBookings(
                    c,
                    done.served().stream()
                            .map(VolunteerCallEvent.Served::assignmentId)
                            .toList());
            releaseBookings(c, done.noShows());
            releaseBookings(c, done.released());
        } else if (event instanceof VolunteerCallEvent.Cancelled x) {
            for (String id : x.released()) {
                update(
                        c,
                        "update volunteer_assignment_view set status = 'RELEASED', reason = ?, ended_at = ? "
                                + "where id = ?",
                        x.reason(),
                        x.cancelledAt(),
                        id);
            }
            update(
                    c,
                    "update volunteer_call_view set status = 'CANCELLED', assigned = 0, short = false, "
                            + "cancelled_at = ?, cancel_reason = ?, version = ? where id = ?",
                    x.cancelledAt(),
                    x.reason(),
                    version,
                    callId);
            releaseBookings(c, x.released());
        }
    }

    private static void releaseBookings(Connection c, List<String> assignmentIds) throws SQLException {
        if (assignmentIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("delete from volunteer_booking where assignment_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", assignmentIds.toArray()));
            ps.executeUpdate();
        }
    }

    private static void version(Connection c, String callId, long version) throws SQLException {
        update(c, "update volunteer_call_view set version = ? where id = ?", version, callId);
    }

    static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Instant t) {
                    ps.setObject(i + 1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
                } else if (p == null) {
                    ps.setObject(i + 1, null);
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            ps.executeUpdate();
        }
    }
}
