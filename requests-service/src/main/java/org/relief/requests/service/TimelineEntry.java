package org.relief.requests.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One step in a request's story: what happened, when it happened in the service that took it ({@code at}), when
 * requests-service recorded it ({@code recordedAt}), who acted, what caused it (the id of the event or command that led
 * to it, in whichever service), and a readable explanation in English and Chinese. {@code version} is the step's place
 * in the request's stream (the order requests-service heard of the steps).
 */
public record TimelineEntry(
        long version,
        String event,
        Instant at,
        Instant recordedAt,
        String actor,
        String organisationId,
        String causedBy,
        String explanation,
        String explanationZh,
        @Schema(
                        type = SchemaType.OBJECT,
                        implementation = Object.class,
                        description = "the event's recorded fields; which ones depends on the event type",
                        nullable = true)
                JsonNode details) {

    /** {@code at} falls back to {@code recordedAt} for a step without a time of its own. */
    public TimelineEntry {
        at = at == null ? recordedAt : at;
    }

    /**
     * The timeline in the order things happened: by {@code at}, steps that happened at the same instant in stream
     * order ({@code version}), so the order is stable. Events of one request arrive on four topics, so the stream
     * order alone can put a trip before the allocation it carries.
     */
    public static List<TimelineEntry> inOrderOfOccurrence(List<TimelineEntry> entries) {
        return entries.stream()
                .sorted(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparingLong(TimelineEntry::version))
                .toList();
    }
}
