package org.relief.requests.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Escalates requests that made no progress within their priority's limit. The deadline lives in PostgreSQL
 * ({@code help_request_view.progress_deadline}), so a restart or a second replica loses or doubles nothing.
 */
@ApplicationScoped
public class EscalationJob {
    private static final Logger LOG = Logger.getLogger(EscalationJob.class);

    @Inject
    HelpRequestService requests;
    @ConfigProperty(name = "relief.escalation.batch-size", defaultValue = "100")
    int batchSize;

    @Scheduled(identity = "escalation", every = "${relief.escalation.every:5s}", delayed = "${relief.escalation.delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int escalated = 0;
            while (escalated < batchSize && requests.escalateNext()) {
                escalated++;
            }
            if (escalated > 0) {
                LOG.infof("escalated %d overdue request(s)", escalated);
            }
        } catch (RuntimeException e) {
            // e.g. a consumer changed the request at the same moment (ConcurrencyConflict): the next run retries
            LOG.warn("escalation round stopped early", e);
        }
    }
}
