package org.relief.volunteer.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.dispatch.TripCancelled;
import org.relief.contracts.dispatch.TripDelivered;
import org.relief.contracts.dispatch.TripFailed;
import org.relief.contracts.dispatch.TripPickedUp;
import org.relief.contracts.dispatch.TripScheduled;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;
import org.relief.volunteer.service.CallService;

import java.sql.Connection;

/**
 * Dispatch's trips: a scheduled FREIGHT trip opens its LOADING and HAND_OUT calls; a cancelled or failed trip
 * cancels them (a re-planned trip comes as its own TripScheduled). The calls end with the trip: TripPickedUp ends the
 * LOADING call, TripDelivered every call still live (completed for those who served, else closed as no longer
 * needed). Applied effectively once, in order per request; parked records can be replayed at
 * {@code /ops/parked-events}.
 */
@ApplicationScoped
public class DispatchEventsConsumer {
    public static final String NAME = "volunteer-service.dispatch-events";

    @Inject
    ConsumerFactory consumers;
    @Inject
    CallService calls;

    private IdempotentConsumer consumer;

    @PostConstruct
    void init() {
        consumer = consumers.create(NAME, consumers.newRegistry()
                .register(TripScheduled.TYPE, TripScheduled.VERSION, TripScheduled.class)
                .register(TripCancelled.TYPE, TripCancelled.VERSION, TripCancelled.class)
                .register(TripFailed.TYPE, TripFailed.VERSION, TripFailed.class)
                .register(TripPickedUp.TYPE, TripPickedUp.VERSION, TripPickedUp.class)
                .register(TripDelivered.TYPE, TripDelivered.VERSION, TripDelivered.class), this::apply);
    }

    @Incoming("dispatch-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void apply(Connection c, EventEnvelope envelope, Object event) throws Exception {
        EventContext ctx = EventContext.causedBy(envelope, CallService.ACTOR);
        if (event instanceof TripScheduled scheduled) {
            calls.tripScheduled(c, scheduled, ctx);
        } else if (event instanceof TripCancelled cancelled) {
            calls.tripEnded(c, cancelled.tripId(), "trip cancelled: " + cancelled.reason(), ctx);
        } else if (event instanceof TripFailed failed) {
            calls.tripEnded(c, failed.tripId(), "trip failed: " + failed.reason()
                    + (failed.replacementTripId() == null ? "" : " (re-planned as " + failed.replacementTripId() + ")"),
                    ctx);
        } else if (event instanceof TripPickedUp pickedUp) {
            calls.tripPickedUp(c, pickedUp, ctx);
        } else if (event instanceof TripDelivered delivered) {
            calls.tripDelivered(c, delivered, ctx);
        }
    }
}
