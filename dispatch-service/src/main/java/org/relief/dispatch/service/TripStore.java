package org.relief.dispatch.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.relief.contracts.ContractTypes;
import org.relief.contracts.Topics;
import org.relief.contracts.dispatch.TripCancelled;
import org.relief.contracts.dispatch.TripDelivered;
import org.relief.contracts.dispatch.TripFailed;
import org.relief.contracts.dispatch.TripPickedUp;
import org.relief.contracts.dispatch.TripQueued;
import org.relief.contracts.dispatch.TripScheduled;
import org.relief.contracts.dispatch.TripWaitOverdue;
import org.relief.dispatch.domain.TransportRequest;
import org.relief.dispatch.domain.TransportRequestEvent;
import org.relief.dispatch.domain.Trip;
import org.relief.dispatch.domain.TripEvent;
import org.relief.dispatch.projection.TripProjector;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.outbox.Outbox;
import org.relief.kernel.outbox.OutgoingEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Loads and saves trips (stream type "trip") and transport requests ("transport-request"): the events, the views in
 * the same transaction, and for a trip every transition's integration event in the outbox (dispatch.events.v1,
 * key = the request id, subject = the trip id).
 */
@ApplicationScoped
public class TripStore {
    public static final String TRIP_STREAM = "trip";
    public static final String REQUEST_STREAM = "transport-request";

    @Inject
    EventStore eventStore;
    @Inject
    ObjectMapper json;
    @Inject
    Outbox outbox;
    @Inject
    TripProjector projector;

    private EventCodec<TripEvent> tripCodec;
    private EventCodec<TransportRequestEvent> requestCodec;

    @PostConstruct
    void init() {
        tripCodec = new EventCodec<>(TripEvent.class, json);
        requestCodec = new EventCodec<>(TransportRequestEvent.class, json);
    }

    private EventSourcedRepository<Trip, TripEvent> trips(Connection c) {
        return new EventSourcedRepository<>(eventStore, TRIP_STREAM, tripCodec, Trip::new,
                (id, stored, e) -> projector.trip(c, id, stored, e));
    }

    private EventSourcedRepository<TransportRequest, TransportRequestEvent> requests(Connection c) {
        return new EventSourcedRepository<>(eventStore, REQUEST_STREAM, requestCodec, TransportRequest::new,
                (id, stored, e) -> projector.request(c, id, stored, e));
    }

    /**
     * Serialises everything that decides about one request's trips (both consumers, REST commands, the queue job),
     * across replicas, until commit.
     */
    public void lockRequest(Connection c, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtext('transport-request:' || ?))")) {
            ps.setString(1, requestId);
            ps.execute();
        }
    }

    /** The queue job does not wait for a request someone else is working on: it comes back next round. */
    public boolean tryLockRequest(Connection c, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(hashtext('transport-request:' || ?))")) {
            ps.setString(1, requestId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    public Optional<Trip> trip(Connection c, String tripId) {
        return trips(c).load(c, tripId);
    }

    public List<StoredEvent> history(Connection c, String tripId) {
        return trips(c).history(c, tripId);
    }

    public TransportRequest request(Connection c, String requestId) {
        return requests(c).load(c, requestId).orElseGet(() -> TransportRequest.start(requestId));
    }

    public void save(Connection c, TransportRequest r, EventContext ctx) {
        requests(c).save(c, r, ctx.withCorrelation(r.id()));
    }

    public void save(Connection c, Trip trip, EventContext ctx) {
        List<TripEvent> pending = trip.pendingEvents();
        EventContext context = new EventContext(trip.requestId(), ctx.causationId(), ctx.actor(),
                ctx.organisationId() == null ? trip.organisationId() : ctx.organisationId(), ctx.traceparent());
        trips(c).save(c, trip, context);
        for (TripEvent e : pending) {
            Object payload = integrationEvent(trip, e);
            if (payload != null) {
                outbox.enqueue(c, OutgoingEvent.of(Topics.DISPATCH, trip.requestId(), ContractTypes.typeOf(payload),
                        ContractTypes.versionOf(payload), trip.id(),
                        payload, context));
            }
        }
    }

    /** The published form of a trip event, or null for one that is not published (Planned). */
    static Object integrationEvent(Trip t, TripEvent e) {
        String kind = t.kind().name();
        String vehicleId = t.vehicle() == null ? null : t.vehicle().vehicleId();
        if (e instanceof TripEvent.Queued q) {
            return new TripQueued(t.id(), t.requestId(), t.organisationId(), kind, t.from(), t.to(), t.lines(),
                    q.reason(), q.queuedAt());
        } else if (e instanceof TripEvent.Scheduled s) {
            var v = s.vehicle();
            return new TripScheduled(t.id(), t.requestId(), t.organisationId(), kind, v.vehicleId(), v.plate(),
                    v.vehicleKind().name(), v.carrierId(), v.driverName(), v.driverPhone(), t.from(), t.to(), s.lines(),
                    s.weightKg(), s.volumeM3(), v.windowStart(), v.windowEnd(), t.replanOf(), s.explanation(),
                    s.scheduledAt());
        } else if (e instanceof TripEvent.WaitOverdue o) {
            return new TripWaitOverdue(t.id(), t.requestId(), t.organisationId(), kind, o.queuedAt(), o.deadline(),
                    o.escalatedAt());
        } else if (e instanceof TripEvent.PickedUp p) {
            return new TripPickedUp(t.id(), t.requestId(), t.organisationId(), kind, vehicleId, p.lines(), p.pickedUpAt());
        } else if (e instanceof TripEvent.Delivered d) {
            return new TripDelivered(t.id(), t.requestId(), t.organisationId(), kind, vehicleId, d.receivedBy(),
                    d.lines(), d.note(), d.deliveredAt());
        } else if (e instanceof TripEvent.Failed f) {
            return new TripFailed(t.id(), t.requestId(), t.organisationId(), kind, vehicleId, f.reason(),
                    f.wasPickedUp(), f.outcome(), f.replacementTripId(), f.failedAt());
        } else if (e instanceof TripEvent.Cancelled x) {
            return new TripCancelled(t.id(), t.requestId(), t.organisationId(), kind, vehicleId, x.reason(),
                    x.wasPickedUp(), x.cancelledAt());
        }
        return null;
    }
}
