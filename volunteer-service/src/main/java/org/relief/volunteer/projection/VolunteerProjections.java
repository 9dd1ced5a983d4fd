package org.relief.volunteer.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.projection.RebuildableProjection;
import org.relief.volunteer.domain.VolunteerCall;
import org.relief.volunteer.domain.VolunteerCallEvent;
import org.relief.volunteer.domain.VolunteerEvent;

/**
 * The volunteer service's read models as rebuildable projections (kernel {@code /ops/projections}), applying the
 * stored events with the codecs and projectors of the append path; every column comes from the events.
 * {@code volunteer_booking} is not a projection (the assigning transaction writes it; its exclusion constraint keeps a
 * volunteer from being booked twice) and is not emptied or compared. The call projector deletes the booking of an
 * assignment that ended; replayed, that delete finds nothing (assignment ids are never reused), so live bookings stay.
 */
@ApplicationScoped
public class VolunteerProjections {

    private static String idOf(StoredEvent e) {
        return e.streamId().substring(e.streamType().length() + 1);
    }

    /** volunteer_view and its volunteer_window rows (windows first: they reference the volunteer). */
    @Produces
    @Singleton
    RebuildableProjection volunteers(VolunteerProjector projector, ObjectMapper json) {
        EventCodec<VolunteerEvent> codec = new EventCodec<>(VolunteerEvent.class, json);
        List<RebuildableProjection.Table> tables = List.of(
                new RebuildableProjection.Table("volunteer_window", "volunteer_id, from_at"),
                new RebuildableProjection.Table("volunteer_view", "id"));
        return new RebuildableProjection() {
            @Override
            public String name() {
                return "volunteers";
            }

            @Override
            public List<Table> tables() {
                return tables;
            }

            @Override
            public List<String> streamTypes() {
                return List.of("volunteer");
            }

            @Override
            public void apply(Connection c, StoredEvent e) {
                projector.volunteer(idOf(e), e, codec.decode(e.type(), e.payload()));
            }

            @Override
            public void flush() {
                VolunteerView.getEntityManager().flush();
                VolunteerView.getEntityManager().clear();
            }
        };
    }

    /** volunteer_call_view and volunteer_assignment_view (assignments first: they reference the call); plain SQL. */
    @Produces
    @Singleton
    RebuildableProjection calls(CallProjector projector, ObjectMapper json) {
        EventCodec<VolunteerCallEvent> codec = new EventCodec<>(VolunteerCallEvent.class, json);
        List<RebuildableProjection.Table> tables = List.of(
                new RebuildableProjection.Table("volunteer_assignment_view", "id"),
                new RebuildableProjection.Table("volunteer_call_view", "id"));
        return new RebuildableProjection() {
            @Override
            public String name() {
                return "calls";
            }

            @Override
            public List<Table> tables() {
                return tables;
            }

            @Override
            public List<String> streamTypes() {
                return List.of(VolunteerCall.STREAM_TYPE);
            }

            @Override
            public void apply(Connection c, StoredEvent e) {
                projector.project(c, idOf(e), e, codec.decode(e.type(), e.payload()));
            }
        };
    }
}
