package org.relief.contracts.dispatch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A vehicle was booked for a trip. FREIGHT: reserved stock from one warehouse to the requesting community (a load
 * that no single vehicle carries is split into several trips, each its own event); RIDE: one passenger, one taxi.
 * Published by dispatch-service on {@code dispatch.events.v1}, key = requestId. Consumed by requests-service (status
 * transport scheduled, timeline) and volunteer-service (loading and hand-out calls for a FREIGHT trip).
 *
 * @param kind        FREIGHT or RIDE
 * @param lines       the load (FREIGHT; empty for a RIDE)
 * @param weightKg    total weight of the load (0 for a RIDE)
 * @param volumeM3    total volume of the load (0 for a RIDE)
 * @param windowStart when the vehicle is booked from (a ride: the start of its window)
 * @param windowEnd   when the booking is planned to end; the vehicle stays booked until the trip is finished
 * @param replanOf    the failed trip this one replaces, or null
 * @param explanation why this vehicle: distance from the warehouse or pickup, capacity, split, accessibility
 */
public record TripScheduled(
        String tripId,
        String requestId,
        String organisationId,
        String kind,
        String vehicleId,
        String plate,
        String vehicleKind,
        String carrierId,
        String driverName,
        String driverPhone,
        Place from,
        Place to,
        List<TripLine> lines,
        BigDecimal weightKg,
        BigDecimal volumeM3,
        Instant windowStart,
        Instant windowEnd,
        String replanOf,
        List<String> explanation,
        Instant scheduledAt) {
    public static final String TYPE = "TripScheduled";
    public static final int VERSION = 1;
    public static final String FREIGHT = "FREIGHT";
    public static final String RIDE = "RIDE";
}
