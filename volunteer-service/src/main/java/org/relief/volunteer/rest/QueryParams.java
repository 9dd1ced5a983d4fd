package org.relief.volunteer.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.relief.kernel.domain.RuleViolation;
import org.relief.volunteer.domain.Texts;

/** Query-parameter parsing shared by the call resources: blank is absent, anything else must parse. */
final class QueryParams {
    private QueryParams() {}

    static <E extends Enum<E>> String enumName(Class<E> type, String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip()).name();
        } catch (IllegalArgumentException e) {
            StringBuilder known = new StringBuilder();
            for (E v : type.getEnumConstants()) {
                known.append(known.isEmpty() ? "" : ", ").append(v.name());
            }
            throw RuleViolation.invalid(Texts.of("query.not-one-of", name, known));
        }
    }

    static Instant instant(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw RuleViolation.invalid(Texts.of("query.not-an-instant", name));
        }
    }

    static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}
