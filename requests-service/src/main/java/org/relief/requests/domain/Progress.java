package org.relief.requests.domain;

import java.math.BigDecimal;
import java.util.Collection;

/** How far one quantity has come against what was requested. */
public enum Progress {
    NONE,
    PARTIAL,
    COMPLETE;

    public static Progress of(BigDecimal done, BigDecimal requested) {
        if (done.signum() <= 0) {
            return NONE;
        }
        return done.compareTo(requested) >= 0 ? COMPLETE : PARTIAL;
    }

    /** Overall progress of several lines: complete only if all are, none only if none has started. */
    public static Progress overall(Collection<Progress> parts) {
        if (parts.isEmpty() || parts.stream().allMatch(p -> p == NONE)) {
            return NONE;
        }
        return parts.stream().allMatch(p -> p == COMPLETE) ? COMPLETE : PARTIAL;
    }
}
