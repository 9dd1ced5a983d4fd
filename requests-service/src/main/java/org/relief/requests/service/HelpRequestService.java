package org.relief.requests.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.relief.contracts.RequestedLine;
import org.relief.contracts.Topics;
import org.relief.contracts.inventory.StockReservationOpened;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.eventstore.EventStoreException;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.outbox.OutgoingEvent;
import org.relief.kernel.outbox.Outbox;
import org.relief.kernel.web.ProblemException;
import org.relief.requests.domain.HelpRequest;
import org.relief.requests.domain.HelpRequestEvent;
import org.relief.requests.domain.SubmitHelpRequest;
import org.relief.requests.projection.HelpRequestProjector;
import org.relief.requests.projection.HelpRequestView;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Application service for help requests: load the aggregate, let it decide, then in one transaction append its
 * events, update the read model and write the integration events to the outbox.
 */
@ApplicationScoped
public class HelpRequestService {
    public static final String STREAM_TYPE = "help-request";

    @Inject
    DataSource dataSource;
    @Inject
    EventStore eventStore;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;
    @Inject
    HelpRequestProjector projector;

    private final Clock clock = Clock.systemUTC();
    private EventSourcedRepository<HelpRequest, HelpRequestEvent> repository;

    @PostConstruct
    void init() {
        repository = new EventSourcedRepository<>(eventStore, STREAM_TYPE, new EventCodec<>(HelpRequestEvent.class, json),
                HelpRequest::new, projector::project);
    }

    @Transactional
    public HelpRequestView submit(SubmitHelpRequest command, EventContext context) {
        HelpRequest request = HelpRequest.submit(command, clock);
        EventContext ctx = context.withCorrelation(request.id());
        try (Connection c = dataSource.getConnection()) {
            List<StoredEvent> stored = repository.save(c, request, ctx);
            var submitted = (HelpRequestEvent.Submitted) repository.decode(stored.get(0));
            outbox.enqueue(c, OutgoingEvent.of(Topics.REQUESTS, request.id(), HelpRequestSubmitted.TYPE,
                    HelpRequestSubmitted.VERSION, request.id(), toContract(submitted), ctx));
        } catch (SQLException e) {
            throw new EventStoreException("submitting a help request failed", e);
        }
        return HelpRequestView.findById(request.id());
    }

    /** Inventory opened a reservation for one of our requests (runs inside the consumer's transaction). */
    public void reservationOpened(Connection c, StockReservationOpened event, EventEnvelope envelope) {
        HelpRequest request = repository.load(c, event.requestId())
                .orElseThrow(() -> RuleViolation.conflict("StockReservationOpened for unknown request " + event.requestId(),
                        "预留对应的求助不存在: " + event.requestId()));
        request.reservationOpened(event.reservationId(), clock);
        repository.save(c, request, EventContext.causedBy(envelope, "inventory-service"));
    }

    @Transactional
    public Optional<HelpRequestDetails> find(String requestId) {
        HelpRequestView view = HelpRequestView.findById(requestId);
        if (view == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            List<TimelineEntry> timeline = repository.history(c, requestId).stream()
                    .map(e -> new TimelineEntry(e.version(), e.type(), e.occurredAt(), e.context().actor(),
                            e.context().organisationId(), e.context().causationId(), e.payload()))
                    .toList();
            return Optional.of(new HelpRequestDetails(view, timeline));
        } catch (SQLException e) {
            throw new EventStoreException("reading request " + requestId + " failed", e);
        }
    }

    public HelpRequestDetails get(String requestId) {
        return find(requestId).orElseThrow(() -> ProblemException.notFound("help request", requestId));
    }

    private static HelpRequestSubmitted toContract(HelpRequestEvent.Submitted s) {
        return new HelpRequestSubmitted(s.requestId(), s.organisationId(), s.priority().name(), s.community(),
                s.district(), s.lines().stream().map(l -> new RequestedLine(l.item(), l.quantity(), l.unit())).toList(),
                s.neededBy(), s.submittedAt());
    }
}
