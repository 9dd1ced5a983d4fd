package org.relief.dispatch.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relief.dispatch.domain.TripKind;
import org.relief.kernel.tx.Transactions;

/**
 * The queue of trips waiting for a vehicle. It is retried, in order CRITICAL, HIGH, NORMAL and then queued time,
 * whenever a vehicle registers, becomes available or gets windows, or a trip ends (a trigger, run once after the
 * triggering transaction commits, coalesced), and every {@code relief.dispatch.queue.every} as a safety net. The
 * queue is the trip_view rows in status QUEUED; each trip is retried in its own transaction with
 * {@code FOR UPDATE SKIP LOCKED}, so two replicas share the work and never book one trip twice.
 */
@ApplicationScoped
public class DispatchQueue {
    private static final Logger LOG = Logger.getLogger(DispatchQueue.class);

    private final Instance<QueuedTrips> trips;
    private final Transactions transactions;
    private final TransactionSynchronizationRegistry registry;
    private final Duration overdue;
    private final int batchSize;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dispatch-queue");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();

    @Inject
    public DispatchQueue(
            Instance<QueuedTrips> trips,
            Transactions transactions,
            TransactionSynchronizationRegistry registry,
            @ConfigProperty(name = "relief.dispatch.queue.overdue", defaultValue = "PT30M") Duration overdue,
            @ConfigProperty(name = "relief.dispatch.queue.batch-size", defaultValue = "500") int batchSize) {
        this.trips = trips;
        this.transactions = transactions;
        this.registry = registry;
        this.overdue = overdue;
        this.batchSize = batchSize;
    }

    /** Retries the queue once the current transaction has committed (nothing happens if it rolls back). */
    public void retryAfterCommit() {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    retrySoon();
                }
            }
        });
    }

    /** Retries the queue on the worker thread; triggers that arrive while a round waits to start join it. */
    public void retrySoon() {
        if (pending.compareAndSet(false, true)) {
            try {
                worker.submit(() -> {
                    pending.set(false);
                    retryAll();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.set(false); // shutting down
            }
        }
    }

    @Scheduled(
            identity = "dispatch-queue",
            every = "${relief.dispatch.queue.every:10s}",
            delayed = "${relief.dispatch.queue.delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        retrySoon();
        escalateOverdue();
    }

    /**
     * One round over the queue, most urgent first. Trips that could not find anything this round are passed over
     * without a search ({@link QueueRound}: freight once no truck or van is free at all, a ride once another ride with
     * the same window and needs found no taxi). Passed-over trips come back with the next trigger: a vehicle that
     * registers, comes on duty or ends a trip.
     *
     * @return how many queued trips got a vehicle
     */
    public int retryAll() {
        QueueRound round = new QueueRound();
        try {
            for (QueuedTrip q : queued()) {
                if (round.skip(q)) {
                    continue;
                }
                try {
                    switch (trips.get().retry(q.id())) {
                        case SCHEDULED -> round.scheduled();
                        case STILL_QUEUED -> round.stillQueued(
                                q, !q.freight() || trips.get().freightVehicleFree());
                        case PASSED -> {}
                    }
                } catch (RuntimeException e) {
                    // e.g. a consumer moved the trip at the same moment: the next round retries it
                    LOG.debugf(e, "queued trip %s not retried this round", q.id());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("queue round stopped early", e);
        }
        if (round.scheduledCount() > 0) {
            LOG.infof(
                    "queue: %d waiting trip(s) got a vehicle (%d searched, %d passed over)",
                    round.scheduledCount(), round.tried(), round.skipped());
        }
        return round.scheduledCount();
    }

    public int escalateOverdue() {
        int raised = 0;
        try {
            for (String tripId :
                    ids("select id from trip_view where status = 'QUEUED' and not overdue and queued_at <= now() - "
                            + "make_interval(secs => " + overdue.toMillis() / 1000.0 + ") order by queued_at, id limit "
                            + batchSize)) {
                if (trips.get().markOverdue(tripId, overdue)) {
                    raised++;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("overdue round stopped early", e);
        }
        return raised;
    }

    /**
     * A trip in the queue; for a ride, {@code rideKey} names what it asks of a taxi (window and wheelchair need), so
     * that rides asking the same are known as such without loading them.
     */
    record QueuedTrip(String id, boolean freight, String rideKey) {}

    /**
     * A ride's window and whether it needs a wheelchair taxi, as the stored ride says them (null for freight, or a
     * ride whose window is missing: always searched).
     */
    private static final String RIDE_KEY = "case when kind = 'RIDE' and ride->>'windowStart' is not null"
            + " and ride->>'windowEnd' is not null then concat_ws('|', ride->>'windowStart', ride->>'windowEnd',"
            + " exists (select 1 from jsonb_array_elements_text(case when jsonb_typeof(ride->'accessibility') = 'array'"
            + " then ride->'accessibility' else '[]'::jsonb end) a where upper(btrim(a)) = 'WHEELCHAIR')) end";

    private List<QueuedTrip> queued() {
        return transactions.inNewTransaction(c -> {
            List<QueuedTrip> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id, kind, " + RIDE_KEY
                            + " from trip_view where status = 'QUEUED' order by priority_rank, queued_at, id limit "
                            + batchSize);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QueuedTrip(
                            rs.getString(1), TripKind.FREIGHT.name().equals(rs.getString(2)), rs.getString(3)));
                }
            }
            return out;
        });
    }

    private List<String> ids(String sql) {
        return transactions.inNewTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
