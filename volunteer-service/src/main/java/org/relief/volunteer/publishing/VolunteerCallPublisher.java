package org.relief.volunteer.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.util.List;
import org.relief.contracts.ContractTypes;
import org.relief.contracts.Topics;
import org.relief.contracts.volunteer.VolunteerAssigned;
import org.relief.contracts.volunteer.VolunteerAssignmentAnswered;
import org.relief.contracts.volunteer.VolunteerCallCancelled;
import org.relief.contracts.volunteer.VolunteerCallCompleted;
import org.relief.contracts.volunteer.VolunteerCallOpened;
import org.relief.contracts.volunteer.VolunteerCallShort;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.outbox.Outbox;
import org.relief.kernel.outbox.OutgoingEvent;
import org.relief.volunteer.domain.VolunteerCall;
import org.relief.volunteer.domain.VolunteerCallEvent;

/**
 * A volunteer call's new events as published contracts ({@link Topics#VOLUNTEER}), written to the outbox in the
 * transaction that appended them.
 */
@ApplicationScoped
public class VolunteerCallPublisher {
    private final Outbox outbox;

    public VolunteerCallPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Enqueues the contracts of {@code events}, just appended for {@code call}. {@code holdingBefore} is how many
     * volunteers the call held before them: VolunteerAssigned carries the count after each assignment.
     */
    public void publish(
            Connection c, VolunteerCall call, List<VolunteerCallEvent> events, int holdingBefore, EventContext ctx) {
        int holding = holdingBefore;
        for (VolunteerCallEvent e : events) {
            if (e instanceof VolunteerCallEvent.Assigned) {
                holding++;
            } else if (e instanceof VolunteerCallEvent.Declined) {
                holding--;
            }
            Object contract = toContract(call, e, holding);
            if (contract != null) {
                outbox.enqueue(
                        c,
                        OutgoingEvent.of(
                                Topics.VOLUNTEER,
                                call.key(),
                                typeOf(contract, e),
                                ContractTypes.versionOf(contract),
                                call.id(),
                                contract,
                                ctx));
            }
        }
    }

    static Object toContract(VolunteerCall call, VolunteerCallEvent event, int holding) {
        String purpose = call.purpose().name();
        if (event instanceof VolunteerCallEvent.Opened o) {
            return new VolunteerCallOpened(
                    o.callId(),
                    o.requestId(),
                    o.tripId(),
                    o.organisationId(),
                    purpose,
                    o.skill(),
                    o.needed(),
                    o.district(),
                    o.place(),
                    o.windowStart(),
                    o.windowEnd(),
                    o.openedAt());
        }
        if (event instanceof VolunteerCallEvent.Assigned a) {
            return new VolunteerAssigned(
                    call.id(),
                    call.requestId(),
                    call.tripId(),
                    purpose,
                    a.assignmentId(),
                    a.volunteerId(),
                    a.volunteerName(),
                    call.windowStart(),
                    call.windowEnd(),
                    holding,
                    call.needed(),
                    a.assignedAt());
        }
        if (event instanceof VolunteerCallEvent.Accepted a) {
            return new VolunteerAssignmentAnswered(
                    call.id(),
                    call.requestId(),
                    call.tripId(),
                    purpose,
                    a.assignmentId(),
                    call.assignment(a.assignmentId()).volunteerId(),
                    null,
                    a.acceptedAt());
        }
        if (event instanceof VolunteerCallEvent.Declined d) {
            return new VolunteerAssignmentAnswered(
                    call.id(),
                    call.requestId(),
                    call.tripId(),
                    purpose,
                    d.assignmentId(),
                    call.assignment(d.assignmentId()).volunteerId(),
                    d.reason(),
                    d.declinedAt());
        }
        if (event instanceof VolunteerCallEvent.Short s) {
            return new VolunteerCallShort(
                    call.id(), call.requestId(), call.tripId(), purpose, s.needed(), s.assigned(), s.reason(), s.at());
        }
        if (event instanceof VolunteerCallEvent.Completed done) {
            BigDecimal hours = done.served().stream()
                    .map(VolunteerCallEvent.Served::hours)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            return new VolunteerCallCompleted(
                    call.id(),
                    call.requestId(),
                    call.tripId(),
                    purpose,
                    done.served().size(),
                    hours,
                    done.completedAt());
        }
        if (event instanceof VolunteerCallEvent.Cancelled x) {
            return new VolunteerCallCancelled(
                    call.id(), call.requestId(), call.tripId(), purpose, x.reason(), x.cancelledAt());
        }
        return null;
    }

    /** Accepted and declined share one payload; every other contract names its own type. */
    static String typeOf(Object contract, VolunteerCallEvent event) {
        if (contract instanceof VolunteerAssignmentAnswered) {
            return event instanceof VolunteerCallEvent.Accepted
                    ? VolunteerAssignmentAnswered.ACCEPTED
                    : VolunteerAssignmentAnswered.DECLINED;
        }
        return ContractTypes.typeOf(contract);
    }
}
