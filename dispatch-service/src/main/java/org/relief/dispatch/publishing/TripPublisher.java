package org.relief.dispatch.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.util.List;
import org.relief.contracts.ContractTypes;
import org.relief.contracts.Topics;
import org.relief.contracts.dispatch.TripCancelled;
import org.relief.contracts.dispatch.TripDelivered;
import org.relief.contracts.dispatch.TripFailed;
import org.relief.contracts.dispatch.TripPickedUp;
import org.relief.contracts.dispatch.TripQueued;
import org.relief.contracts.dispatch.TripScheduled;
import org.relief.contracts.dispatch.TripWaitOverdue;
import org.relief.dispatch.domain.DeliveredLine;
import org.relief.dispatch.domain.Loads;
import org.relief.dispatch.domain.Place;
import org.relief.dispatch.domain.Trip;
import org.relief.dispatch.domain.TripEvent;
import org.relief.dispatch.domain.TripLine;
import org.relief.dispatch.domain.VehicleBooking;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.outbox.Outbox;
import org.relief.kernel.outbox.OutgoingEvent;

/**
 * A trip's transitions as dispatch.events.v1 (key = the request id, subject = the trip id): translates each domain
 * event into its published contract and enqueues it in the outbox, in the saving transaction.
 */
@ApplicationScoped
public class TripPublisher {
    private final Outbox outbox;

    public TripPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    /** @param events the trip's events just saved, in order; those that are not published (Planned...) are skipped */
    public void publish(Connection c, Trip trip, List<TripEvent> events, EventContext context) {
        for (TripEvent e : events) {
            Object payload = integrationEvent(trip, e);
            if (payload != null) {
                outbox.enqueue(
                        c,
                        OutgoingEvent.of(
                                Topics.DISPATCH,
                                trip.requestId(),
                                ContractTypes.typeOf(payload),
                                ContractTypes.versionOf(payload),
                                trip.id(),
                                payload,
                                context));
            }
        }
    }

    /** The published form of a trip event, or null for one that is not published (Planned, PriorityChanged). */
    static Object integrationEvent(Trip t, TripEvent e) {
        String kind = t.kind().name();
        String vehicleId = t.vehicle() == null ? null : t.vehicle().vehicleId();
        if (e instanceof TripEvent.Queued q) {
            return new TripQueued(
                    t.id(),
                    t.requestId(),
                    t.organisationId(),
                    kind,
                    place(t.from()),
                    place(t.to()),
                    lines(t.lines()),
                    q.reason(),
                    q.queuedAt());
        } else if (e instanceof TripEvent.Scheduled s) {
            return scheduled(t, s.vehicle(), s.lines(), s.weightKg(), s.volumeM3(), s.explanation(), s.scheduledAt());
        } else if (e instanceof TripEvent.Reassigned r) {
            // the other services know a trip's vehicle from TripScheduled: a new one for the same trip names the new
            // vehicle (requests-service takes a changed vehicle; volunteer-service's calls stay as they are)
            return scheduled(
                    t,
                    r.vehicle(),
                    t.lines(),
                    Loads.weight(t.lines()),
                    Loads.volume(t.lines()),
                    r.explanation(),
                    r.reassignedAt());
        } else if (e instanceof TripEvent.WaitOverdue o) {
            return new TripWaitOverdue(
                    t.id(), t.requestId(), t.organisationId(), kind, o.queuedAt(), o.deadline(), o.escalatedAt());
        } else if (e instanceof TripEvent.PickedUp p) {
            return new TripPickedUp(
                    t.id(), t.requestId(), t.organisationId(), kind, vehicleId, lines(p.lines()), p.pickedUpAt());
        } else if (e instanceof TripEvent.Delivered d) {
            return new TripDelivered(
                    t.id(),
                    t.requestId(),
                    t.organisationId(),
                    kind,
                    vehicleId,
                    d.receivedBy(),
                    delivered(d.lines()),
                    d.note(),
                    d.deliveredAt());
        } else if (e instanceof TripEvent.Failed f) {
            return new TripFailed(
                    t.id(),
                    t.requestId(),
                    t.organisationId(),
                    kind,
                    vehicleId,
                    f.reason(),
                    f.wasPickedUp(),
                    f.outcome(),
                    f.replacementTripId(),
                    f.failedAt());
        } else if (e instanceof TripEvent.Cancelled x) {
            return new TripCancelled(
                    t.id(),
                    t.requestId(),
                    t.organisationId(),
                    kind,
                    vehicleId,
                    x.reason(),
                    x.wasPickedUp(),
                    x.cancelledAt());
        }
        return null;
    }

    private static TripScheduled scheduled(
            Trip t,
            VehicleBooking v,
            List<TripLine> lines,
            java.math.BigDecimal weightKg,
            java.math.BigDecimal volumeM3,
            List<String> explanation,
            java.time.Instant at) {
        return new TripScheduled(
                t.id(),
                t.requestId(),
                t.organisationId(),
                t.kind().name(),
                v.vehicleId(),
                v.plate(),
                v.vehicleKind().name(),
                v.carrierId(),
                v.driverName(),
                v.driverPhone(),
                place(t.from()),
                place(t.to()),
                lines(lines),
                weightKg,
                volumeM3,
                v.windowStart(),
                v.windowEnd(),
                t.replanOf(),
                explanation,
                at);
    }

    static org.relief.contracts.dispatch.Place place(Place p) {
        return p == null ? null : new org.relief.contracts.dispatch.Place(p.id(), p.name(), p.district(), p.address());
    }

    static List<org.relief.contracts.dispatch.TripLine> lines(List<TripLine> lines) {
        return lines == null
                ? null
                : lines.stream()
                        .map(l -> new org.relief.contracts.dispatch.TripLine(
                                l.item(), l.unit(), l.quantity(), l.weightKg(), l.volumeM3()))
                        .toList();
    }

    static List<org.relief.contracts.dispatch.DeliveredLine> delivered(List<DeliveredLine> lines) {
        return lines == null
                ? null
                : lines.stream()
                        .map(l -> new org.relief.contracts.dispatch.DeliveredLine(
                                l.item(), l.unit(), l.accepted(), l.rejected(), l.rejectionReason()))
                        .toList();
    }
}
