package org.relief.requests.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import org.relief.requests.service.HelpRequestService;

import java.sql.Connection;

/**
 * Volunteer calls about our requests (opened, short, assigned, accepted or declined, cancelled, completed), turned
 * into the request's own events, effectively once and in order per request. A call without a request (a community's
 * own call, keyed by its call id) is none of our business and is skipped.
 */
@ApplicationScoped
public class VolunteerEventsConsumer {
    public static final String NAME = "requests-service.volunteer-events";
    static final String ACTOR = "volunteer-service";

    @Inject
    ConsumerFactory consumers;
    @Inject
    HelpRequestService requests;

    private IdempotentConsumer consumer;

    @PostConstruct
    void init() {
        consumer = consumers.create(NAME, consumers.newRegistry()
                .register(VolunteerCallOpened.TYPE, VolunteerCallOpened.VERSION, VolunteerCallOpened.class)
                .register(VolunteerCallShort.TYPE, VolunteerCallShort.VERSION, VolunteerCallShort.class)
                .register(VolunteerAssigned.TYPE, VolunteerAssigned.VERSION, VolunteerAssigned.class)
                // two event types, one payload: the type says which answer
                .register(VolunteerAssignmentAnswered.ACCEPTED, VolunteerAssignmentAnswered.VERSION, VolunteerAssignmentAnswered.class)
                .register(VolunteerAssignmentAnswered.DECLINED, VolunteerAssignmentAnswered.VERSION, VolunteerAssignmentAnswered.class)
                .register(VolunteerCallCancelled.TYPE, VolunteerCallCancelled.VERSION, VolunteerCallCancelled.class)
                .register(VolunteerCallCompleted.TYPE, VolunteerCallCompleted.VERSION, VolunteerCallCompleted.class),
                this::apply);
    }

    @Incoming("volunteer-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.handle(record);
    }

    private void apply(Connection c, EventEnvelope envelope, Object event) {
        if (event instanceof VolunteerCallOpened o) {
            if (o.requestId() != null) {
                requests.record(c, o.requestId(), envelope, ACTOR, r -> r.volunteerCallOpened(new HelpRequestEvent.VolunteerCallOpened(
                        o.callId(), o.tripId(), o.purpose(), o.skill(), o.needed(), o.district(), o.place(), o.windowStart(),
                        o.windowEnd(), o.openedAt())));
            }
        } else if (event instanceof VolunteerCallShort s) {
            if (s.requestId() != null) {
                requests.record(c, s.requestId(), envelope, ACTOR, r -> r.volunteersShort(new HelpRequestEvent.VolunteersShort(
                        s.callId(), s.tripId(), s.purpose(), s.needed(), s.assigned(), s.reason(), s.at())));
            }
        } else if (event instanceof VolunteerAssigned a) {
            if (a.requestId() != null) {
                requests.record(c, a.requestId(), envelope, ACTOR, r -> r.volunteerAssigned(new HelpRequestEvent.VolunteerAssigned(
                        a.callId(), a.tripId(), a.purpose(), a.assignmentId(), a.volunteerId(), a.volunteerName(),
                        a.windowStart(), a.windowEnd(), a.assigned(), a.needed(), a.assignedAt())));
            }
        } else if (event instanceof VolunteerAssignmentAnswered a) {
            if (a.requestId() != null) {
                boolean accepted = VolunteerAssignmentAnswered.ACCEPTED.equals(envelope.type());
                requests.record(c, a.requestId(), envelope, ACTOR, r -> r.volunteerAnswered(new HelpRequestEvent.VolunteerAnswered(
                        a.callId(), a.tripId(), a.purpose(), a.assignmentId(), a.volunteerId(), accepted, a.reason(),
                        a.answeredAt())));
            }
        } else if (event instanceof VolunteerCallCancelled x) {
            if (x.requestId() != null) {
                requests.record(c, x.requestId(), envelope, ACTOR, r -> r.volunteerCallCancelled(new HelpRequestEvent.VolunteerCallCancelled(
                        x.callId(), x.tripId(), x.purpose(), x.reason(), x.cancelledAt())));
            }
        } else if (event instanceof VolunteerCallCompleted d) {
            if (d.requestId() != null) {
                requests.record(c, d.requestId(), envelope, ACTOR, r -> r.volunteerCallCompleted(new HelpRequestEvent.VolunteerCallCompleted(
                        d.callId(), d.tripId(), d.purpose(), d.personTimes(), d.hours(), d.completedAt())));
            }
        }
    }
}
