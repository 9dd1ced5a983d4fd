package org.relief.dispatch.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import org.relief.dispatch.domain.CarrierEvent;
import org.relief.dispatch.domain.TransportRequest;
import org.relief.dispatch.domain.TransportRequestEvent;
import org.relief.dispatch.domain.Trip;
import org.relief.dispatch.domain.TripEvent;
import org.relief.dispatch.domain.VehicleEvent;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.projection.RebuildableProjection;

/**
 * Dispatch's read models as rebuildable projections (kernel {@code /ops/projections}), applying the stored events
 * with the codecs and projectors of the append path. Every column comes from the events (times from their own
 * fields). {@code vehicle_booking} is not a projection: the scheduling transaction writes it directly (its exclusion
 * constraint is what keeps a vehicle from being booked twice), so it is neither emptied nor compared.
 */
@ApplicationScoped
public class DispatchProjections {

    private static String idOf(StoredEvent e) {
        return e.streamId().substring(e.streamType().length() + 1);
    }

    /** carrier_view and vehicle_view (vehicles first: they reference their carrier). */
    @Produces
    @Singleton
    RebuildableProjection fleet(FleetProjector projector, ObjectMapper json) {
        EventCodec<CarrierEvent> carriers = new EventCodec<>(CarrierEvent.class, json);
        EventCodec<VehicleEvent> vehicles = new EventCodec<>(VehicleEvent.class, json);
        List<RebuildableProjection.Table> tables = List.of(
                new RebuildableProjection.Table("vehicle_view", "id"),
                new RebuildableProjection.Table("carrier_view", "id"));
        return new RebuildableProjection() {
            @Override
            public String name() {
                return "fleet";
            }

            @Override
            public List<Table> tables() {
                return tables;
            }

            @Override
            public List<String> streamTypes() {
                return List.of("carrier", "vehicle");
            }

            @Override
            public void apply(Connection c, StoredEvent e) {
                if (e.streamType().equals("carrier")) {
                    projector.carrier(idOf(e), e, carriers.decode(e.type(), e.payload()));
                } else {
                    projector.vehicle(idOf(e), e, vehicles.decode(e.type(), e.payload()));
                }
            }

            @Override
            public void flush() {
                CarrierView.getEntityManager().flush();
                CarrierView.getEntityManager().clear();
            }
        };
    }

    /** trip_view and transport_request from the trip and transport-request streams; plain SQL. */
    @Produces
    @Singleton
    RebuildableProjection trips(TripProjector projector, ObjectMapper json) {
        EventCodec<TripEvent> trips = new EventCodec<>(TripEvent.class, json);
        EventCodec<TransportRequestEvent> requests = new EventCodec<>(TransportRequestEvent.class, json);
        List<RebuildableProjection.Table> tables = List.of(
                new RebuildableProjection.Table("trip_view", "id"),
                new RebuildableProjection.Table("transport_request", "request_id"));
        return new RebuildableProjection() {
            @Override
            public String name() {
                return "trips";
            }

            @Override
            public List<Table> tables() {
                return tables;
            }

            @Override
            public List<String> streamTypes() {
                return List.of(Trip.STREAM_TYPE, TransportRequest.STREAM_TYPE);
            }

            @Override
            public void apply(Connection c, StoredEvent e) {
                if (e.streamType().equals(Trip.STREAM_TYPE)) {
                    projector.trip(c, idOf(e), e, trips.decode(e.type(), e.payload()));
                } else {
                    projector.request(c, idOf(e), e, requests.decode(e.type(), e.payload()));
                }
            }
        };
    }
}
