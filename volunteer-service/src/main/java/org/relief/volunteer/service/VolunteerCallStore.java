package org.relief.volunteer.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.volunteer.domain.VolunteerCall;
import org.relief.volunteer.domain.VolunteerCallEvent;
import org.relief.volunteer.projection.CallProjector;
import org.relief.volunteer.publishing.VolunteerCallPublisher;

/**
 * Loads and saves volunteer calls (streams {@code volunteer-call-<id>}): a save appends the new events, projects them
 * and enqueues their integration events, all on the caller's connection, so they commit together.
 */
@ApplicationScoped
public class VolunteerCallStore {
    /** the actor on events the service causes itself (saga steps, waitlist top-ups) */
    public static final String ACTOR = "volunteer-service";

    private final EventStore eventStore;
    private final CallProjector projector;
    private final VolunteerCallPublisher publisher;
    private final EventCodec<VolunteerCallEvent> codec;

    public VolunteerCallStore(
            EventStore eventStore, CallProjector projector, VolunteerCallPublisher publisher, ObjectMapper json) {
        this.eventStore = eventStore;
        this.projector = projector;
        this.publisher = publisher;
        this.codec = new EventCodec<>(VolunteerCallEvent.class, json);
    }

    /** A repository whose projection writes on the same connection as the append. */
    private EventSourcedRepository<VolunteerCall, VolunteerCallEvent> calls(Connection c) {
        return new EventSourcedRepository<>(
                eventStore,
                VolunteerCall.STREAM_TYPE,
                codec,
                VolunteerCall::new,
                (id, stored, event) -> projector.project(c, id, stored, event));
    }

    public Optional<VolunteerCall> load(Connection c, String callId) {
        return calls(c).load(c, callId);
    }

    /** Whether the call's stream has any event: a derived call id opened before. */
    boolean exists(Connection c, String callId) {
        return eventStore.currentVersion(c, calls(c).streamId(callId)) > 0;
    }

    /** Appends the call's new events (projected on {@code c}) and writes their integration events to the outbox. */
    void save(Connection c, VolunteerCall call, EventContext ctx) throws SQLException {
        int holding =
                CallQueries.call(c, call.id()).map(CallViews.Call::assigned).orElse(0);
        var repository = calls(c);
        List<VolunteerCallEvent> saved = new ArrayList<>();
        for (StoredEvent stored : repository.save(c, call, ctx)) {
            saved.add(repository.decode(stored));
        }
        publisher.publish(c, call, saved, holding, ctx);
    }

    /** The call's stored events, oldest first. */
    List<StoredEvent> history(Connection c, String callId) {
        return calls(c).history(c, callId);
    }
}
