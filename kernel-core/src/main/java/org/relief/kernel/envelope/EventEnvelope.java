package org.relief.kernel.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** An integration event as read from Kafka: the CloudEvents attributes plus the JSON payload. */
public record EventEnvelope(
        UUID id,
        String type,
        int schemaVersion,
        String source,
        String subject,
        Instant time,
        String correlationId,
        String causationId,
        String organisationId,
        String traceparent,
        JsonNode data) {}
