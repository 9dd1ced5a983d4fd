package org.relief.requests.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.inventory.StockAllocation;
import org.relief.contracts.inventory.StockReservationOpened;
import org.relief.contracts.inventory.StockReservationReleased;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;
import org.relief.requests.service.HelpRequestService;

import java.sql.Connection;

/**
 * Inventory's answers about our requests, applied effectively once and in order per request. The consumer is bound to
 * its handler, so ops can list its parked records and replay a key at {@code /ops/parked-events}.
 */
@ApplicationScoped
public class InventoryEventsConsumer {
    public static final String NAME = "requests-service.inventory-events";

    @Inject
    ConsumerFactory consumers;
    @Inject
    HelpRequestService requests;

    private IdempotentConsumer consumer;

    @PostConstruct
    void init() {
        consumer = consumers.create(NAME, consumers.newRegistry()
                .register(StockReservationOpened.TYPE, StockReservationOpened.VERSION, StockReservationOpened.class)
                // three event types, one payload: the type says which outcome the allocation round had
                .register(StockAllocation.RESERVED, StockAllocation.VERSION, StockAllocation.class)
                .register(StockAllocation.PARTIALLY_RESERVED, StockAllocation.VERSION, StockAllocation.class)
                .register(StockAllocation.UNAVAILABLE, StockAllocation.VERSION, StockAllocation.class)
                .register(StockReservationReleased.TYPE, StockReservationReleased.VERSION, StockReservationReleased.class),
                this::apply);
    }

    @Incoming("inventory-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void apply(Connection c, EventEnvelope envelope, Object event) {
        if (event instanceof StockReservationOpened opened) {
            requests.reservationOpened(c, opened, envelope);
        } else if (event instanceof StockAllocation allocation) {
            requests.stockAllocated(c, envelope.type(), allocation, envelope);
        } else if (event instanceof StockReservationReleased released) {
            requests.reservationReleased(c, released, envelope);
        }
    }
}
