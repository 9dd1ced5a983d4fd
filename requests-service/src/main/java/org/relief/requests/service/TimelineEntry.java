package org.relief.requests.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One step in a request's story: what happened, when, who acted, and what caused it. */
public record TimelineEntry(long version, String event, Instant at, String actor, String organisationId,
                            String causedBy, JsonNode details) {
}
