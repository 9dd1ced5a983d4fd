package org.relief.dispatch.domain;

import java.util.Locale;
import org.relief.kernel.domain.RuleViolation;

/** The request's priority; the queue serves CRITICAL before HIGH before NORMAL. */
public enum Priority {
    CRITICAL,
    HIGH,
    NORMAL;

    /** Lenient: a priority this service does not know waits like NORMAL rather than losing the trip. */
    public static Priority of(String raw) {
        if (raw == null) {
            return NORMAL;
        }
        try {
            return valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return NORMAL;
        }
    }

    /**
     * Strict, for a correction: ops chose this priority on purpose, so one this service does not know is refused (the
     * consumer parks the event) rather than read as NORMAL.
     */
    public static Priority strict(String raw) {
        if (raw != null) {
            for (Priority p : values()) {
                if (p.name().equals(raw.strip().toUpperCase(Locale.ROOT))) {
                    return p;
                }
            }
        }
        throw RuleViolation.invalid(Texts.of("priority.unknown", raw));
    }

    public int rank() {
        return ordinal();
    }
}
