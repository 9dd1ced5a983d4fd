package org.relief.dispatch.domain;

import java.time.Instant;

/**
 * The vehicle a trip is booked on, copied onto the trip so that the trip's story stays true if the vehicle changes
 * later. {@code windowEnd} is the planned end; the booking itself lasts until the trip ends (see VehicleBookings).
 */
public record Assignment(String vehicleId, String plate, VehicleKind vehicleKind, String carrierId,
                         String organisationId, String driverName, String driverPhone, Instant windowStart,
                         Instant windowEnd) {
}
