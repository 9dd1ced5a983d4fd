package org.relief.requests.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.inventory.RejectedLine;
import org.relief.contracts.inventory.ReservedLine;
import org.relief.contracts.inventory.StockAllocation;
import org.relief.contracts.inventory.StockReservationOpened;
import org.relief.contracts.inventory.StockReservationReleased;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;
import org.relief.requests.domain.HelpRequestEvent;
import org.relief.requests.service.HelpRequestSaga;

/**
 * Inventory's answers about our requests, applied effectively once and in order per request. The consumer is bound to
 * its handlers, so ops can list its parked records and replay a key at {@code /ops/parked-events}.
 */
@ApplicationScoped
public class InventoryEventsConsumer {
    public static final String NAME = "requests-service.inventory-events";

    private final ConsumerFactory consumers;
    private final HelpRequestSaga saga;
    private IdempotentConsumer consumer;

    public InventoryEventsConsumer(ConsumerFactory consumers, HelpRequestSaga saga) {
        this.consumers = consumers;
        this.saga = saga;
    }

    @PostConstruct
    void init() {
        consumer = consumers.create(
                NAME,
                consumers
                        .handlers()
                        .on(StockReservationOpened.class, this::reservationOpened)
                        // three event types, one payload: the type says which outcome the allocation round had
                        .on(
                                StockAllocation.RESERVED,
                                StockAllocation.VERSION,
                                StockAllocation.class,
                                (c, envelope, a) ->
                                        stockAllocated(c, envelope, a, HelpRequestEvent.AllocationOutcome.RESERVED))
                        .on(
                                StockAllocation.PARTIALLY_RESERVED,
                                StockAllocation.VERSION,
                                StockAllocation.class,
                                (c, envelope, a) -> stockAllocated(
                                        c, envelope, a, HelpRequestEvent.AllocationOutcome.PARTIALLY_RESERVED))
                        .on(
                                StockAllocation.UNAVAILABLE,
                                StockAllocation.VERSION,
                                StockAllocation.class,
                                (c, envelope, a) ->
                                        stockAllocated(c, envelope, a, HelpRequestEvent.AllocationOutcome.UNAVAILABLE))
                        .on(StockReservationReleased.class, this::reservationReleased));
    }

    @Incoming("inventory-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void reservationOpened(Connection c, EventEnvelope envelope, StockReservationOpened opened) {
        var rejected = (opened.rejectedLines() == null ? List.<RejectedLine>of() : opened.rejectedLines())
                .stream()
                        .map(l -> new HelpRequestEvent.RejectedLine(
                                l.item(), l.quantity(), l.unit(), l.reason(), l.catalogueUnit()))
                        .toList();
        saga.reservationOpened(c, envelope, opened.requestId(), opened.reservationId(), rejected, opened.openedAt());
    }

    private void stockAllocated(
            Connection c,
            EventEnvelope envelope,
            StockAllocation allocation,
            HelpRequestEvent.AllocationOutcome outcome) {
        saga.stockAllocated(
                c,
                envelope,
                allocation.requestId(),
                allocation.reservationId(),
                outcome,
                quantities(allocation.lines()),
                allocation.explanation(),
                allocation.explanationZh(),
                allocation.expiresAt(),
                allocation.allocatedAt());
    }

    private void reservationReleased(Connection c, EventEnvelope envelope, StockReservationReleased released) {
        saga.reservationReleased(
                c,
                envelope,
                released.requestId(),
                released.reservationId(),
                released.reason(),
                quantities(released.released()),
                released.releasedAt());
    }

    private static List<HelpRequestEvent.ReservedQuantity> quantities(List<ReservedLine> lines) {
        return (lines == null ? List.<ReservedLine>of() : lines)
                .stream()
                        .map(l -> new HelpRequestEvent.ReservedQuantity(l.item(), l.unit(), l.reserved()))
                        .toList();
    }
}
