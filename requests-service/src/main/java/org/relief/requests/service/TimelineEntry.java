package org.relief.requests.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One step in a request's story: what happened, when, who acted, what caused it (the id of the event or command
 * that led to it, in whichever service), and a readable explanation in English and Chinese.
 */
public record TimelineEntry(long version, String event, Instant at, String actor, String organisationId,
                            String causedBy, String explanation, String explanationZh, JsonNode details) {
}
