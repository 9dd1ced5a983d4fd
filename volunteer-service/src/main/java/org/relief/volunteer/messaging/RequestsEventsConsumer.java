package org.relief.volunteer.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;
import org.relief.volunteer.service.VolunteerCallSaga;
import org.relief.volunteer.service.VolunteerCallStore;

/**
 * Help requests: a CARE request opens its CARE_VISIT call; a cancelled request cancels every live call of the
 * request (its visit, its trips' loading and hand-out), also when the trip's events come later.
 */
@ApplicationScoped
public class RequestsEventsConsumer {
    public static final String NAME = "volunteer-service.requests-events";

    private final ConsumerFactory consumers;
    private final VolunteerCallSaga saga;
    private IdempotentConsumer consumer;

    public RequestsEventsConsumer(ConsumerFactory consumers, VolunteerCallSaga saga) {
        this.consumers = consumers;
        this.saga = saga;
    }

    @PostConstruct
    void init() {
        consumer = consumers.create(
                NAME,
                consumers
                        .handlers()
                        .on(
                                HelpRequestSubmitted.class,
                                (c, envelope, e) -> saga.careRequested(c, e, causedBy(envelope)))
                        .upcaster(HelpRequestSubmitted.TYPE, 1, HelpRequestSubmitted::upcastV1)
                        .on(
                                HelpRequestCancelled.class,
                                (c, envelope, e) -> saga.requestCancelled(c, e, causedBy(envelope))));
    }

    @Incoming("requests-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private static EventContext causedBy(EventEnvelope envelope) {
        return EventContext.causedBy(envelope, VolunteerCallStore.ACTOR);
    }
}
