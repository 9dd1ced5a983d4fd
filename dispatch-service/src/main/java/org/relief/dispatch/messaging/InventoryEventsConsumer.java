package org.relief.dispatch.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.inventory.StockAllocation;
import org.relief.contracts.inventory.StockReservationReleased;
import org.relief.dispatch.service.TripReactions;
import org.relief.dispatch.service.TripService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;

/**
 * Reservations: what is held where (freight to plan) and releases (trips not yet picked up are cancelled).
 * StockUnavailable holds nothing and is not registered (ignored, recorded in the inbox).
 */
@ApplicationScoped
public class InventoryEventsConsumer {
    public static final String NAME = "dispatch-service.inventory-events";

    private final ConsumerFactory consumers;
    private final TripReactions trips;

    private IdempotentConsumer consumer;

    public InventoryEventsConsumer(ConsumerFactory consumers, TripReactions trips) {
        this.consumers = consumers;
        this.trips = trips;
    }

    @PostConstruct
    void init() {
        consumer = consumers.create(
                NAME,
                consumers
                        .handlers()
                        // two event types, one payload: both hold stock for the request
                        .on(StockAllocation.RESERVED, StockAllocation.VERSION, StockAllocation.class, this::allocated)
                        .on(
                                StockAllocation.PARTIALLY_RESERVED,
                                StockAllocation.VERSION,
                                StockAllocation.class,
                                this::allocated)
                        .on(StockReservationReleased.class, this::released));
    }

    @Incoming("inventory-events")
    @Blocking(ordered = false) // per-key order comes from throttled.ordered=key (application.properties)
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void allocated(Connection c, EventEnvelope envelope, StockAllocation a) throws Exception {
        trips.allocated(
                c,
                a.requestId(),
                a.reservationId(),
                ContractTranslation.reservedLines(a.lines()),
                a.expiresAt(),
                a.allocatedAt(),
                EventContext.causedBy(envelope, TripService.ACTOR));
    }

    private void released(Connection c, EventEnvelope envelope, StockReservationReleased r) throws Exception {
        trips.released(
                c, r.requestId(), r.reason(), r.releasedAt(), EventContext.causedBy(envelope, TripService.ACTOR));
    }
}
