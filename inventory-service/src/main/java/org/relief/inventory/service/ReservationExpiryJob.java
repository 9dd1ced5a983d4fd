package org.relief.inventory.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Releases reservations whose time-to-live passed. The deadline lives in reservation_view.expires_at (PostgreSQL, not
 * a timer), so it survives restarts, and with N instances each row is picked by one ({@code FOR UPDATE SKIP LOCKED}).
 */
@ApplicationScoped
public class ReservationExpiryJob {
    private static final Logger LOG = Logger.getLogger(ReservationExpiryJob.class);

    private final ReservationExpiry expiry;
    private final int batch;

    public ReservationExpiryJob(
            ReservationExpiry expiry,
            @ConfigProperty(name = "relief.reservation.expiry-batch", defaultValue = "100") int batch) {
        this.expiry = expiry;
        this.batch = batch;
    }

    @Scheduled(
            every = "{relief.reservation.expiry-check}",
            delayed = "{relief.reservation.expiry-check}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void releaseExpired() {
        try {
            int released = expiry.expireDue(batch);
            if (released > 0) {
                LOG.infof("released %d expired reservation(s)", released);
            }
        } catch (RuntimeException e) {
            // the deadlines stay in the table: the next run picks them up again
            LOG.warn("releasing expired reservations failed", e);
        }
    }
}
