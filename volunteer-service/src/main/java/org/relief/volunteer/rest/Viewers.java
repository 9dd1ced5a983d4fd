package org.relief.volunteer.rest;

import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.volunteer.service.Viewer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The caller as a {@link Viewer} of calls, and query-parameter parsing shared by the call resources. */
final class Viewers {
    private Viewers() {
    }

    static Viewer of(Caller caller) {
        if (caller.isOps()) {
            return Viewer.ops();
        }
        // a token with both roles acts as the coordinator: the wider view
        Viewer.Kind kind = caller.hasRole(Roles.VOLUNTEER_COORDINATOR) ? Viewer.Kind.COORDINATOR : Viewer.Kind.PARTNER;
        return new Viewer(kind, caller.organisationId());
    }

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
            throw RuleViolation.invalid(name + " must be an instant such as 2026-12-01T08:00:00Z",
                    name + " 必须是时间点，例如 2026-12-01T08:00:00Z");
        }
    }

    static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}
