package org.relief.requests.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Retention of personal data: a set time after a request ended ({@code relief.personal-data.retention}, 30 days by
 * default), its personal data is erased as if the partner had asked (crypto-shredding, docs/privacy.md). Which
 * requests are due is read from the view, so a restart or a second replica loses nothing; two replicas erasing the
 * same request at once conflict on its stream and one of them retries in the next round.
 */
@ApplicationScoped
public class PersonalDataRetentionJob {
    private static final Logger LOG = Logger.getLogger(PersonalDataRetentionJob.class);

    @Inject
    HelpRequestService requests;
    @ConfigProperty(name = "relief.personal-data.retention", defaultValue = "P30D")
    Duration retention;
    @ConfigProperty(name = "relief.personal-data.retention-batch", defaultValue = "100")
    int batchSize;

    @Scheduled(identity = "personal-data-retention", every = "${relief.personal-data.retention-every:10m}",
            delayed = "${relief.personal-data.retention-delay:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int erased = 0;
            while (erased < batchSize && requests.eraseNextExpired(retention)) {
                erased++;
            }
            if (erased > 0) {
                LOG.infof("retention: erased the personal data of %d request(s) ended more than %s ago", erased, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("personal-data retention round stopped early", e);
        }
    }
}
