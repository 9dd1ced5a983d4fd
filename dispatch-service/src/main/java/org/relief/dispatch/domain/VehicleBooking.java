package org.relief.dispatch.domain;

import java.time.Instant;

/**
 * A vehicle booked on a trip (the trip's row in vehicle_booking), copied onto the trip so that the trip's story stays
 * true if the vehicle changes later. {@code windowEnd} is the planned end; the booking itself lasts until the trip
 * ends (see service.VehicleBookings). Stored as TripEvent.Scheduled's {@code vehicle}: its field names are the stored
 * JSON's.
 */
public record VehicleBooking(
        String vehicleId,
        String plate,
        VehicleKind vehicleKind,
        String carrierId,
        String organisationId,
        String driverName,
        String driverPhone,
        Instant windowStart,
        Instant windowEnd) {}
