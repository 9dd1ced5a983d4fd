package org.relief.requests.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relief.contracts.RequestedLine;
import org.relief.contracts.ContractTypes;
import org.relief.contracts.Topics;
import org.relief.contracts.inventory.StockAllocation;
import org.relief.contracts.inventory.StockReservationOpened;
import org.relief.contracts.inventory.StockReservationReleased;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestEscalated;
import org.relief.contracts.requests.HelpRequestPriorityCorrected;
import org.relief.contracts.requests.HelpRequestReceiptConfirmed;
import org.relief.contracts.requests.HelpRequestShortfallAccepted;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.eventstore.EventStoreException;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.outbox.Outbox;
import org.relief.kernel.personaldata.DataSubjects;
import org.relief.kernel.outbox.OutgoingEvent;
import org.relief.kernel.security.Caller;
import org.relief.kernel.tx.Transactions;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.kernel.web.ProblemException;
import org.relief.requests.domain.DuplicateKeys;
import org.relief.requests.domain.HelpRequest;
import org.relief.requests.domain.HelpRequestEvent;
import org.relief.requests.domain.ReceiptLine;
import org.relief.requests.domain.RequestKind;
import org.relief.requests.domain.RequestStatus;
import org.relief.requests.domain.SubmitHelpRequest;
import org.relief.requests.domain.TimelineText;
import org.relief.requests.projection.HelpRequestProjector;
import org.relief.requests.projection.HelpRequestView;

import javax.sql.DataSource;
import org.relief.kernel.runtime.TransactionRunner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Application service for help requests: load the aggregate, let it decide, then in one transaction append its
 * events, update the read model and write the integration events to the outbox.
 */
@ApplicationScoped
public class HelpRequestService {
    public static final String STREAM_TYPE = "help-request";
    public static final String ACTOR = "requests-service";
    private static final Logger LOG = Logger.getLogger(HelpRequestService.class);

    @Inject
    DataSource dataSource;
    @Inject
    org.relief.kernel.runtime.JobTracing jobTracing;
    @Inject
    EventStore eventStore;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;
    @Inject
    HelpRequestProjector projector;
    @Inject
    DataSubjects dataSubjects;
    @Inject
    Transactions transactions;
    @Inject
    TransactionRunner runner;
    @ConfigProperty(name = "relief.duplicates.window", defaultValue = "PT2H")
    Duration duplicateWindow;

    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    @Inject
    Clock clock;
    private EventSourcedRepository<HelpRequest, HelpRequestEvent> repository;

