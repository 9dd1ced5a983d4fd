package org.relief.volunteer.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
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
import org.relief.volunteer.service.VolunteerCallSaga;
import org.relief.volunteer.service.VolunteerCallStore;

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

    private final ConsumerFactory consumers;
    private final VolunteerCallSaga saga;
    private IdempotentConsumer consumer;

    public DispatchEventsConsumer(ConsumerFactory consumers, VolunteerCallSaga saga) {
        this.consumers = consumers;
        this.saga = saga;
    }

    @PostConstruct
    void init() {
        consumer = consumers.create(
                NAME,
                consumers
                        .handlers()
                        .on(TripScheduled.class, (c, envelope, e) -> saga.tripScheduled(c, e, causedBy(envelope)))
                        .on(TripCancelled.class, (c, envelope, e) -> saga.tripCancelled(c, e, causedBy(envelope)))
                        .on(TripFailed.class, (c, envelope, e) -> saga.tripFailed(c, e, causedBy(envelope)))
                        .on(TripPickedUp.class, (c, envelope, e) -> saga.tripPickedUp(c, e, causedBy(envelope)))
                        .on(TripDelivered.class, (c, envelope, e) -> saga.tripDelivered(c, e, causedBy(envelope))));
    }

    @Incoming("dispatch-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private static EventContext causedBy(EventEnvelope envelope) {
        return EventContext.causedBy(envelope, VolunteerCallStore.ACTOR);
    }
}
