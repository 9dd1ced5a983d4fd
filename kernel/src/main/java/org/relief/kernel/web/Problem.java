package org.relief.kernel.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem details. {@code type} is a stable URI per kind of problem that clients can switch on;
 * {@code title} and {@code detail} are in the language of the request (English or Chinese).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://relief-logistics.org/problems/";

    /** One rejected field: its JSON path in the request and why. */
    public record FieldError(String field, String message) {}
}
