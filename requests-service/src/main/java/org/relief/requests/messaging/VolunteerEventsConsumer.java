package org.relief.requests.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relief.contracts.volunteer.VolunteerAssigned;
import org.relief.contracts.volunteer.VolunteerAssignmentAnswered;
import org.relief.contracts.volunteer.VolunteerCallCancelled;
import org.relief.contracts.volunteer.VolunteerCallCompleted;
import org.relief.contracts.volunteer.VolunteerCallOpened;
import org.relief.contracts.volunteer.VolunteerCallShort;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.runtime.ConsumerFactory;
import org.relief.requests.domain.HelpRequestEvent;
import org.relief.requests.service.HelpRequestSaga;

/**
 * Volunteer calls about our requests (opened, short, assigned, accepted or declined, cancelled, completed), turned
 * into the request's own events, effectively once and in order per request. A call without a request (a community's
 * own call, keyed by its call id) is none of our business and is skipped.
 */
@ApplicationScoped
public class VolunteerEventsConsumer {
    public static final String NAME = "requests-service.volunteer-events";
    static final String ACTOR = "volunteer-service";

    private final ConsumerFactory consumers;
    private final HelpRequestSaga saga;
    private IdempotentConsumer consumer;

    public VolunteerEventsConsumer(ConsumerFactory consumers, HelpRequestSaga saga) {
        this.consumers = consumers;
        this.saga = saga;
    }

    @PostConstruct
    void init() {
        consumer = consumers.create(
                NAME,
                consumers
                        .handlers()
                        .on(VolunteerCallOpened.class, this::callOpened)
                        .on(VolunteerCallShort.class, this::callShort)
                        .on(VolunteerAssigned.class, this::assigned)
                        // two event types, one payload: the type says which answer
                        .on(
                                VolunteerAssignmentAnswered.ACCEPTED,
                                VolunteerAssignmentAnswered.VERSION,
                                VolunteerAssignmentAnswered.class,
                                (c, envelope, a) -> answered(c, envelope, a, true))
                        .on(
                                VolunteerAssignmentAnswered.DECLINED,
                                VolunteerAssignmentAnswered.VERSION,
                                VolunteerAssignmentAnswered.class,
                                (c, envelope, a) -> answered(c, envelope, a, false))
                        .on(VolunteerCallCancelled.class, this::callCancelled)
                        .on(VolunteerCallCompleted.class, this::callCompleted));
    }

    @Incoming("volunteer-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void callOpened(Connection c, EventEnvelope envelope, VolunteerCallOpened o) {
        if (o.requestId() != null) {
            saga.recordProgress(
                    c,
                    envelope,
                    ACTOR,
                    o.requestId(),
                    r -> r.volunteerCallOpened(new HelpRequestEvent.VolunteerCallOpened(
                            o.callId(),
                            o.tripId(),
                            o.purpose(),
                            o.skill(),
                            o.needed(),
                            o.district(),
                            o.place(),
                            o.windowStart(),
                            o.windowEnd(),
                            o.openedAt())));
        }
    }

    private void callShort(Connection c, EventEnvelope envelope, VolunteerCallShort s) {
        if (s.requestId() != null) {
            saga.recordProgress(
                    c,
                    envelope,
                    ACTOR,
                    s.requestId(),
                    r -> r.volunteersShort(new HelpRequestEvent.VolunteersShort(
                            s.callId(), s.tripId(), s.purpose(), s.needed(), s.assigned(), s.reason(), s.at())));
        }
    }

    private void assigned(Connection c, EventEnvelope envelope, VolunteerAssigned a) {
        if (a.requestId() != null) {
            saga.recordProgress(
                    c,
                    envelope,
                    ACTOR,
                    a.requestId(),
                    r -> r.volunteerAssigned(new HelpRequestEvent.VolunteerAssigned(
                            a.callId(),
                            a.tripId(),
                            a.purpose(),
                            a.assignmentId(),
                            a.volunteerId(),
                            a.volunteerName(),
                            a.windowStart(),
                            a.windowEnd(),
                            a.assigned(),
                            a.needed(),
                            a.assignedAt())));
        }
    }

    private void answered(Connection c, EventEnvelope envelope, VolunteerAssignmentAnswered a, boolean accepted) {
        if (a.requestId() != null) {
            saga.recordProgress(
                    c,
                    envelope,
                    ACTOR,
                    a.requestId(),
                    r -> r.volunteerAnswered(new HelpRequestEvent.VolunteerAnswered(
                            a.callId(),
                            a.tripId(),
                            a.purpose(),
                            a.assignmentId(),
                            a.volunteerId(),
                            accepted,
                            a.reason(),
                            a.answeredAt())));
        }
    }

    private void callCancelled(Connection c, EventEnvelope envelope, VolunteerCallCancelled x) {
        if (x.requestId() != null) {
            saga.recordProgress(
                    c,
                    envelope,
                    ACTOR,
                    x.requestId(),
                    r -> r.volunteerCallCancelled(new HelpRequestEvent.VolunteerCallCancelled(
                            x.callId(), x.tripId(), x.purpose(), x.reason(), x.cancelledAt())));
        }
    }

    private void callCompleted(Connection c, EventEnvelope envelope, VolunteerCallCompleted d) {
        if (d.requestId() != null) {
            saga.recordProgress(
                    c,
                    envelope,
                    ACTOR,
                    d.requestId(),
                    r -> r.volunteerCallCompleted(new HelpRequestEvent.VolunteerCallCompleted(
                            d.callId(), d.tripId(), d.purpose(), d.personTimes(), d.hours(), d.completedAt())));
        }
    }
}
