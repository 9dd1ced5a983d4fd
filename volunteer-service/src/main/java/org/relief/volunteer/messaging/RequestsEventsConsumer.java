package org.relief.volunteer.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;
import org.relief.volunteer.service.CallService;

import java.sql.Connection;

/**
 * Help requests: a CARE request opens its CARE_VISIT call; a cancelled request cancels every live call of the
 * request (its visit, its trips' loading and hand-out), also when the trip's events come later.
 */
@ApplicationScoped
public class RequestsEventsConsumer {
    public static final String NAME = "volunteer-service.requests-events";

    @Inject
    ConsumerFactory consumers;
    @Inject
    CallService calls;

    private IdempotentConsumer consumer;

    @PostConstruct
    void init() {
        consumer = consumers.create(NAME, consumers.newRegistry()
                .register(HelpRequestSubmitted.TYPE, HelpRequestSubmitted.VERSION, HelpRequestSubmitted.class)
                .upcaster(HelpRequestSubmitted.TYPE, 1, HelpRequestSubmitted::upcastV1)
                .register(HelpRequestCancelled.TYPE, HelpRequestCancelled.VERSION, HelpRequestCancelled.class),
                this::apply);
    }

    @Incoming("requests-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void apply(Connection c, EventEnvelope envelope, Object event) throws Exception {
        EventContext ctx = EventContext.causedBy(envelope, CallService.ACTOR);
        if (event instanceof HelpRequestSubmitted submitted) {
            calls.careRequested(c, submitted, ctx);
        } else if (event instanceof HelpRequestCancelled cancelled) {
            calls.requestCancelled(c, cancelled, ctx);
        }
    }
}
