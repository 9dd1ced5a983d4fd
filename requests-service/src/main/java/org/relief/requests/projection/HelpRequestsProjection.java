package org.relief.requests.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.projection.RebuildableProjection;
import org.relief.requests.domain.HelpRequest;
import org.relief.requests.domain.HelpRequestEvent;

/**
 * {@code help_request_view} rebuilt from the {@code help-request} streams (kernel {@code /ops/projections}). Every
 * column comes from the request's own events (times from the event's occurredAt, never the clock), so nothing is
 * left out of the equality check. The saga metrics the live projector records are not recorded on a replay.
 */
@ApplicationScoped
public class HelpRequestsProjection implements RebuildableProjection {
    private final HelpRequestProjector projector;
    private final ObjectMapper json;

    private EventCodec<HelpRequestEvent> codec;

    @Inject
    public HelpRequestsProjection(HelpRequestProjector projector, ObjectMapper json) {
        this.projector = projector;
        this.json = json;
    }

    @PostConstruct
    void init() {
        codec = new EventCodec<>(HelpRequestEvent.class, json);
    }

    @Override
    public String name() {
        return "help-requests";
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table("help_request_view", "id"));
    }

    @Override
    public List<String> streamTypes() {
        return List.of(HelpRequest.STREAM_TYPE);
    }

    @Override
    public void apply(Connection c, StoredEvent stored) {
        String prefix = HelpRequest.STREAM_TYPE + "-";
        projector.replay(
                stored.streamId().substring(prefix.length()), stored, codec.decode(stored.type(), stored.payload()));
    }

    @Override
    public void flush() {
        HelpRequestView.getEntityManager().flush();
        HelpRequestView.getEntityManager().clear();
    }
}
