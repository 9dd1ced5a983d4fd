package org.relief.dispatch.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.relief.dispatch.domain.TransportRequestEvent;
import org.relief.dispatch.domain.TripEvent;
import org.relief.dispatch.domain.TripStatus;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.tx.DatabaseException;

/**
 * Keeps trip_view and transport_request in step with their streams, with plain SQL on the appending transaction's
 * connection (the queue job locks trip_view rows, so the view must be exact inside the transaction).
 */
@ApplicationScoped
public class TripProjector {
    private final ObjectMapper json;

    @Inject
    public TripProjector(ObjectMapper json) {
        this.json = json;
    }

    public void trip(Connection c, String tripId, StoredEvent stored, TripEvent event) {
        try {
            if (event instanceof TripEvent.Planned p) {
                update(
                        c,
                        "insert into trip_view (id, kind, request_id, organisation_id, priority, priority_rank, status, "
                                + "from_place, to_place, warehouse_id, lines, weight_kg, volume_m3, ride, replan_of, explanation, "
                                + "created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, 'QUEUED', ?::jsonb, ?::jsonb, ?, "
                                + "?::jsonb, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?)",
                        tripId,
                        p.kind().name(),
                        p.requestId(),
                        p.organisationId(),
                        p.priority().name(),
                        p.priority().rank(),
                        write(p.from()),
                        write(p.to()),
                        p.warehouseId(),
                        write(p.lines()),
                        p.weightKg(),
                        p.volumeM3(),
                        p.ride() == null ? null : write(p.ride()),
                        p.replanOf(),
                        write(p.explanation()),
                        ts(p.plannedAt()),
                        ts(p.plannedAt()),
                        stored.version());
            } else if (event instanceof TripEvent.Queued q) {
                update(
                        c,
                        "update trip_view set status = 'QUEUED', queue_reason = ?, queue_reason_zh = ?, queued_at = ?, "
                                + "explanation = explanation || ?::jsonb, updated_at = ?, version = ? where id = ?",
                        q.reason(),
                        q.reasonZh(),
                        ts(q.queuedAt()),
                        write(q.explanation()),
                        ts(q.queuedAt()),
                        stored.version(),
                        tripId);
            } else if (event instanceof TripEvent.Scheduled s) {
                update(
                        c,
                        "update trip_view set status = 'SCHEDULED', vehicle_id = ?, vehicle_organisation_id = ?, plate = ?, "
                                + "window_start = ?, window_end = ?, lines = ?::jsonb, weight_kg = ?, volume_m3 = ?, "
                                + "queue_reason = null, queue_reason_zh = null, explanation = explanation || ?::jsonb, updated_at = ?, version = ? where id = ?",
                        s.vehicle().vehicleId(),
                        s.vehicle().organisationId(),
                        s.vehicle().plate(),
                        ts(s.vehicle().windowStart()),
                        ts(s.vehicle().windowEnd()),
                        write(s.lines()),
                        s.weightKg(),
                        s.volumeM3(),
                        write(s.explanation()),
                        ts(s.scheduledAt()),
                        stored.version(),
                        tripId);
            } else if (event instanceof TripEvent.Reassigned r) {
                update(
                        c,
                        "update trip_view set vehicle_id = ?, vehicle_organisation_id = ?, plate = ?, window_start = ?, "
                                + "window_end = ?, explanation = explanation || ?::jsonb, updated_at = ?, version = ? where id = ?",
                        r.vehicle().vehicleId(),
                        r.vehicle().organisationId(),
                        r.vehicle().plate(),
                        ts(r.vehicle().windowStart()),
                        ts(r.vehicle().windowEnd()),
                        write(r.explanation()),
                        ts(r.reassignedAt()),
                        stored.version(),
                        tripId);
            } else if (event instanceof TripEvent.PriorityChanged pc) {
                // the queue orders by priority_rank: the trip's place follows its events
                update(
                        c,
                        "update trip_view set priority = ?, priority_rank = ?, updated_at = ?, version = ? where id = ?",
                        pc.priority().name(),
                        pc.priority().rank(),
                        ts(pc.changedAt()),
                        stored.version(),
                        tripId);
            } else if (event instanceof TripEvent.WaitOverdue o) {
                update(
                        c,
                        "update trip_view set overdue = true, updated_at = ?, version = ? where id = ?",
                        ts(o.escalatedAt()),
                        stored.version(),
                        tripId);
            } else if (event instanceof TripEvent.PickedUp p) {
                update(
                        c,
                        "update trip_view set status = 'PICKED_UP', loaded = ?::jsonb, updated_at = ?, version = ? where id = ?",
                        write(p.lines()),
                        ts(p.pickedUpAt()),
                        stored.version(),
                        tripId);
            } else if (event instanceof TripEvent.Delivered d) {
                status(c, tripId, TripStatus.DELIVERED.name(), d.deliveredAt(), stored);
            } else if (event instanceof TripEvent.Failed f) {
                update(
                        c,
                        "update trip_view set status = 'FAILED', replacement_trip_id = ?, updated_at = ?, version = ? where id = ?",
                        f.replacementTripId(),
                        ts(f.failedAt()),
                        stored.version(),
                        tripId);
            } else if (event instanceof TripEvent.Cancelled x) {
                status(c, tripId, TripStatus.CANCELLED.name(), x.cancelledAt(), stored);
            }
        } catch (SQLException e) {
            throw new DatabaseException("trip projection of " + tripId + " failed", e);
        }
    }

