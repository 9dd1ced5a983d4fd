package org.relief.inventory.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.relief.contracts.RequestedLine;
import org.relief.contracts.Topics;
import org.relief.contracts.inventory.StockReservationOpened;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.inventory.domain.ReservationLine;
import org.relief.inventory.domain.StockReservation;
import org.relief.inventory.domain.StockReservationEvent;
import org.relief.inventory.projection.ReservationProjector;
import org.relief.inventory.projection.ReservationView;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.outbox.OutgoingEvent;
import org.relief.kernel.outbox.Outbox;
import org.relief.kernel.web.ProblemException;

import java.sql.Connection;
import java.time.Clock;

/** Takes supplies requests on: opens their reservation and tells requests-service, in one transaction. */
@ApplicationScoped
public class ReservationService {
    public static final String STREAM_TYPE = "stock-reservation";

    @Inject
    EventStore eventStore;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;
    @Inject
    ReservationProjector projector;

    private final Clock clock = Clock.systemUTC();
    private EventSourcedRepository<StockReservation, StockReservationEvent> repository;

    @PostConstruct
    void init() {
        repository = new EventSourcedRepository<>(eventStore, STREAM_TYPE,
                new EventCodec<>(StockReservationEvent.class, json), StockReservation::new, projector::project);
    }

    /** Runs inside the consumer's transaction. A request already taken on is left as it is. */
    public void helpRequestSubmitted(Connection c, HelpRequestSubmitted submitted, EventEnvelope envelope) {
        if (repository.load(c, submitted.requestId()).isPresent()) {
            return;
        }
        StockReservation reservation = StockReservation.open(submitted.requestId(), submitted.organisationId(),
                submitted.priority(), submitted.district(),
                submitted.lines().stream().map(l -> new ReservationLine(l.item(), l.quantity(), l.unit())).toList(), clock);
        EventContext ctx = EventContext.causedBy(envelope, "inventory-service");
        var opened = (StockReservationEvent.Opened) repository.decode(repository.save(c, reservation, ctx).get(0));
        outbox.enqueue(c, OutgoingEvent.of(Topics.INVENTORY, submitted.requestId(), StockReservationOpened.TYPE,
                StockReservationOpened.VERSION, reservation.reservationId(),
                new StockReservationOpened(submitted.requestId(), reservation.reservationId(),
                        reservation.lines().stream().map(l -> new RequestedLine(l.item(), l.quantity(), l.unit())).toList(),
                        opened.openedAt()), ctx));
    }

    public ReservationView get(String requestId) {
        ReservationView v = ReservationView.findById(requestId);
        if (v == null) {
            throw ProblemException.notFound("reservation for request", requestId);
        }
        return v;
    }
}
