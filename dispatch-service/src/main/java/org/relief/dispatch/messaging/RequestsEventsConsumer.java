package org.relief.dispatch.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestPriorityCorrected;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.dispatch.service.TripReactions;
import org.relief.dispatch.service.TripService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;

/**
 * Help requests: where goods go, rides to plan at once, cancellations, priority corrections (queued trips take their
 * new place in the queue). Applied effectively once and in order per request; bound to its handler so ops can replay
 * parked records at /ops/parked-events.
 */
@ApplicationScoped
public class RequestsEventsConsumer {
    public static final String NAME = "dispatch-service.requests-events";

    private final ConsumerFactory consumers;
    private final TripReactions trips;

    private IdempotentConsumer consumer;

    public RequestsEventsConsumer(ConsumerFactory consumers, TripReactions trips) {
        this.consumers = consumers;
        this.trips = trips;
    }

    @PostConstruct
    void init() {
        consumer = consumers.create(
                NAME,
                consumers
                        .handlers()
                        .on(HelpRequestSubmitted.class, this::submitted)
                        .upcaster(HelpRequestSubmitted.TYPE, 1, HelpRequestSubmitted::upcastV1)
                        .on(HelpRequestCancelled.class, this::cancelled)
                        .on(HelpRequestPriorityCorrected.class, this::priorityCorrected));
    }

    @Incoming("requests-events")
    @Blocking(ordered = false) // per-key order comes from throttled.ordered=key (application.properties)
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void submitted(Connection c, EventEnvelope envelope, HelpRequestSubmitted s) throws Exception {
        trips.submitted(c, ContractTranslation.submission(s), EventContext.causedBy(envelope, TripService.ACTOR));
    }

    private void cancelled(Connection c, EventEnvelope envelope, HelpRequestCancelled hc) throws Exception {
        trips.requestCancelled(
                c, hc.requestId(), hc.reason(), hc.cancelledAt(), EventContext.causedBy(envelope, TripService.ACTOR));
    }

    private void priorityCorrected(Connection c, EventEnvelope envelope, HelpRequestPriorityCorrected pc)
            throws Exception {
        trips.priorityCorrected(
                c,
                pc.requestId(),
                pc.priority(),
                pc.reason(),
                pc.correctedAt(),
                EventContext.causedBy(envelope, TripService.ACTOR));
    }
}
