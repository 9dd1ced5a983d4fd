package org.relief.requests.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.personaldata.DataSubjects;
import org.relief.kernel.runtime.TransactionRunner;
import org.relief.kernel.security.CallerScope;
import org.relief.kernel.tx.DatabaseException;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.requests.domain.HelpRequest;
import org.relief.requests.domain.Priority;
import org.relief.requests.domain.ReceiptLine;
import org.relief.requests.domain.SubmitHelpRequest;
import org.relief.requests.domain.Vulnerability;
import org.relief.requests.projection.HelpRequestView;

/**
 * What partners (and ops) do with their requests: submit, cancel, confirm a receipt, accept a shortfall, correct a
 * priority, erase personal data. Each loads the request, lets it decide and saves it in one transaction.
 * {@code actor} is who acts, as events and timelines name them.
 */
@ApplicationScoped
public class HelpRequestCommands {
    private final HelpRequestStore store;
    private final LikelyDuplicates duplicates;
    private final DataSource dataSource;
    private final DataSubjects dataSubjects;
    private final TransactionRunner runner;
    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    public HelpRequestCommands(
            HelpRequestStore store,
            LikelyDuplicates duplicates,
            DataSource dataSource,
            DataSubjects dataSubjects,
            TransactionRunner runner,
            Clock clock) {
        this.store = store;
        this.duplicates = duplicates;
        this.dataSource = dataSource;
        this.dataSubjects = dataSubjects;
        this.runner = runner;
        this.clock = clock;
    }

    /**
     * Stores a new request for {@code command.organisationId()} (the organisation the caller acts for), linked to a
     * likely duplicate if there is one. With an Idempotency-Key (null without; scoped to that organisation), a repeat of the same
     * body returns the first request and a different body is refused (422). The key is looked up before the domain
     * rules run, so a retry of a POST that succeeded gets its result even if a rule would now refuse the body (e.g.
     * its neededBy has passed since).
     */
    @Transactional
    public SubmitOutcome submit(SubmitHelpRequest command, IdempotencyKeys.Key idempotencyKey, EventContext context) {
        try (Connection c = dataSource.getConnection()) {
            Optional<String> earlier = IdempotencyKeys.earlier(c, idempotencyKey);
            if (earlier.isPresent()) {
                return new SubmitOutcome(HelpRequestView.findById(earlier.get()), true);
            }
            String id = UUID.randomUUID().toString();
            EventContext ctx = context.withCorrelation(id);
            // the request is its people's data subject: its own data key seals their names, phones and addresses
            HelpRequest request =
                    HelpRequest.submit(id, command, duplicates.of(command), clock, dataSubjects.open(c, id, ctx));
            // a concurrent POST with the same key may have claimed it since the look-up: wait for it and replay
            earlier = IdempotencyKeys.claim(c, idempotencyKey, request.id());
            if (earlier.isPresent()) {
                return new SubmitOutcome(HelpRequestView.findById(earlier.get()), true);
            }
            store.save(c, request, ctx);
            return new SubmitOutcome(HelpRequestView.findById(request.id()), false);
        } catch (SQLException e) {
            throw new DatabaseException("submitting a help request failed", e);
        }
    }

    public HelpRequestView cancel(String requestId, String reason, CallerScope caller, String actor) {
        return change(requestId, caller, actor, request -> request.cancel(reason, actor, clock));
    }

    /**
     * Ops correct a request's priority and, if {@code vulnerabilities} is not null, its vulnerability flags (issue 11).
     * With an Idempotency-Key (null without), a repeat returns the request as it stands now (replayed) instead of the
     * 409 a second, identical correction answers.
     */
    public IdempotencyKeys.Outcome<HelpRequestView> correctPriority(
            String requestId,
            Priority priority,
            List<Vulnerability> vulnerabilities,
            String reason,
            IdempotencyKeys.Key key,
            CallerScope caller,
            String actor) {
        return changeOnce(
                requestId,
                key,
                caller,
                actor,
                request -> request.correctPriority(priority, vulnerabilities, reason, actor, clock));
    }

    /** With {@code lines} null the receipt confirms what the reported proofs of delivery say. */
    public HelpRequestView confirmReceipt(String requestId, List<ReceiptLine> lines, CallerScope caller, String actor) {
        return change(requestId, caller, actor, request -> {
            if (lines == null) {
                request.confirmDeliveredReceipt(actor, clock);
            } else {
                request.confirmReceipt(lines, actor, clock);
            }
        });
    }

    /**
     * The partner accepts the shortfall (issue 10, path 4): the request ends FULFILLED with what was received and
     * HelpRequestShortfallAccepted is published. With an Idempotency-Key (null without), a repeat returns the request
     * as it stands now (replayed) instead of the 409 a second acceptance answers.
     */
    public IdempotencyKeys.Outcome<HelpRequestView> acceptShortfall(
            String requestId, String note, IdempotencyKeys.Key key, CallerScope caller, String actor) {
        return changeOnce(requestId, key, caller, actor, request -> request.acceptShortfall(note, actor, clock));
    }

    /**
     * Erases the personal data of an ended request, asked by its partner or ops (the person asked them to). Doing it a
     * second time changes nothing and answers the same.
     */
    public HelpRequestView erasePersonalData(String requestId, String reason, CallerScope caller, String actor) {
        return change(requestId, caller, actor, request -> request.erasePersonalData(reason, actor, clock));
    }

    /**
     * A command on an existing request by a partner of its organisation or by ops (another organisation's request is
     * a 404). Inventory's, dispatch's and volunteer-service's events append to the same stream at any moment, so a
     * command that loses that race is decided again on the new state (TransactionRunner) instead of answering the
     * partner 409.
     */
    private HelpRequestView change(
            String requestId, CallerScope caller, String actor, java.util.function.Consumer<HelpRequest> change) {
        return runner.inTransaction(c -> {
            HelpRequest request = store.accessible(c, requestId, caller);
            EventContext ctx = EventContext.command(requestId, actor, request.organisationId());
            change.accept(request);
            store.save(c, request, ctx);
            return HelpRequestView.<HelpRequestView>findById(requestId);
        });
    }

    /**
     * A change that a second, identical command would refuse (409): with an Idempotency-Key (null without) a repeat
     * returns the request as it stands now, marked replayed, instead.
     */
    private IdempotencyKeys.Outcome<HelpRequestView> changeOnce(
            String requestId,
            IdempotencyKeys.Key key,
            CallerScope caller,
            String actor,
            java.util.function.Consumer<HelpRequest> change) {
        return runner.inTransaction(c -> {
            HelpRequest request = store.accessible(c, requestId, caller);
            Optional<String> earlier = IdempotencyKeys.earlier(c, key);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(HelpRequestView.<HelpRequestView>findById(earlier.get()));
            }
            EventContext ctx = EventContext.command(requestId, actor, request.organisationId());
            change.accept(request);
            earlier = IdempotencyKeys.claim(c, key, requestId);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(HelpRequestView.<HelpRequestView>findById(earlier.get()));
            }
            store.save(c, request, ctx);
            return IdempotencyKeys.Outcome.created(HelpRequestView.<HelpRequestView>findById(requestId));
        });
    }
}
