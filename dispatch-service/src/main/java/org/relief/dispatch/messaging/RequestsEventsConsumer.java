package org.relief.dispatch.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestPriorityCorrected;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.dispatch.service.TripService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;

import java.sql.Connection;

/**
 * Help requests: where goods go, rides to plan at once, cancellations, priority corrections (queued trips take their
 * new place in the queue). Applied effectively once and in order per request; bound to its handler so ops can replay
 * parked records at /ops/parked-events.
 */
@ApplicationScoped
public class RequestsEventsConsumer {
    public static final String NAME = "dispatch-service.requests-events";

    @Inject
    ConsumerFactory consumers;
    @Inject
    TripService trips;

    private IdempotentConsumer consumer;

    @PostConstruct
    void init() {
        consumer = consumers.create(NAME, consumers.newRegistry()
                .register(HelpRequestSubmitted.TYPE, HelpRequestSubmitted.VERSION, HelpRequestSubmitted.class)
                .upcaster(HelpRequestSubmitted.TYPE, 1, HelpRequestSubmitted::upcastV1)
                .register(HelpRequestCancelled.TYPE, HelpRequestCancelled.VERSION, HelpRequestCancelled.class)
                .register(HelpRequestPriorityCorrected.TYPE, HelpRequestPriorityCorrected.VERSION,
                        HelpRequestPriorityCorrected.class),
                this::apply);
    }

    @Incoming("requests-events")
    @Blocking(ordered = false) // per-key order comes from throttled.ordered=key (application.properties)
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void apply(Connection c, EventEnvelope envelope, Object event) throws Exception {
        EventContext ctx = EventContext.causedBy(envelope, TripService.ACTOR);
        if (event instanceof HelpRequestSubmitted submitted) {
            trips.submitted(c, submitted, ctx);
        } else if (event instanceof HelpRequestCancelled cancelled) {
            trips.requestCancelled(c, cancelled, ctx);
        } else if (event instanceof HelpRequestPriorityCorrected corrected) {
            trips.priorityCorrected(c, corrected, ctx);
        }
    }
}
