package org.relief.volunteer.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.util.List;
import org.relief.kernel.eventstore.StoredEvent;

/** A volunteer call's event history, for its timeline. */
@ApplicationScoped
public class VolunteerCallHistory {
    private final VolunteerCallStore calls;

    public VolunteerCallHistory(VolunteerCallStore calls) {
        this.calls = calls;
    }

    /** The call's stored events, oldest first. */
    public List<StoredEvent> of(Connection c, String callId) {
        return calls.history(c, callId);
    }
}
