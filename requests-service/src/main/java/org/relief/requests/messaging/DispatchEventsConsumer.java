package org.relief.requests.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import org.relief.requests.service.HelpRequestService;

import java.sql.Connection;
import java.util.List;

/**
 * Dispatch's trips for our requests (queued, scheduled, picked up, delivered with proof of delivery, failed,
 * cancelled, overdue), turned into the request's own events, effectively once and in order per request. Bound to its
 * handler, so ops can list its parked records and replay a key at {@code /ops/parked-events}.
 */
@ApplicationScoped
public class DispatchEventsConsumer {
    public static final String NAME = "requests-service.dispatch-events";
    static final String ACTOR = "dispatch-service";

    @Inject
    ConsumerFactory consumers;
    @Inject
    HelpRequestService requests;

    private IdempotentConsumer consumer;

    @PostConstruct
    void init() {
        consumer = consumers.create(NAME, consumers.newRegistry()
                .register(TripQueued.TYPE, TripQueued.VERSION, TripQueued.class)
                .register(TripScheduled.TYPE, TripScheduled.VERSION, TripScheduled.class)
                .register(TripPickedUp.TYPE, TripPickedUp.VERSION, TripPickedUp.class)
                .register(TripDelivered.TYPE, TripDelivered.VERSION, TripDelivered.class)
                .register(TripFailed.TYPE, TripFailed.VERSION, TripFailed.class)
                .register(TripCancelled.TYPE, TripCancelled.VERSION, TripCancelled.class)
                .register(TripWaitOverdue.TYPE, TripWaitOverdue.VERSION, TripWaitOverdue.class),
                this::apply);
    }

    @Incoming("dispatch-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void apply(Connection c, EventEnvelope envelope, Object event) {
        if (event instanceof TripQueued q) {
            requests.record(c, q.requestId(), envelope, ACTOR, r -> r.transportQueued(new HelpRequestEvent.TransportQueued(
                    q.tripId(), q.kind(), place(q.from()), place(q.to()), lines(q.lines()), q.reason(), q.queuedAt())));
        } else if (event instanceof TripScheduled t) {
            requests.record(c, t.requestId(), envelope, ACTOR, r -> r.transportScheduled(new HelpRequestEvent.TransportScheduled(
                    t.tripId(), t.kind(), t.vehicleId(), t.plate(), t.vehicleKind(), t.carrierId(), t.driverName(),
                    t.driverPhone(), place(t.from()), place(t.to()), lines(t.lines()), t.weightKg(), t.volumeM3(),
                    t.windowStart(), t.windowEnd(), t.replanOf(), t.explanation() == null ? List.of() : List.copyOf(t.explanation()),
                    t.scheduledAt())));
        } else if (event instanceof TripPickedUp p) {
            requests.record(c, p.requestId(), envelope, ACTOR, r -> r.loadPickedUp(
                    new HelpRequestEvent.LoadPickedUp(p.tripId(), lines(p.lines()), p.pickedUpAt())));
        } else if (event instanceof TripDelivered d) {
            requests.record(c, d.requestId(), envelope, ACTOR, r -> r.deliveryReported(new HelpRequestEvent.DeliveryReported(
                    d.tripId(), d.receivedBy(), delivered(d.lines()), d.note(), d.deliveredAt())));
        } else if (event instanceof TripFailed f) {
            requests.record(c, f.requestId(), envelope, ACTOR, r -> r.transportFailed(new HelpRequestEvent.TransportFailed(
                    f.tripId(), f.reason(), f.wasPickedUp(), f.outcome(), f.replacementTripId(), f.failedAt())));
        } else if (event instanceof TripCancelled x) {
            requests.record(c, x.requestId(), envelope, ACTOR, r -> r.transportCancelled(new HelpRequestEvent.TransportCancelled(
                    x.tripId(), x.reason(), x.wasPickedUp(), x.cancelledAt())));
        } else if (event instanceof TripWaitOverdue o) {
            requests.record(c, o.requestId(), envelope, ACTOR, r -> r.transportWaitOverdue(new HelpRequestEvent.TransportWaitOverdue(
                    o.tripId(), o.queuedAt(), o.deadline(), o.escalatedAt())));
        }
    }

    private static HelpRequestEvent.Place place(Place p) {
        return p == null ? null : new HelpRequestEvent.Place(p.name(), p.district(), p.address());
    }

    private static List<HelpRequestEvent.LoadedQuantity> lines(List<TripLine> lines) {
        return lines == null ? List.of() : lines.stream()
                .map(l -> new HelpRequestEvent.LoadedQuantity(l.item(), l.unit(), l.quantity())).toList();
    }

    private static List<HelpRequestEvent.DeliveredQuantity> delivered(List<DeliveredLine> lines) {
        return lines == null ? List.of() : lines.stream().map(l -> new HelpRequestEvent.DeliveredQuantity(l.item(),
                l.unit(), l.accepted(), l.rejected(), l.rejectionReason())).toList();
    }
}
