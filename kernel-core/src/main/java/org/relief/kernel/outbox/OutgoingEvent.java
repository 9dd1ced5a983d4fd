package org.relief.kernel.outbox;

import java.time.Instant;
import java.util.UUID;
import org.relief.kernel.envelope.EventContext;

/**
 * An integration event for another service.
 *
 * @param key     the Kafka record key: all events of one help request share it, so they stay in order
 * @param subject the CloudEvents subject (the aggregate the event is about)
 */
public record OutgoingEvent(
        UUID eventId,
        String topic,
        String key,
        String type,
        int schemaVersion,
        String subject,
        Instant time,
        Object payload,
        EventContext context) {

    public static OutgoingEvent of(
            String topic,
            String key,
            String type,
            int schemaVersion,
            String subject,
            Object payload,
            EventContext context) {
        return new OutgoingEvent(
                UUID.randomUUID(), topic, key, type, schemaVersion, subject, Instant.now(), payload, context);
    }
}
