package org.relief.kernel.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What was wrong with a JSON body, said to a person: which key, what was expected, where in the text. Jackson's own
 * messages name Java classes and parser features ({@code java.math.BigDecimal}, {@code JsonReadFeature}), which tell
 * a partner's developer nothing they can fix.
 */
public final class JsonErrors {
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private JsonErrors() {}

    /** What is expected of a value of the failing field, or of the document when there is no field. */
    public static String explain(JsonProcessingException e, boolean zh) {
        if (e instanceof StrictJson.Refused refused) {
            return zh ? refused.zh : refused.en;
        }
        String original = String.valueOf(e.getOriginalMessage());
        String where = where(e.getLocation(), zh);
        Matcher dup = DUPLICATE.matcher(original);
        if (dup.find()) {
            return Messages.text(zh, "json.duplicate-key", dup.group(1), where);
        }
        if (original.startsWith("Trailing token")) {
            return Messages.text(zh, "json.trailing", where);
        }
        if (original.contains("end-of-input")) {
            return Messages.text(zh, "json.incomplete", where);
        }
        if (e instanceof MismatchedInputException m
                && m.getTargetType() != null
                && !(e instanceof InvalidFormatException f
                        && f.getTargetType() != null
                        && f.getTargetType().isEnum())) {
            return expected(m.getTargetType(), zh);
        }
        if (e instanceof InvalidFormatException f
                && f.getTargetType() != null
                && f.getTargetType().isEnum()) {
            String values = Arrays.stream(f.getTargetType().getEnumConstants())
                    .map(String::valueOf)
                    .collect(Collectors.joining(", "));
            return Messages.text(zh, "json.one-of", values);
        }
        if (e instanceof JsonMappingException) {
            return Messages.text(zh, "json.wrong-shape");
        }
        return Messages.text(zh, "json.invalid", where);
    }

    private static String expected(Class<?> type, boolean zh) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return Messages.text(zh, "json.expected.number");
        }
        if (type == Boolean.class || type == boolean.class) {
            return Messages.text(zh, "json.expected.boolean");
        }
        if (type == String.class) {
            return Messages.text(zh, "json.expected.text");
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return Messages.text(zh, "json.expected.list");
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return Messages.text(zh, "json.expected.time");
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return Messages.text(zh, "json.expected.object");
        }
        return Messages.text(zh, "json.expected.other");
    }

    private static String where(JsonLocation at, boolean zh) {
        if (at == null || at.getLineNr() < 1) {
            return "";
        }
        return Messages.text(zh, "json.where", at.getLineNr(), at.getColumnNr());
    }
}
