package org.relief.volunteer.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.relief.kernel.domain.RuleViolation;

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
            throw RuleViolation.invalid(name + " must be one of " + known, name + " 必须是以下之一：" + known);
        }
    }

    static Instant instant(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw RuleViolation.invalid(
                    name + " must be an instant such as 2026-12-01T08:00:00Z",
                    name + " 必须是时间点，例如 2026-12-01T08:00:00Z");
        }
    }

    static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}
