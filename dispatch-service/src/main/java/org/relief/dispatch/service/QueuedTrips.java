package org.relief.dispatch.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.relief.dispatch.domain.Trip;
import org.relief.dispatch.domain.TripStatus;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.runtime.JobTracing;
import org.relief.kernel.runtime.TransactionRunner;

/**
 * The queue job's steps on one trip, each in its own transaction: another chance for a queued trip, and the one
 * TripWaitOverdue of a trip that waits too long. DispatchQueue decides when and for which trips.
 */
@ApplicationScoped
public class QueuedTrips {
    private final TripStore store;
    private final TripPlanning planning;
    private final TransactionRunner runner;
    private final JobTracing jobTracing;
    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    public QueuedTrips(
            TripStore store, TripPlanning planning, TransactionRunner runner, JobTracing jobTracing, Clock clock) {
        this.store = store;
        this.planning = planning;
        this.runner = runner;
        this.jobTracing = jobTracing;
        this.clock = clock;
    }

    /** What another chance did for a queued trip. */
    public enum Retry {
        /** it got a vehicle */
        SCHEDULED,
        /** the planner searched and found none: it stays queued */
        STILL_QUEUED,
        /** not searched: another replica or consumer holds it, or it left the queue meanwhile */
        PASSED
    }

    /**
     * One queued trip gets another chance, in its own transaction. Passes over a trip another replica or consumer is
     * working on (row lock SKIP LOCKED, request lock tried, not awaited): it comes back next round.
     */
    public Retry retry(String tripId) {
        return runner.inTransaction(c -> {
            String requestId;
            try (var ps = c.prepareStatement("select request_id from trip_view where id = ? and status = 'QUEUED' "
                    + "for update skip locked")) {
                ps.setString(1, tripId);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Retry.PASSED;
                    }
                    requestId = rs.getString(1);
                }
            }
            if (!store.tryLockRequest(c, requestId)) {
                return Retry.PASSED;
            }
            Trip t = store.trip(c, tripId).orElseThrow();
            if (t.status() != TripStatus.QUEUED) {
                return Retry.PASSED;
            }
            boolean scheduled = planning.retry(
                    c,
                    t,
                    store.request(c, requestId),
                    new EventContext(
                            requestId,
                            null,
                            TripService.ACTOR,
                            t.organisationId(),
                            jobTracing.traceparent(c, "dispatch-queue", Trip.STREAM_TYPE + "-" + tripId)));
            return scheduled ? Retry.SCHEDULED : Retry.STILL_QUEUED;
        });
    }

    /** Whether any truck or van is free for a freight trip planned now. */
    public boolean freightVehicleFree() {
        return runner.inTransaction(planning::anyFreightVehicleFree);
    }

    /** Raises TripWaitOverdue for a trip queued longer than allowed, once. */
    public boolean markOverdue(String tripId, Duration allowed) {
        return runner.inTransaction(c -> {
            try (var ps =
                    c.prepareStatement("select 1 from trip_view where id = ? and status = 'QUEUED' and not overdue "
                            + "for update skip locked")) {
                ps.setString(1, tripId);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            Trip t = store.trip(c, tripId).orElseThrow();
            Instant now = clock.instant();
            if (t.queuedAt() == null || !t.markOverdue(t.queuedAt().plus(allowed), now)) {
                return false;
            }
            store.save(
                    c,
                    t,
                    new EventContext(
                            t.requestId(),
                            null,
                            TripService.ACTOR,
                            t.organisationId(),
                            jobTracing.traceparent(c, "trip-overdue", Trip.STREAM_TYPE + "-" + tripId)));
            return true;
        });
    }
}
