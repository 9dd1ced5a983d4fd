package org.relief.requests.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.dispatch.DeliveredLine;
import org.relief.contracts.dispatch.Place;
import org.relief.contracts.dispatch.TripCancelled;
import org.relief.contracts.dispatch.TripDelivered;
import org.relief.contracts.dispatch.TripFailed;
import org.relief.contracts.dispatch.TripLine;
import org.relief.contracts.dispatch.TripPickedUp;
import org.relief.contracts.dispatch.TripQueued;
import org.relief.contracts.dispatch.TripScheduled;
import org.relief.contracts.dispatch.TripWaitOverdue;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;
import org.relief.requests.domain.HelpRequestEvent;
import org.relief.requests.service.HelpRequestSaga;

/**
 * Dispatch's trips for our requests (queued, scheduled, picked up, delivered with proof of delivery, failed,
 * cancelled, overdue), turned into the request's own events, effectively once and in order per request. Bound to its
 * handler, so ops can list its parked records and replay a key at {@code /ops/parked-events}.
 */
@ApplicationScoped
public class DispatchEventsConsumer {
    public static final String NAME = "requests-service.dispatch-events";
    static final String ACTOR = "dispatch-service";

    private final ConsumerFactory consumers;
    private final HelpRequestSaga saga;
    private IdempotentConsumer consumer;

    public DispatchEventsConsumer(ConsumerFactory consumers, HelpRequestSaga saga) {
        this.consumers = consumers;
        this.saga = saga;
    }

    @PostConstruct
    void init() {
        consumer = consumers.create(
                NAME,
                consumers
                        .handlers()
                        .on(TripQueued.class, this::queued)
                        .on(TripScheduled.class, this::scheduled)
                        .on(TripPickedUp.class, this::pickedUp)
                        .on(TripDelivered.class, this::delivered)
                        .on(TripFailed.class, this::failed)
                        .on(TripCancelled.class, this::cancelled)
                        .on(TripWaitOverdue.class, this::waitOverdue));
    }

    @Incoming("dispatch-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void queued(Connection c, EventEnvelope envelope, TripQueued q) {
        saga.recordProgress(
                c,
                envelope,
                ACTOR,
                q.requestId(),
                r -> r.transportQueued(new HelpRequestEvent.TransportQueued(
                        q.tripId(),
                        q.kind(),
                        place(q.from()),
                        place(q.to()),
                        lines(q.lines()),
                        q.reason(),
                        q.queuedAt())));
    }

    private void scheduled(Connection c, EventEnvelope envelope, TripScheduled t) {
        saga.recordProgress(
                c,
                envelope,
                ACTOR,
                t.requestId(),
                r -> r.transportScheduled(new HelpRequestEvent.TransportScheduled(
                        t.tripId(),
                        t.kind(),
                        t.vehicleId(),
                        t.plate(),
                        t.vehicleKind(),
                        t.carrierId(),
                        t.driverName(),
                        t.driverPhone(),
                        place(t.from()),
                        place(t.to()),
                        lines(t.lines()),
                        t.weightKg(),
                        t.volumeM3(),
                        t.windowStart(),
                        t.windowEnd(),
                        t.replanOf(),
                        t.explanation() == null ? List.of() : List.copyOf(t.explanation()),
                        t.scheduledAt())));
    }

    private void pickedUp(Connection c, EventEnvelope envelope, TripPickedUp p) {
        saga.recordProgress(
                c,
                envelope,
                ACTOR,
                p.requestId(),
                r -> r.loadPickedUp(new HelpRequestEvent.LoadPickedUp(p.tripId(), lines(p.lines()), p.pickedUpAt())));
    }

    private void delivered(Connection c, EventEnvelope envelope, TripDelivered d) {
        saga.recordProgress(
                c,
                envelope,
                ACTOR,
                d.requestId(),
                r -> r.deliveryReported(new HelpRequestEvent.DeliveryReported(
                        d.tripId(), d.receivedBy(), delivered(d.lines()), d.note(), d.deliveredAt())));
    }

    private void failed(Connection c, EventEnvelope envelope, TripFailed f) {
        saga.recordProgress(
                c,
                envelope,
                ACTOR,
                f.requestId(),
                r -> r.transportFailed(new HelpRequestEvent.TransportFailed(
                        f.tripId(), f.reason(), f.wasPickedUp(), f.outcome(), f.replacementTripId(), f.failedAt())));
    }

    private void cancelled(Connection c, EventEnvelope envelope, TripCancelled x) {
        saga.recordProgress(
                c,
                envelope,
                ACTOR,
                x.requestId(),
                r -> r.transportCancelled(new HelpRequestEvent.TransportCancelled(
                        x.tripId(), x.reason(), x.wasPickedUp(), x.cancelledAt())));
    }

    private void waitOverdue(Connection c, EventEnvelope envelope, TripWaitOverdue o) {
        saga.recordProgress(
                c,
                envelope,
                ACTOR,
                o.requestId(),
                r -> r.transportWaitOverdue(new HelpRequestEvent.TransportWaitOverdue(
                        o.tripId(), o.queuedAt(), o.deadline(), o.escalatedAt())));
    }

    private static HelpRequestEvent.Place place(Place p) {
        return p == null ? null : new HelpRequestEvent.Place(p.name(), p.district(), p.address());
    }

    private static List<HelpRequestEvent.LoadedQuantity> lines(List<TripLine> lines) {
        return lines == null
                ? List.of()
                : lines.stream()
                        .map(l -> new HelpRequestEvent.LoadedQuantity(l.item(), l.unit(), l.quantity()))
                        .toList();
    }

    private static List<HelpRequestEvent.DeliveredQuantity> delivered(List<DeliveredLine> lines) {
        return lines == null
                ? List.of()
                : lines.stream()
                        .map(l -> new HelpRequestEvent.DeliveredQuantity(
                                l.item(), l.unit(), l.accepted(), l.rejected(), l.rejectionReason()))
                        .toList();
    }
}
