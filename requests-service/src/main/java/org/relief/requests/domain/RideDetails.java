package org.relief.requests.domain;

import java.time.Instant;
import java.util.List;

/** A ride for one person (an exam candidate, a patient) from a pickup to a drop-off within a time window. */
public record RideDetails(
        String passengerName,
        String passengerPhone,
        String pickupAddress,
        String pickupDistrict,
        String dropoffAddress,
        String dropoffDistrict,
        Instant windowStart,
        Instant windowEnd,
        List<Accessibility> accessibility) {}
