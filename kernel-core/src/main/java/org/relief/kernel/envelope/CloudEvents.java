package org.relief.kernel.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes travel as {@code ce_*} headers, the record
 * value is the JSON data. Our extensions: {@code ce_schemaversion}, {@code ce_correlationid}, {@code ce_causationid},
 * {@code ce_organisationid}; W3C {@code traceparent} rides as its own header.
 */
public final class CloudEvents {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String SCHEMA_VERSION = "ce_schemaversion";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CAUSATION_ID = "ce_causationid";
    public static final String ORGANISATION_ID = "ce_organisationid";
    public static final String TRACEPARENT = "traceparent";

    private CloudEvents() {}

    /** The headers of one outgoing event, in the order written. Null attributes are left out. */
    public static Map<String, String> headers(
            UUID id,
            String type,
            int schemaVersion,
            String source,
            String subject,
            Instant time,
            EventContext context) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(SPEC_VERSION, "1.0");
        h.put(ID, id.toString());
        h.put(TYPE, type);
        h.put(SOURCE, source);
        putIfPresent(h, SUBJECT, subject);
        h.put(TIME, time.toString());
        h.put(CONTENT_TYPE, "application/json; charset=utf-8");
        h.put(SCHEMA_VERSION, Integer.toString(schemaVersion));
        h.put(DATA_SCHEMA, dataSchema(type, schemaVersion));
        putIfPresent(h, CORRELATION_ID, context.correlationId());
        putIfPresent(h, CAUSATION_ID, context.causationId());
        putIfPresent(h, ORGANISATION_ID, context.organisationId());
        putIfPresent(h, TRACEPARENT, context.traceparent());
        return h;
    }

    /**
     * The {@code $id} of the payload's JSON Schema: {@code docs/asyncapi/schemas/<type>.v<version>.json} carries it, and
     * the AsyncAPI document names the file for each type.
     */
    public static String dataSchema(String type, int schemaVersion) {
        return "urn:relief-logistics:events:" + type + ":v" + schemaVersion;
    }

    /**
     * Reads a record's headers and value into an envelope.
     *
     * @throws MalformedEventException when a required attribute is missing or the value is not JSON
     */
    public static EventEnvelope read(Headers headers, String value, ObjectMapper json) {
        String id = required(headers, ID);
        String type = required(headers, TYPE);
        String source = required(headers, SOURCE);
        if (!"1.0".equals(last(headers, SPEC_VERSION))) {
            throw new MalformedEventException("record " + id + " is not a CloudEvents 1.0 event (ce_specversion)");
        }
        String version = last(headers, SCHEMA_VERSION);
        String time = last(headers, TIME);
        JsonNode data;
        try {
            data = value == null ? null : json.readTree(value);
        } catch (Exception e) {
            throw new MalformedEventException(
                    "record " + id + " (" + type + ") has a value that is not JSON: " + e.getMessage());
        }
        try {
            return new EventEnvelope(
                    UUID.fromString(id),
                    type,
                    version == null ? 1 : Integer.parseInt(version),
                    source,
                    last(headers, SUBJECT),
                    time == null ? null : Instant.parse(time),
                    last(headers, CORRELATION_ID),
                    last(headers, CAUSATION_ID),
                    last(headers, ORGANISATION_ID),
                    last(headers, TRACEPARENT),
                    data);
        } catch (RuntimeException e) {
            throw new MalformedEventException(
                    "record " + id + " (" + type + ") has a malformed attribute: " + e.getMessage());
        }
    }

    private static String required(Headers headers, String name) {
        String v = last(headers, name);
        if (v == null || v.isBlank()) {
            throw new MalformedEventException("record has no " + name + " header: not a CloudEvent in binary mode");
        }
        return v;
    }

    public static String last(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void putIfPresent(Map<String, String> h, String k, String v) {
        if (v != null) {
            h.put(k, v);
        }
    }
}
