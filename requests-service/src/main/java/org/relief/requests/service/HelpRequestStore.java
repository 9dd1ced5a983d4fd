package org.relief.requests.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.personaldata.DataSubjects;
import org.relief.kernel.security.CallerScope;
import org.relief.kernel.web.ProblemException;
import org.relief.requests.domain.HelpRequest;
import org.relief.requests.domain.HelpRequestEvent;
import org.relief.requests.domain.Texts;
import org.relief.requests.projection.HelpRequestProjector;
import org.relief.requests.publishing.HelpRequestPublisher;

/**
 * Loads and saves help requests (stream type "help-request"): saving appends the request's new events, updates the
 * view and writes the integration events to the outbox, all in the caller's transaction.
 */
@ApplicationScoped
public class HelpRequestStore {
    /** who acts when requests-service itself decides (escalation, retention) */
    public static final String ACTOR = "requests-service";

    private final EventSourcedRepository<HelpRequest, HelpRequestEvent> repository;
    private final HelpRequestPublisher publisher;
    private final DataSubjects dataSubjects;

    public HelpRequestStore(
            EventStore eventStore,
            ObjectMapper json,
            HelpRequestProjector projector,
            HelpRequestPublisher publisher,
            DataSubjects dataSubjects) {
        this.repository = new EventSourcedRepository<>(
                eventStore,
                HelpRequest.STREAM_TYPE,
                new EventCodec<>(HelpRequestEvent.class, json),
                HelpRequest::new,
                projector::project);
        this.publisher = publisher;
        this.dataSubjects = dataSubjects;
    }

    public Optional<HelpRequest> find(Connection c, String requestId) {
        return repository.load(c, requestId);
    }

    /**
     * The request, if the caller may act on it (its organisation, or ops). Another organisation's request answers
     * exactly as an unknown one (404), so ids do not reveal that a request exists.
     */
    public HelpRequest accessible(Connection c, String requestId, CallerScope caller) {
        return repository
                .load(c, requestId)
                .filter(r -> caller.mayAccess(r.organisationId()))
                .orElseThrow(() -> ProblemException.notFound("help request", requestId));
    }

    /** The request another service's event is about; an unknown one is a conflict (the event is parked). */
    public HelpRequest about(Connection c, String requestId, EventEnvelope cause) {
        return repository
                .load(c, requestId)
                .orElseThrow(() -> RuleViolation.conflict(Texts.of("request.unknown-event", cause.type(), requestId)));
    }

    /** Appends the request's new events and, for those other services care about, writes the integration event. */
    public void save(Connection c, HelpRequest request, EventContext ctx) {
        for (StoredEvent stored : repository.save(c, request, ctx)) {
            HelpRequestEvent event = repository.decode(stored);
            if (event instanceof HelpRequestEvent.PersonalDataErased erased) {
                // crypto-shredding: the key goes here, in this transaction, and on every service from the keys topic
                dataSubjects.erase(c, request.id(), erased.reason(), erased.erasedAt(), ctx);
            }
            publisher.publish(c, request, event, ctx);
        }
    }

    /** The request's stream as stored, oldest first. */
    public List<StoredEvent> history(Connection c, String requestId) {
        return repository.history(c, requestId);
    }

    public HelpRequestEvent decode(StoredEvent stored) {
        return repository.decode(stored);
    }
}
