package org.relief.kernel.eventstore;

import java.time.Instant;
import java.util.UUID;

/** An event about to be appended; the payload is serialised to JSON by the store. */
public record NewEvent(UUID eventId, String type, int schemaVersion, Object payload, Instant occurredAt) {
    public static NewEvent of(String type, int schemaVersion, Object payload) {
        return new NewEvent(UUID.randomUUID(), type, schemaVersion, payload, Instant.now());
    }
}
