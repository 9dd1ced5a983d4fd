package org.relief.dispatch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.relief.kernel.domain.TimeWindow;

/** Everything that happens to a vehicle. */
public sealed interface VehicleEvent {

    /** A new vehicle is available from the start: it is registered to be dispatched. */
    record Registered(
            String vehicleId,
            String carrierId,
            String organisationId,
            VehicleKind kind,
            String plate,
            BigDecimal payloadKg,
            BigDecimal volumeM3,
            int seats,
            boolean wheelchairAccessible,
            String homeDistrict,
            String driverName,
            String driverPhone,
            Instant registeredAt)
            implements VehicleEvent {}

    record AvailabilityChanged(String vehicleId, boolean available, String reason, Instant changedAt)
            implements VehicleEvent {}

    /**
     * The driver's name and phone were erased: the vehicle's data key is deleted here and on every service
     * (crypto-shredding), so every sealed copy (trips, TripScheduled, requests' timelines) reads [erased].
     */
    record DriverDataErased(String vehicleId, String reason, String erasedBy, Instant erasedAt)
            implements VehicleEvent {}

    /** The complete set of windows, sorted by start; replaces the previous set. */
    record WindowsSet(String vehicleId, List<TimeWindow> windows, Instant setAt) implements VehicleEvent {}
}
