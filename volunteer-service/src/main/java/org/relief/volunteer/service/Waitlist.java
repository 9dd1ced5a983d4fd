package org.relief.volunteer.service;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.relief.volunteer.config.VolunteerCallSettings;

/**
 * Short calls wait here (OPEN with fewer volunteers than needed, in volunteer_call_view) and are topped up, earliest
 * window first, when a volunteer registers, sets availability or is freed (a decline, a cancelled or completed
 * call), and by {@link WaitlistJob} for everything else. The triggered top-ups run after the triggering transaction
 * committed, on a worker thread, so the volunteer is visible and the caller does not wait for them.
 */
@ApplicationScoped
public class Waitlist {
    private static final Logger LOG = Logger.getLogger(Waitlist.class);

    private final TransactionSynchronizationRegistry synchronizations;
    private final VolunteerCallStaffing staffing;
    private final VolunteerCallSettings settings;

    private final ExecutorService worker = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "volunteer-waitlist");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public Waitlist(
            TransactionSynchronizationRegistry synchronizations,
            VolunteerCallStaffing staffing,
            VolunteerCallSettings settings) {
        this.synchronizations = synchronizations;
        this.staffing = staffing;
        this.settings = settings;
    }

    /** Once the current transaction commits, top up the short calls these volunteers could answer. */
    public void afterCommit(Collection<String> volunteerIds) {
        if (volunteerIds.isEmpty()) {
            return;
        }
        List<String> ids = List.copyOf(new HashSet<>(volunteerIds));
        synchronizations.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    worker.submit(() ->
                            ids.forEach(id -> topUp(id, settings.waitlist().batchSize())));
                }
            }
        });
    }

    /**
     * Tops up calls one by one (each its own transaction) until none that could be helped is left or {@code max}
     * were looked at; {@code volunteerId} null: any volunteer.
     *
     * @return how many calls were looked at
     */
    public int topUp(String volunteerId, int max) {
        Set<String> seen = new HashSet<>();
        try {
            while (seen.size() < max) {
                Optional<String> next = staffing.topUpNext(volunteerId, Set.copyOf(seen));
                if (next.isEmpty()) {
                    break;
                }
                seen.add(next.get());
            }
        } catch (RuntimeException e) {
            // the calls stay on the waitlist: the job tries again
            LOG.warnf(
                    e, "topping up the waitlist%s stopped", volunteerId == null ? "" : " for volunteer " + volunteerId);
        }
        return seen.size();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
