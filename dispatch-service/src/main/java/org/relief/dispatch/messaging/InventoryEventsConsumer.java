package org.relief.dispatch.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.inventory.StockAllocation;
import org.relief.contracts.inventory.StockReservationReleased;
import org.relief.dispatch.service.TripService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;

import java.sql.Connection;

/**
 * Reservations: what is held where (freight to plan) and releases (trips not yet picked up are cancelled).
 * StockUnavailable holds nothing and is not registered (ignored, recorded in the inbox).
 */
@ApplicationScoped
public class InventoryEventsConsumer {
    public static final String NAME = "dispatch-service.inventory-events";

    @Inject
    ConsumerFactory consumers;
    @Inject
    TripService trips;

    private IdempotentConsumer consumer;

    @PostConstruct
    void init() {
        consumer = consumers.create(NAME, consumers.newRegistry()
                // two event types, one payload: both hold stock for the request
                .register(StockAllocation.RESERVED, StockAllocation.VERSION, StockAllocation.class)
                .register(StockAllocation.PARTIALLY_RESERVED, StockAllocation.VERSION, StockAllocation.class)
                .register(StockReservationReleased.TYPE, StockReservationReleased.VERSION, StockReservationReleased.class),
                this::apply);
    }

    @Incoming("inventory-events")
    @Blocking(ordered = false) // per-key order comes from throttled.ordered=key (application.properties)
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void apply(Connection c, EventEnvelope envelope, Object event) throws Exception {
        EventContext ctx = EventContext.causedBy(envelope, TripService.ACTOR);
        if (event instanceof StockAllocation allocation) {
            trips.allocated(c, allocation, ctx);
        } else if (event instanceof StockReservationReleased released) {
            trips.released(c, released, ctx);
        }
    }
}
