package org.relief.requests.service;

import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.tx.Transactions;
import org.relief.requests.domain.HelpRequest;
import org.relief.requests.domain.RequestStatus;
import org.relief.requests.projection.HelpRequestView;

/**
 * Retention of personal data: a set time after a request ended ({@code relief.personal-data.retention}, 30 days by
 * default), its personal data is erased as if the partner had asked (crypto-shredding, docs/privacy.md). Which
 * requests are due is read from the view, so a restart or a second replica loses nothing; two replicas erasing the
 * same request at once conflict on its stream and one of them retries in the next round.
 */
@ApplicationScoped
public class PersonalDataRetentionJob {
    private static final Logger LOG = Logger.getLogger(PersonalDataRetentionJob.class);

    private final HelpRequestStore store;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration retention;
    private final int batchSize;

    public PersonalDataRetentionJob(
            HelpRequestStore store,
            Transactions transactions,
            Clock clock,
            @ConfigProperty(name = "relief.personal-data.retention", defaultValue = "P30D") Duration retention,
            @ConfigProperty(name = "relief.personal-data.retention-batch", defaultValue = "100") int batchSize) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    @Scheduled(
            identity = "personal-data-retention",
            every = "${relief.personal-data.retention-every:10m}",
            delayed = "${relief.personal-data.retention-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int erased = 0;
            while (erased < batchSize && eraseNextExpired(retention)) {
                erased++;
            }
            if (erased > 0) {
                LOG.infof(
                        "retention: erased the personal data of %d request(s) ended more than %s ago",
                        erased, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("personal-data retention round stopped early", e);
        }
    }

    /**
     * Erases the personal data of one request that ended more than {@code retention} ago, if there is one, in its own
     * transaction. Returns whether it erased one.
     */
    public boolean eraseNextExpired(Duration retention) {
        return transactions.inNewTransaction(c -> {
            HelpRequestView due = HelpRequestView.find(
                            "status in ?1 and statusChangedAt < ?2 and personalDataErasedAt is null",
                            Sort.by("statusChangedAt").and("id"),
                            List.copyOf(RequestStatus.TERMINAL),
                            clock.instant().minus(retention))
                    .firstResult();
            if (due == null) {
                return false;
            }
            HelpRequest request = store.find(c, due.id).orElseThrow();
            EventContext ctx = EventContext.command(due.id, HelpRequestStore.ACTOR, request.organisationId());
            if (!request.erasePersonalData(
                    "retention: ended more than " + retention.toDays() + " days ago", HelpRequestStore.ACTOR, clock)) {
                // erased in the stream but not marked in the view (a view written before V6): mark it and move on
                due.personalDataErasedAt = clock.instant();
                return true;
            }
            store.save(c, request, ctx);
            return true;
        });
    }
}
