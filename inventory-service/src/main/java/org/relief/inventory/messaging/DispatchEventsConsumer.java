package org.relief.inventory.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.dispatch.TripPickedUp;
import org.relief.contracts.dispatch.TripScheduled;
import org.relief.inventory.service.ReservationService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;

/**
 * Dispatch's trips, applied effectively once and in order per request. Only TripPickedUp matters here (the
 * reservation stops expiring); every other dispatch type is not handled and is recorded as seen and skipped.
 */
@ApplicationScoped
public class DispatchEventsConsumer {
    public static final String NAME = "inventory-service.dispatch-events";

    private final ConsumerFactory consumers;
    private final ReservationService reservations;
    private IdempotentConsumer consumer;

    public DispatchEventsConsumer(ConsumerFactory consumers, ReservationService reservations) {
        this.consumers = consumers;
        this.reservations = reservations;
    }

    @PostConstruct
    void init() {
        // bound to its handlers, so ops can list and replay its parked events (/ops/parked-events)
        consumer = consumers.create(NAME, consumers.handlers().on(TripPickedUp.class, this::pickedUp));
    }

    @Incoming("dispatch-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void pickedUp(Connection c, EventEnvelope envelope, TripPickedUp picked) {
        if (picked.kind() != null && !TripScheduled.FREIGHT.equals(picked.kind())) {
            return; // a ride: no stock involved
        }
        reservations.transportPickedUp(
                c,
                picked.requestId(),
                picked.tripId(),
                picked.pickedUpAt(),
                EventContext.causedBy(envelope, ReservationService.ACTOR));
    }
}
