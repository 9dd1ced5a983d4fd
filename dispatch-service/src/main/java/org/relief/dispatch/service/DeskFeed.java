package org.relief.dispatch.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Tells the open desks when dispatch's data moved on, so that their boards follow the saga without reloading. One
 * poll per replica (not one per desk) of the event store's last position, about once a second and only while a desk
 * listens; a change is broadcast to every desk of this replica, which then reads its board (scoped to its caller).
 * Polling the database rather than listening to this JVM's own writes keeps every replica's desks current whichever
 * replica (or consumer) made the change.
 */
@ApplicationScoped
public class DeskFeed {
    private static final Logger LOG = Logger.getLogger(DeskFeed.class);

    private final DeskQueries desk;
    private final BroadcastProcessor<Long> changes = BroadcastProcessor.create();
    private final AtomicInteger listening = new AtomicInteger();
    private final AtomicLong last = new AtomicLong(-1);

    public DeskFeed(DeskQueries desk) {
        this.desk = desk;
    }

    /** The positions at which dispatch's data changed, from the next change on, while the subscriber stays. */
    public Multi<Long> changes() {
        return changes.onSubscription()
                .invoke(() -> listening.incrementAndGet())
                .onTermination()
                .invoke(() -> listening.decrementAndGet());
    }

    public long position() {
        return desk.position();
    }

    @Scheduled(
            identity = "desk-feed",
            every = "${relief.desk.feed.every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (listening.get() == 0) {
            last.set(-1);
            return;
        }
        try {
            long now = desk.position();
            if (last.getAndSet(now) != now) {
                changes.onNext(now);
            }
        } catch (RuntimeException e) {
            // the desks keep their last board and the next poll tries again; the database's health check says why
            LOG.debugf(e, "desk feed: reading the event store's position failed");
        }
    }
}
