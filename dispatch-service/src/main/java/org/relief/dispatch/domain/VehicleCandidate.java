package org.relief.dispatch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.relief.kernel.domain.TimeWindow;

/** A vehicle as the planners see it: capacity, place, and when it may be dispatched. */
public record VehicleCandidate(
        String vehicleId,
        String carrierId,
        String organisationId,
        VehicleKind kind,
        String plate,
        BigDecimal payloadKg,
        BigDecimal volumeM3,
        boolean wheelchairAccessible,
        String homeDistrict,
        String driverName,
        String driverPhone,
        boolean available,
        List<TimeWindow> windows) {

    /** Without windows a vehicle may be dispatched any time; with windows, one of them must cover the whole period. */
    public boolean dispatchableFor(Instant start, Instant end) {
        if (!available) {
            return false;
        }
        if (windows == null || windows.isEmpty()) {
            return true;
        }
        return windows.stream().anyMatch(w -> !w.from().isAfter(start) && !w.to().isBefore(end));
    }

    /** Whether the vehicle is based in {@code district} (the planners prefer one that is). */
    public boolean basedIn(String district) {
        return district != null && java.util.Objects.equals(homeDistrict, district.strip());
    }

    public VehicleBooking booking(Instant windowStart, Instant windowEnd) {
        return new VehicleBooking(
                vehicleId, plate, kind, carrierId, organisationId, driverName, driverPhone, windowStart, windowEnd);
    }

    public String describe() {
        return plate + " (" + kind + ", " + payloadKg.stripTrailingZeros().toPlainString() + " kg, "
                + volumeM3.stripTrailingZeros().toPlainString() + " m³, home " + homeDistrict + ")";
    }
}
