package org.relief.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relief.inventory.domain.ReleaseReason;
import org.relief.inventory.domain.StockReservation;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.runtime.JobTracing;
import org.relief.kernel.runtime.TransactionRunner;
import org.relief.kernel.tx.DatabaseException;

/**
 * Releases reservations whose time-to-live passed before pickup (run by {@link ReservationExpiryJob}); the freed
 * units go to the next in the queue.
 */
@ApplicationScoped
public class ReservationExpiry {
    private final ReservationStore store;
    private final ReservationRelease releases;
    private final Allocator allocator;
    private final TransactionRunner runner;
    private final JobTracing jobTracing;
    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    public ReservationExpiry(
            ReservationStore store,
            ReservationRelease releases,
            Allocator allocator,
            TransactionRunner runner,
            JobTracing jobTracing,
            Clock clock) {
        this.store = store;
        this.releases = releases;
        this.allocator = allocator;
        this.runner = runner;
        this.jobTracing = jobTracing;
        this.clock = clock;
    }

    /** Runs every expiry due now, each in its own transaction; returns how many were released. */
    public int expireDue(int limit) {
        Instant now = clock.instant();
        List<String> due = runner.inTransaction(c -> dueForExpiry(c, now, limit));
        int released = 0;
        for (String requestId : due) {
            if (runner.inTransaction(c -> expire(c, requestId, now))) {
                released++;
            }
        }
        return released;
    }

    /**
     * Releases one reservation whose time-to-live has passed. The item locks are taken first, then the reservation's
     * row is picked {@code FOR UPDATE SKIP LOCKED}: the same lock order as allocation (which locks items, then writes
     * the row), so an expiry and an allocation never deadlock, and another instance's job skips the row.
     *
     * @return whether it was released here
     */
    public boolean expire(Connection c, String requestId, Instant now) {
        Optional<ReservationStore.Locked> locked =
                store.loadLocked(c, requestId, r -> !r.status().closed());
        if (locked.isEmpty()) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("select request_id from reservation_view where request_id = ? "
                + "and expires_at <= ? and picked_up_at is null and status in ('RESERVED', 'PARTIALLY_RESERVED') "
                + "for update skip locked")) {
            ps.setString(1, requestId);
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false; // topped up since (new expiry), picked up, closed, or being expired by another
                    // instance
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("picking expired reservation " + requestId + " failed", e);
        }
        StockReservation r = locked.get().reservation();
        if (r.pickedUpAt() != null) {
            return false; // the goods are on their way: settled by the receipt, not by time
        }
        EventContext trigger = new EventContext(
                requestId,
                null,
                ReservationService.ACTOR,
                r.organisationId(),
                jobTracing.traceparent(c, "reservation-expiry", ReservationStore.STREAM_TYPE + "-" + requestId));
        releases.release(c, r, ReleaseReason.EXPIRED, trigger);
        allocator.allocate(c, locked.get().items(), null, trigger);
        return true;
    }

    /** Reservations whose time-to-live has passed, oldest deadline first (read only; {@link #expire} re-checks). */
    public List<String> dueForExpiry(Connection c, Instant now, int limit) {
        try (PreparedStatement ps = c.prepareStatement(
                "select request_id from reservation_view where expires_at <= ? "
                        + "and picked_up_at is null and status in ('RESERVED', 'PARTIALLY_RESERVED') order by expires_at limit ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new DatabaseException("finding expired reservations failed", e);
        }
    }
}