    public void request(Connection c, String requestId, StoredEvent stored, TransportRequestEvent event) {
        try {
            update(
                    c,
                    "insert into transport_request (request_id, version) values (?, ?) on conflict (request_id) "
                            + "do update set version = excluded.version",
                    requestId,
                    stored.version());
            if (event instanceof TransportRequestEvent.Submitted s) {
                update(
                        c,
                        "update transport_request set organisation_id = ?, kind = ?, priority = ?, community = ?, "
                                + "district = ?, address = ?, ride = ?::jsonb, submitted_at = ? where request_id = ?",
                        s.organisationId(),
                        s.kind(),
                        s.priority().name(),
                        s.community(),
                        s.district(),
                        s.address(),
                        s.ride() == null ? null : write(s.ride()),
                        ts(s.submittedAt()),
                        requestId);
            } else if (event instanceof TransportRequestEvent.AllocationNoted a) {
                update(
                        c,
                        "update transport_request set allocation = ?::jsonb, allocation_expires_at = ?, allocated_at = ? "
                                + "where request_id = ?",
                        write(a.lines()),
                        ts(a.expiresAt()),
                        ts(a.allocatedAt()),
                        requestId);
            } else if (event instanceof TransportRequestEvent.ReservationClosed r) {
                update(
                        c,
                        "update transport_request set reservation_closed = ? where request_id = ?",
                        r.reason(),
                        requestId);
            } else if (event instanceof TransportRequestEvent.PriorityCorrected pc) {
                update(
                        c,
                        "update transport_request set priority = ? where request_id = ?",
                        pc.priority().name(),
                        requestId);
            } else if (event instanceof TransportRequestEvent.Cancelled x) {
                update(
                        c,
                        "update transport_request set cancelled_at = ? where request_id = ?",
                        ts(x.cancelledAt()),
                        requestId);
            }
        } catch (SQLException e) {
            throw new DatabaseException("transport request projection of " + requestId + " failed", e);
        }
    }

    private static void status(Connection c, String tripId, String status, Instant at, StoredEvent stored)
            throws SQLException {
        update(
                c,
                "update trip_view set status = ?, updated_at = ?, version = ? where id = ?",
                status,
                ts(at),
                stored.version(),
                tripId);
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o == null ? List.of() : o);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
