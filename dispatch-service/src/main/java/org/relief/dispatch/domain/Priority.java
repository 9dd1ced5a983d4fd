package org.relief.dispatch.domain;

import java.util.Locale;

/** The request's priority; the queue serves CRITICAL before HIGH before NORMAL. */
public enum Priority {
    CRITICAL, HIGH, NORMAL;

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

    public int rank() {
        return ordinal();
    }
}
