package org.relief.inventory.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.inventory.service.ReservationService;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;

/** Help requests from requests-service, applied effectively once and in order per request. */
@ApplicationScoped
public class HelpRequestEventsConsumer {
    @Inject
    ConsumerFactory consumers;
    @Inject
    ReservationService reservations;

    private IdempotentConsumer consumer;

    @PostConstruct
    void init() {
        consumer = consumers.create("inventory-service.requests-events", consumers.newRegistry()
                .register(HelpRequestSubmitted.TYPE, HelpRequestSubmitted.VERSION, HelpRequestSubmitted.class));
    }

    @Incoming("requests-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record, (c, envelope, event) -> {
            if (event instanceof HelpRequestSubmitted submitted) {
                reservations.helpRequestSubmitted(c, submitted, envelope);
            }
        });
    }
}
