package org.relief.requests.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.runtime.JobTracing;
import org.relief.kernel.tx.Transactions;
import org.relief.requests.config.EscalationSettings;
import org.relief.requests.domain.HelpRequest;
import org.relief.requests.domain.RequestStatus;
import org.relief.requests.projection.HelpRequestView;

/**
 * Escalates requests that made no progress within their priority's limit. The deadline lives in PostgreSQL
 * ({@code help_request_view.progress_deadline}), so a restart or a second replica loses or doubles nothing.
 */
@ApplicationScoped
public class EscalationJob {
    private static final Logger LOG = Logger.getLogger(EscalationJob.class);
    /** the statuses whose rows are never picked (an ended request also has no deadline) */
    private static final Set<RequestStatus> NOT_ESCALATED =
            EnumSet.of(RequestStatus.FULFILLED, RequestStatus.CANCELLED, RequestStatus.EXPIRED);

    private static final String NEXT_OVERDUE = "select id, progress_deadline from help_request_view "
            + "where not overdue and progress_deadline is not null and progress_deadline <= ? "
            + "and status not in ("
            + NOT_ESCALATED.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "))
            + ") order by progress_deadline limit 1 for update skip locked";

    private final HelpRequestStore store;
    private final Transactions transactions;
    private final JobTracing jobTracing;
    private final EscalationSettings settings;
    private final Clock clock;

    public EscalationJob(
            HelpRequestStore store,
            Transactions transactions,
            JobTracing jobTracing,
            EscalationSettings settings,
            Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.jobTracing = jobTracing;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(
            identity = "escalation",
            every = "${relief.escalation.every:5s}",
            delayed = "${relief.escalation.delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int escalated = 0;
            while (escalated < settings.batchSize() && escalateNext()) {
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

    /**
     * Escalates the most overdue request whose deadline has passed, if any, in its own transaction. The row is
     * picked with FOR UPDATE SKIP LOCKED, so N replicas running the job share the work and never escalate one
     * request twice.
     *
     * @return whether a request was picked (the caller loops until none is left)
     */
    public boolean escalateNext() {
        return transactions.inNewTransaction(c -> {
            String requestId;
            Instant deadline;
            try (PreparedStatement ps = c.prepareStatement(NEXT_OVERDUE)) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    requestId = rs.getString(1);
                    deadline = rs.getTimestamp(2).toInstant();
                }
            }
            HelpRequest request = store.find(c, requestId).orElseThrow();
            if (request.escalate(deadline, clock)) {
                store.save(
                        c,
                        request,
                        new EventContext(
                                requestId,
                                null,
                                HelpRequestStore.ACTOR,
                                request.organisationId(),
                                jobTracing.traceparent(c, "escalation", HelpRequest.STREAM_TYPE + "-" + requestId)));
            } else {
                // the aggregate already escalated in this status: mark the view so the row is not picked again
                LOG.warnf(
                        "request %s was already escalated in %s; marking its view overdue",
                        requestId, request.status());
                HelpRequestView v = HelpRequestView.findById(requestId);
                v.overdue = true;
            }
            return true;
        });
    }
}
