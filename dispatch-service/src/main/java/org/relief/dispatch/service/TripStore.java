package org.relief.dispatch.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.relief.dispatch.domain.TransportRequest;
import org.relief.dispatch.domain.TransportRequestEvent;
import org.relief.dispatch.domain.Trip;
import org.relief.dispatch.domain.TripEvent;
import org.relief.dispatch.projection.TripProjector;
import org.relief.dispatch.publishing.TripPublisher;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.eventstore.StoredEvent;

/**
 * Loads and saves trips (stream type "trip") and transport requests ("transport-request"): the events, the views in
 * the same transaction, and for a trip every transition's integration event (TripPublisher, same transaction).
 */
@ApplicationScoped
public class TripStore {
    public static final String TRIP_STREAM = Trip.STREAM_TYPE;
    public static final String REQUEST_STREAM = TransportRequest.STREAM_TYPE;

    private final EventStore eventStore;
    private final ObjectMapper json;
    private final TripPublisher publisher;
    private final TripProjector projector;

    private EventCodec<TripEvent> tripCodec;
    private EventCodec<TransportRequestEvent> requestCodec;

    @Inject
    public TripStore(EventStore eventStore, ObjectMapper json, TripPublisher publisher, TripProjector projector) {
        this.eventStore = eventStore;
        this.json = json;
        this.publisher = publisher;
        this.projector = projector;
    }

    @PostConstruct
    void init() {
        tripCodec = new EventCodec<>(TripEvent.class, json);
        requestCodec = new EventCodec<>(TransportRequestEvent.class, json);
    }

    private EventSourcedRepository<Trip, TripEvent> trips(Connection c) {
        return new EventSourcedRepository<>(
                eventStore, TRIP_STREAM, tripCodec, Trip::new, (id, stored, e) -> projector.trip(c, id, stored, e));
    }

    private EventSourcedRepository<TransportRequest, TransportRequestEvent> requests(Connection c) {
        return new EventSourcedRepository<>(
                eventStore,
                REQUEST_STREAM,
                requestCodec,
                TransportRequest::new,
                (id, stored, e) -> projector.request(c, id, stored, e));
    }

    /**
     * Serialises everything that decides about one request's trips (both consumers, REST commands, the queue job),
     * across replicas, until commit.
     */
    public void lockRequest(Connection c, String requestId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("select pg_advisory_xact_lock(hashtext('transport-request:' || ?))")) {
            ps.setString(1, requestId);
            ps.execute();
        }
    }

    /** The queue job does not wait for a request someone else is working on: it comes back next round. */
    public boolean tryLockRequest(Connection c, String requestId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("select pg_try_advisory_xact_lock(hashtext('transport-request:' || ?))")) {
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
        EventContext context = new EventContext(
                trip.requestId(),
                ctx.causationId(),
                ctx.actor(),
                ctx.organisationId() == null ? trip.organisationId() : ctx.organisationId(),
                ctx.traceparent());
        trips(c).save(c, trip, context);
        publisher.publish(c, trip, pending, context);
    }
}
