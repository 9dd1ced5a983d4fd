package org.relief.volunteer.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.relief.volunteer.config.VolunteerCallSettings;

/**
 * Tops up short calls whatever made a volunteer fit (a missed trigger, a restart, another instance's volunteer).
 * The waitlist lives in PostgreSQL and each call is taken FOR UPDATE SKIP LOCKED, so several instances share it.
 */
@ApplicationScoped
public class WaitlistJob {
    private static final Logger LOG = Logger.getLogger(WaitlistJob.class);

    private final Waitlist waitlist;
    private final VolunteerCallSettings settings;

    @Inject
    public WaitlistJob(Waitlist waitlist, VolunteerCallSettings settings) {
        this.waitlist = waitlist;
        this.settings = settings;
    }

    @Scheduled(
            identity = "volunteer-waitlist",
            every = "${relief.volunteer.waitlist.every:10s}",
            delayed = "${relief.volunteer.waitlist.every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int looked = waitlist.topUp(null, settings.waitlist().batchSize());
        if (looked > 0) {
            LOG.debugf("waitlist: looked at %d short call(s)", looked);
        }
    }
}
