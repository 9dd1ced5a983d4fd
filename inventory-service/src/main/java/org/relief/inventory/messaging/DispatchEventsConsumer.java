package org.relief.inventory.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.dispatch.TripPickedUp;
import org.relief.inventory.service.ReservationService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;

import java.sql.Connection;

/**
 * Dispatch's trips, applied effectively once and in order per request. Only TripPickedUp matters here (the
 * reservation stops expiring); every other dispatch type is not registered and is recorded as seen and skipped.
 */
@ApplicationScoped
public class DispatchEventsConsumer {
    public static final String NAME = "inventory-service.dispatch-events";

    @Inject
    ConsumerFactory consumers;
    @Inject
    ReservationService reservations;

    private IdempotentConsumer consumer;

    @PostConstruct
    void init() {
        // bound to its handler, so ops can list and replay its parked events (/ops/parked-events)
        consumer = consumers.create(NAME, consumers.newRegistry()
                .register(TripPickedUp.TYPE, TripPickedUp.VERSION, TripPickedUp.class), this::apply);
    }

    @Incoming("dispatch-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void apply(Connection c, EventEnvelope envelope, Object event) {
        if (event instanceof TripPickedUp picked) {
            reservations.transportPickedUp(c, picked, EventContext.causedBy(envelope, ReservationService.ACTOR));
        }
    }
}
