package org.relief.inventory.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestPriorityCorrected;
import org.relief.contracts.requests.HelpRequestReceiptConfirmed;
import org.relief.contracts.requests.HelpRequestShortfallAccepted;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.inventory.domain.ReservationLine;
import org.relief.inventory.domain.SuppliesRequest;
import org.relief.inventory.service.ReservationService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;

/** Help requests from requests-service ({@code requests.events.v1}), applied effectively once and in order per request. */
@ApplicationScoped
public class RequestsEventsConsumer {
    public static final String NAME = "inventory-service.requests-events";
    /** The request kind that needs stock (HelpRequestSubmitted.kind; a v1 event is upcast to it). */
    static final String SUPPLIES = "SUPPLIES";

    private final ConsumerFactory consumers;
    private final ReservationService reservations;
    private IdempotentConsumer consumer;

    public RequestsEventsConsumer(ConsumerFactory consumers, ReservationService reservations) {
        this.consumers = consumers;
        this.reservations = reservations;
    }

    @PostConstruct
    void init() {
        // bound to its handlers, so ops can list and replay its parked events (/ops/parked-events)
        consumer = consumers.create(
                NAME,
                consumers
                        .handlers()
                        .on(HelpRequestSubmitted.class, this::submitted)
                        .upcaster(HelpRequestSubmitted.TYPE, 1, HelpRequestSubmitted::upcastV1)
                        .on(
                                HelpRequestCancelled.class,
                                (c, envelope, cancelled) ->
                                        reservations.cancel(c, cancelled.requestId(), causedBy(envelope)))
                        .on(HelpRequestReceiptConfirmed.class, this::receiptConfirmed)
                        .on(
                                HelpRequestShortfallAccepted.class,
                                (c, envelope, accepted) ->
                                        reservations.shortfallAccepted(c, accepted.requestId(), causedBy(envelope)))
                        .on(
                                HelpRequestPriorityCorrected.class,
                                (c, envelope, corrected) -> reservations.priorityCorrected(
                                        c,
                                        corrected.requestId(),
                                        corrected.priority(),
                                        corrected.vulnerabilities(),
                                        corrected.reason(),
                                        corrected.correctedAt(),
                                        causedBy(envelope))));
    }

    @Incoming("requests-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void submitted(Connection c, EventEnvelope envelope, HelpRequestSubmitted submitted) {
        if (submitted.kind() != null && !SUPPLIES.equals(submitted.kind())) {
            return; // rides and care visits need no stock; the inbox records that the event was seen
        }
        reservations.takeOn(c, suppliesRequest(submitted), causedBy(envelope));
    }

    /** Requests' submitted event as the supplies request inventory reserves for. */
    public static SuppliesRequest suppliesRequest(HelpRequestSubmitted submitted) {
        return new SuppliesRequest(
                submitted.requestId(),
                submitted.organisationId(),
                submitted.priority(),
                submitted.district(),
                submitted.lines().stream()
                        .map(l -> new ReservationLine(l.item(), l.quantity(), l.unit()))
                        .toList(),
                submitted.vulnerabilities(),
                submitted.submittedAt());
    }

    /** The receipt's lines summed per item (a receipt may list an item more than once). */
    private void receiptConfirmed(Connection c, EventEnvelope envelope, HelpRequestReceiptConfirmed confirmed) {
        Map<String, BigDecimal> accepted = new HashMap<>();
        Map<String, BigDecimal> rejected = new HashMap<>();
        for (HelpRequestReceiptConfirmed.ReceivedLine l : confirmed.lines()) {
            if (l.accepted() != null) {
                accepted.merge(l.item(), l.accepted(), BigDecimal::add);
            }
            if (l.rejected() != null) {
                rejected.merge(l.item(), l.rejected(), BigDecimal::add);
            }
        }
        reservations.receiptConfirmed(c, confirmed.requestId(), accepted, rejected, causedBy(envelope));
    }

    private static EventContext causedBy(EventEnvelope envelope) {
        return EventContext.causedBy(envelope, ReservationService.ACTOR);
    }
}
