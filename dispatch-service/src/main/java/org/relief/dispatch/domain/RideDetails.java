package org.relief.dispatch.domain;

import java.time.Instant;
import java.util.List;

/**
 * The ride a RIDE request asks for, as the request submitted it: one passenger from a pickup to a drop-off within a
 * time window. Stored inside transport-request events: its field names are the stored JSON's.
 */
public record RideDetails(
        String passengerName,
        String passengerPhone,
        String pickupAddress,
        String pickupDistrict,
        String dropoffAddress,
        String dropoffDistrict,
        Instant windowStart,
        Instant windowEnd,
        List<String> accessibility) {}
