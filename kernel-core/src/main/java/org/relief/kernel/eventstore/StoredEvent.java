package org.relief.kernel.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.relief.kernel.envelope.EventContext;

/** An event as committed in the store, with its place in its stream and in the global order. */
public record StoredEvent(
        long globalPosition,
        long txId,
        String streamId,
        String streamType,
        long version,
        UUID eventId,
        String type,
        int schemaVersion,
        JsonNode payload,
        Instant occurredAt,
        EventContext context) {

    public GlobalCursor cursor() {
        return new GlobalCursor(txId, globalPosition);
    }
}
