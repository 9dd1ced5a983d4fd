package org.relief.dispatch.domain;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The ride a RIDE trip serves: when the passenger must be carried, from where, and what the taxi must offer. */
public record Ride(
        String passengerName,
        String pickupDistrict,
        Instant windowStart,
        Instant windowEnd,
        List<String> accessibility) {
    public static final String WHEELCHAIR = "WHEELCHAIR";

    public boolean needsWheelchair() {
        return accessibility != null
                && accessibility.stream()
                        .anyMatch(a -> a != null && WHEELCHAIR.equals(a.strip().toUpperCase(Locale.ROOT)));
    }
}