    @PostConstruct
    void init() {
        repository = new EventSourcedRepository<>(eventStore, STREAM_TYPE, new EventCodec<>(HelpRequestEvent.class, json),
                HelpRequest::new, projector::project);
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
            HelpRequest request = HelpRequest.submit(id, command, likelyDuplicateOf(command), clock,
                    dataSubjects.open(c, id, ctx));
            // a concurrent POST with the same key may have claimed it since the look-up: wait for it and replay
            earlier = IdempotencyKeys.claim(c, idempotencyKey, request.id());
            if (earlier.isPresent()) {
                return new SubmitOutcome(HelpRequestView.findById(earlier.get()), true);
            }
            save(c, request, ctx);
            return new SubmitOutcome(HelpRequestView.findById(request.id()), false);
        } catch (SQLException e) {
            throw new EventStoreException("submitting a help request failed", e);
        }
    }

    /**
     * The earliest open request (not cancelled, expired or fulfilled: an ended request needs no second one to be
     * noticed) of the same kind for the same compound and the same need, submitted within the window, from any
     * organisation.
     */
    private String likelyDuplicateOf(SubmitHelpRequest cmd) {
        RequestKind kind = cmd.kind() == null ? RequestKind.SUPPLIES : cmd.kind();
        HelpRequestView earlier = HelpRequestView.find("kind = ?1 and communityKey = ?2 and districtKey = ?3 "
                                + "and matchKey = ?4 and status not in ?5 and submittedAt >= ?6",
                        Sort.by("submittedAt").and("id"), kind, DuplicateKeys.normalize(cmd.community()),
                        DuplicateKeys.normalize(cmd.district()),
                        DuplicateKeys.matchKey(kind, cmd.lines(), cmd.ride(), cmd.care()),
                        List.copyOf(RequestStatus.TERMINAL), clock.instant().minus(duplicateWindow))
                .firstResult();
        return earlier == null ? null : earlier.id;
    }

    public HelpRequestView cancel(String requestId, String reason, Caller caller) {
        return change(requestId, caller, (request, ctx) -> request.cancel(reason, ctx.actor(), clock));
    }

    /**
     * Ops correct a request's priority and, if {@code vulnerabilities} is not null, its vulnerability flags (issue 11).
     * With an Idempotency-Key (null without), a repeat returns the request as it stands now (replayed) instead of the
     * 409 a second, identical correction answers.
     */
    public IdempotencyKeys.Outcome<HelpRequestView> correctPriority(String requestId,
                                                                    org.relief.requests.domain.Priority priority,
                                                                    List<org.relief.requests.domain.Vulnerability> vulnerabilities,
                                                                    String reason, IdempotencyKeys.Key key, Caller caller) {
        return changeOnce(requestId, key, caller,
                (request, ctx) -> request.correctPriority(priority, vulnerabilities, reason, ctx.actor(), clock));
    }

    /** With {@code lines} null the receipt confirms what the reported proofs of delivery say. */
    public HelpRequestView confirmReceipt(String requestId, List<ReceiptLine> lines, Caller caller) {
        return change(requestId, caller, (request, ctx) -> {
            if (lines == null) {
                request.confirmDeliveredReceipt(ctx.actor(), clock);
            } else {
                request.confirmReceipt(lines, ctx.actor(), clock);
            }
        });
    }

    /**
     * The partner accepts the shortfall (issue 10, path 4): the request ends FULFILLED with what was received and
     * HelpRequestShortfallAccepted is published. With an Idempotency-Key (null without), a repeat returns the request
     * as it stands now (replayed) instead of the 409 a second acceptance answers.
     */
    public IdempotencyKeys.Outcome<HelpRequestView> acceptShortfall(String requestId, String note,
                                                                    IdempotencyKeys.Key key, Caller caller) {
        return changeOnce(requestId, key, caller, (request, ctx) -> request.acceptShortfall(note, ctx.actor(), clock));
    }

    /**
     * A change that a second, identical command would refuse (409): with an Idempotency-Key (null without) a repeat
     * returns the request as it stands now, marked replayed, instead.
     */
    private IdempotencyKeys.Outcome<HelpRequestView> changeOnce(String requestId, IdempotencyKeys.Key key, Caller caller,
                                                                java.util.function.BiConsumer<HelpRequest, EventContext> change) {
        return runner.inTransaction(c -> {
            HelpRequest request = repository.load(c, requestId)
                    .filter(r -> caller.mayAccess(r.organisationId()))
                    .orElseThrow(() -> ProblemException.notFound("help request", requestId));
            Optional<String> earlier = IdempotencyKeys.earlier(c, key);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(HelpRequestView.<HelpRequestView>findById(earlier.get()));
            }
            EventContext ctx = EventContext.command(requestId, caller.actor(), request.organisationId());
            change.accept(request, ctx);
            earlier = IdempotencyKeys.claim(c, key, requestId);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(HelpRequestView.<HelpRequestView>findById(earlier.get()));
            }
            save(c, request, ctx);
            return IdempotencyKeys.Outcome.created(HelpRequestView.<HelpRequestView>findById(requestId));
        });
    }

    /**
     * Erases the personal data of an ended request, asked by its partner or ops (the person asked them to). Doing it a
     * second time changes nothing and answers the same.
     */
    public HelpRequestView erasePersonalData(String requestId, String reason, Caller caller) {
        return change(requestId, caller, (request, ctx) -> request.erasePersonalData(reason, ctx.actor(), clock));
    }

    /**
     * Retention: erases the personal data of one request that ended more than {@code retention} ago, if there is one.
     * Returns whether it erased one.
     */
    public boolean eraseNextExpired(Duration retention) {
        return transactions.inNewTransaction(c -> {
            HelpRequestView due = HelpRequestView.find("status in ?1 and statusChangedAt < ?2 and personalDataErasedAt is null",
                    Sort.by("statusChangedAt").and("id"), List.copyOf(RequestStatus.TERMINAL),
                    clock.instant().minus(retention)).firstResult();
            if (due == null) {
                return false;
            }
            HelpRequest request = repository.load(c, due.id).orElseThrow();
            EventContext ctx = EventContext.command(due.id, ACTOR, request.organisationId());
            if (!request.erasePersonalData("retention: ended more than " + retention.toDays() + " days ago", ACTOR,
                    clock)) {
                // erased in the stream but not marked in the view (a view written before V6): mark it and move on
                due.personalDataErasedAt = clock.instant();
                return true;
            }
            save(c, request, ctx);
            return true;
        });
    }

    private interface Change {
        void apply(HelpRequest request, EventContext ctx);
    }

    /**
     * A command on an existing request by a partner of its organisation or by ops. Another organisation's request
     * answers exactly as an unknown one (404), so ids do not reveal that a request exists. Inventory's, dispatch's and
     * volunteer-service's events append to the same stream at any moment, so a command that loses that race is
     * decided again on the new state (TransactionRunner) instead of answering the partner 409.
     */
    private HelpRequestView change(String requestId, Caller caller, Change change) {
        return runner.inTransaction(c -> {
            HelpRequest request = repository.load(c, requestId)
                    .filter(r -> caller.mayAccess(r.organisationId()))
                    .orElseThrow(() -> ProblemException.notFound("help request", requestId));
            EventContext ctx = EventContext.command(requestId, caller.actor(), request.organisationId());
            change.apply(request, ctx);
            save(c, request, ctx);
            return HelpRequestView.<HelpRequestView>findById(requestId);
        });
    }

    /** Inventory opened a reservation for one of our requests (runs inside the consumer's transaction). */
    public void reservationOpened(Connection c, StockReservationOpened event, EventEnvelope envelope) {
        HelpRequest request = load(c, event.requestId(), envelope);
        var rejected = (event.rejectedLines() == null ? List.<org.relief.contracts.inventory.RejectedLine>of() : event.rejectedLines())
                .stream().map(l -> new HelpRequestEvent.RejectedLine(l.item(), l.quantity(), l.unit(), l.reason(),
                        l.catalogueUnit())).toList();
        request.reservationOpened(event.reservationId(), rejected, happened(event.openedAt(), envelope));
        save(c, request, EventContext.causedBy(envelope, "inventory-service"));
    }

    /** StockReserved, StockPartiallyReserved or StockUnavailable: inventory's latest cumulative allocation. */
    public void stockAllocated(Connection c, String type, StockAllocation event, EventEnvelope envelope) {
        HelpRequestEvent.AllocationOutcome outcome;
        if (StockAllocation.RESERVED.equals(type)) {
            outcome = HelpRequestEvent.AllocationOutcome.RESERVED;
        } else if (StockAllocation.PARTIALLY_RESERVED.equals(type)) {
            outcome = HelpRequestEvent.AllocationOutcome.PARTIALLY_RESERVED;
        } else {
            outcome = HelpRequestEvent.AllocationOutcome.UNAVAILABLE;
        }
        HelpRequest request = load(c, event.requestId(), envelope);
        var reserved = (event.lines() == null ? List.<org.relief.contracts.inventory.ReservedLine>of() : event.lines())
                .stream().map(l -> new HelpRequestEvent.ReservedQuantity(l.item(), l.unit(), l.reserved())).toList();
        request.stockAllocated(event.reservationId(), outcome, reserved, event.explanation(), event.expiresAt(),
                happened(event.allocatedAt(), envelope));
        save(c, request, EventContext.causedBy(envelope, "inventory-service"));
    }

    public void reservationReleased(Connection c, StockReservationReleased event, EventEnvelope envelope) {
        HelpRequest request = load(c, event.requestId(), envelope);
        var released = (event.released() == null ? List.<org.relief.contracts.inventory.ReservedLine>of() : event.released())
                .stream().map(l -> new HelpRequestEvent.ReservedQuantity(l.item(), l.unit(), l.reserved())).toList();
        request.reservationReleased(event.reservationId(), event.reason(), released, happened(event.releasedAt(), envelope));
        save(c, request, EventContext.causedBy(envelope, "inventory-service"));
    }

    /**
     * One of dispatch's or volunteer-service's events about a request, turned into the request's own event by
     * {@code change} (runs inside the consumer's transaction). Who acted is the publishing service; the cause is the
     * consumed event.
     */
    public void record(Connection c, String requestId, EventEnvelope envelope, String actor,
                       java.util.function.Consumer<HelpRequest> change) {
        HelpRequest request = load(c, requestId, envelope);
        change.accept(request);
        save(c, request, EventContext.causedBy(envelope, actor));
    }

    /**
     * A clock that reads when the step happened in the service that took it: the event's own time, else the
     * envelope's CloudEvents {@code time}, else now. The request's event then carries that time, so the timeline says
     * when it happened, not only when we heard of it (issue 10, path 6).
     */
    private Clock happened(Instant own, EventEnvelope envelope) {
        Instant at = own != null ? own : envelope.time();
        return at == null ? clock : Clock.fixed(at, java.time.ZoneOffset.UTC);
    }

    private HelpRequest load(Connection c, String requestId, EventEnvelope envelope) {
        return repository.load(c, requestId)
                .orElseThrow(() -> RuleViolation.conflict(envelope.type() + " for unknown request " + requestId,
                        envelope.type() + " 对应的求助不存在: " + requestId));
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
            try (PreparedStatement ps = c.prepareStatement("select id, progress_deadline from help_request_view "
                    + "where not overdue and progress_deadline is not null and progress_deadline <= ? "
                    + "and status not in ('FULFILLED', 'CANCELLED', 'EXPIRED') "
                    + "order by progress_deadline limit 1 for update skip locked")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    requestId = rs.getString(1);
                    deadline = rs.getTimestamp(2).toInstant();
                }
            }
            HelpRequest request = repository.load(c, requestId).orElseThrow();
            if (request.escalate(deadline, clock)) {
                save(c, request, new EventContext(requestId, null, ACTOR, request.organisationId(),
                        jobTracing.traceparent(c, "escalation", STREAM_TYPE + "-" + requestId)));
            } else {
                // the aggregate already escalated in this status: mark the view so the row is not picked again
                LOG.warnf("request %s was already escalated in %s; marking its view overdue", requestId, request.status());
                HelpRequestView v = HelpRequestView.findById(requestId);
                v.overdue = true;
            }
            return true;
        });
    }

    /** Appends the request's new events and, for those other services care about, writes the integration event. */
    private void save(Connection c, HelpRequest request, EventContext ctx) {
        String id = request.id();
        for (StoredEvent stored : repository.save(c, request, ctx)) {
            HelpRequestEvent event = repository.decode(stored);
            if (event instanceof HelpRequestEvent.PersonalDataErased erased) {
                // crypto-shredding: the key goes here, in this transaction, and on every service from the keys topic
                dataSubjects.erase(c, id, erased.reason(), erased.erasedAt(), ctx);
            }
            Object integration = toContract(id, request.organisationId(), request, event);
            if (integration != null) {
                outbox.enqueue(c, OutgoingEvent.of(Topics.REQUESTS, id, ContractTypes.typeOf(integration), ContractTypes.versionOf(integration), id,
                        integration, ctx));
            }
        }
    }

    /** The request with its timeline, if it exists and the caller may see it (its organisation, or ops). */
    @Transactional
    public Optional<HelpRequestDetails> find(String requestId, Caller caller) {
        HelpRequestView view = HelpRequestView.findById(requestId);
        if (view == null || !caller.mayAccess(view.organisationId)) {
            return Optional.empty();
        }
        view.likelyDuplicates = HelpRequestView.<HelpRequestView>list("likelyDuplicateOf = ?1",
                Sort.by("submittedAt").and("id"), requestId).stream().map(v -> v.id).toList();
        try (Connection c = dataSource.getConnection()) {
            List<TimelineEntry> timeline = TimelineEntry.inOrderOfOccurrence(repository.history(c, requestId).stream()
                    .map(e -> {
                        HelpRequestEvent event = repository.decode(e);
                        TimelineText.Text text = TimelineText.explain(event);
                        return new TimelineEntry(e.version(), e.type(), org.relief.requests.domain.Occurrence.of(event),
                                e.occurredAt(), e.context().actor(), e.context().organisationId(), e.context().causationId(),
                                text.en(), text.zh(), e.payload());
                    })
                    .toList());
            return Optional.of(new HelpRequestDetails(view, timeline));
        } catch (SQLException e) {
            throw new EventStoreException("reading request " + requestId + " failed", e);
        }
    }

    public HelpRequestDetails get(String requestId, Caller caller) {
        return find(requestId, caller).orElseThrow(() -> ProblemException.notFound("help request", requestId));
    }

    /** Filtered list, newest first; the caller has already scoped {@code f.organisationId()} to what it may see. */
    @Transactional
    public HelpRequestPage list(HelpRequestFilter f, int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (f.status() != null) {
            where.add("status = :status");
            params.put("status", f.status());
        }
        if (f.district() != null) {
            where.add("districtKey = :district");
            params.put("district", DuplicateKeys.normalize(f.district()));
        }
        if (f.priority() != null) {
            where.add("priority = :priority");
            params.put("priority", f.priority());
        }
        if (f.organisationId() != null) {
            where.add("organisationId = :org");
            params.put("org", f.organisationId());
        }
        if (f.kind() != null) {
            where.add("kind = :kind");
            params.put("kind", f.kind());
        }
        if (f.submittedFrom() != null) {
            where.add("submittedAt >= :from");
            params.put("from", f.submittedFrom());
        }
        if (f.submittedTo() != null) {
            where.add("submittedAt < :to");
            params.put("to", f.submittedTo());
        }
        if (f.overdue() != null) {
            where.add("overdue = :overdue");
            params.put("overdue", f.overdue());
        }
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        var found = HelpRequestView.<HelpRequestView>find(query, Sort.by("submittedAt").descending().and("id"), params);
        List<HelpRequestView> items = found.page(Page.of(page, size)).list();
        return new HelpRequestPage(items, page, size, found.count());
    }

    private static Object toContract(String id, String organisationId, HelpRequest request, HelpRequestEvent event) {
        if (event instanceof HelpRequestEvent.Submitted s) {
            var ride = s.ride() == null ? null : new HelpRequestSubmitted.RideDetails(s.ride().passengerName(),
                    s.ride().passengerPhone(), s.ride().pickupAddress(), s.ride().pickupDistrict(),
                    s.ride().dropoffAddress(), s.ride().dropoffDistrict(), s.ride().windowStart(), s.ride().windowEnd(),
                    s.ride().accessibility() == null ? List.of() : s.ride().accessibility().stream().map(Enum::name).toList());
            var care = s.care() == null ? null : new HelpRequestSubmitted.CareDetails(s.care().need().name(),
                    s.care().skill(), s.care().personName(), s.care().windowStart(), s.care().windowEnd());
            return new HelpRequestSubmitted(id, organisationId, s.kind().name(), s.priority().name(),
                    s.vulnerabilities().stream().map(Enum::name).toList(), s.community(), s.district(), s.address(),
                    s.lines().stream().map(l -> new RequestedLine(l.item(), l.quantity(), l.unit())).toList(),
                    ride, care, s.neededBy(), s.submittedAt(), s.likelyDuplicateOf());
        }
        if (event instanceof HelpRequestEvent.Cancelled x) {
            return new HelpRequestCancelled(id, organisationId, x.reason(), x.cancelledBy(), x.cancelledAt());
        }
        if (event instanceof HelpRequestEvent.ReceiptConfirmed r) {
            return new HelpRequestReceiptConfirmed(id, organisationId, r.lines().stream()
                    .map(l -> new HelpRequestReceiptConfirmed.ReceivedLine(l.item(), l.unit(), l.accepted(), l.rejected(),
                            l.rejectionReason())).toList(), r.confirmedAt());
        }
        if (event instanceof HelpRequestEvent.ShortfallAccepted sa) {
            return new HelpRequestShortfallAccepted(id, organisationId, sa.lines().stream()
                    .map(l -> new HelpRequestShortfallAccepted.ShortLine(l.item(), l.unit(), l.requested(), l.received(),
                            l.shortfall())).toList(), sa.note(), sa.acceptedBy(), sa.acceptedAt());
        }
        if (event instanceof HelpRequestEvent.PriorityCorrected pc) {
            return new HelpRequestPriorityCorrected(id, organisationId, pc.from().name(), pc.to().name(),
                    pc.vulnerabilitiesBefore().stream().map(Enum::name).toList(),
                    pc.vulnerabilitiesAfter().stream().map(Enum::name).toList(), pc.reason(), pc.correctedBy(),
                    pc.correctedAt());
        }
        if (event instanceof HelpRequestEvent.Escalated e) {
            return new HelpRequestEscalated(id, organisationId, request.state().priority().name(), e.status().name(),
                    e.deadline(), e.escalatedAt());
        }
        return null;
    }
}
