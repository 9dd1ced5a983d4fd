package org.relief.inventory.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestPriorityCorrected;
import org.relief.contracts.requests.HelpRequestReceiptConfirmed;
import org.relief.contracts.requests.HelpRequestShortfallAccepted;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.inventory.service.ReservationService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;

import java.sql.Connection;

/** Help requests from requests-service, applied effectively once and in order per request. */
@ApplicationScoped
public class HelpRequestEventsConsumer {
    @Inject
    ConsumerFactory consumers;
    @Inject
    ReservationService reservations;

    public static final String NAME = "inventory-service.requests-events";

    private IdempotentConsumer consumer;

    @PostConstruct
    void init() {
        // bound to its handler, so ops can list and replay its parked events (/ops/parked-events)
        consumer = consumers.create(NAME, consumers.newRegistry()
                .register(HelpRequestSubmitted.TYPE, HelpRequestSubmitted.VERSION, HelpRequestSubmitted.class)
                .upcaster(HelpRequestSubmitted.TYPE, 1, HelpRequestSubmitted::upcastV1)
                .register(HelpRequestCancelled.TYPE, HelpRequestCancelled.VERSION, HelpRequestCancelled.class)
                .register(HelpRequestReceiptConfirmed.TYPE, HelpRequestReceiptConfirmed.VERSION, HelpRequestReceiptConfirmed.class)
                .register(HelpRequestShortfallAccepted.TYPE, HelpRequestShortfallAccepted.VERSION, HelpRequestShortfallAccepted.class)
                .register(HelpRequestPriorityCorrected.TYPE, HelpRequestPriorityCorrected.VERSION, HelpRequestPriorityCorrected.class),
                this::apply);
    }

    @Incoming("requests-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void apply(Connection c, EventEnvelope envelope, Object event) {
        EventContext ctx = EventContext.causedBy(envelope, ReservationService.ACTOR);
        if (event instanceof HelpRequestSubmitted submitted) {
            reservations.takeOn(c, submitted, ctx);
        } else if (event instanceof HelpRequestCancelled cancelled) {
            reservations.cancel(c, cancelled, ctx);
        } else if (event instanceof HelpRequestReceiptConfirmed confirmed) {
            reservations.receiptConfirmed(c, confirmed, ctx);
        } else if (event instanceof HelpRequestShortfallAccepted accepted) {
            reservations.shortfallAccepted(c, accepted.requestId(), ctx);
        } else if (event instanceof HelpRequestPriorityCorrected corrected) {
            reservations.priorityCorrected(c, corrected, ctx);
        }
    }
}
