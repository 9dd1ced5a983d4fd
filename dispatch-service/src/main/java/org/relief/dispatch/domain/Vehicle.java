package org.relief.dispatch.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.domain.TimeWindow;
import org.relief.kernel.eventstore.AggregateRoot;
import org.relief.kernel.personaldata.Sealer;

/** A truck, van or taxi of a carrier: its capacity, whether it can be dispatched now, and when. */
public final class Vehicle extends AggregateRoot<VehicleEvent> {
    public static final BigDecimal MAX_PAYLOAD_KG = new BigDecimal("60000");
    public static final BigDecimal MAX_VOLUME_M3 = new BigDecimal("200");
    public static final int MAX_SEATS = 60;
    public static final int MAX_WINDOWS = 50;
    /** province character, city letter, then 5 (ordinary) or 6 (new-energy) characters; the last may be 挂/学/警 etc. */
    private static final Pattern PLATE = Pattern.compile("^\\p{IsHan}[A-Z][A-Z0-9]{4,5}[A-Z0-9挂学警港澳领]$");

    private String vehicleId;
    private boolean available;
    private boolean driverDataErased;
    private List<TimeWindow> windows = List.of();

    public record Spec(
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
            String driverPhone) {}

    /**
     * "陕A·12345", "陕a 12345" and "陕A12345" are one plate: the separator dot and spaces go, letters are upper case.
     * Null if what remains is not a plate.
     */
    public static String normalisePlate(String raw) {
        if (raw == null) {
            return null;
        }
        String p = raw.replaceAll("[·•・.\\s\\-]", "").toUpperCase(Locale.ROOT);
        return PLATE.matcher(p).matches() ? p : null;
    }

    /**
     * A new vehicle with the given id. Its driver's name and phone are stored only as {@code seal} makes them (sealed
     * under the vehicle's own data key: the driver is the vehicle's data subject), so erasing that key erases them.
     */
    public static Vehicle register(String vehicleId, Spec s, Clock clock, Sealer seal) {
        if (s.carrierId() == null || s.organisationId() == null) {
            throw RuleViolation.invalid(Texts.of("vehicle.carrier-required"));
        }
        if (s.kind() == null) {
            throw RuleViolation.invalid(Texts.of("vehicle.kind-required"));
        }
        String plate = normalisePlate(s.plate());
        if (plate == null) {
            throw RuleViolation.invalid(Texts.of("vehicle.plate-invalid", s.plate()));
        }
        if (s.payloadKg() == null
                || s.payloadKg().signum() <= 0
                || s.payloadKg().compareTo(MAX_PAYLOAD_KG) > 0) {
            throw RuleViolation.invalid(Texts.of("vehicle.payload-range"));
        }
        if (s.volumeM3() == null || s.volumeM3().signum() <= 0 || s.volumeM3().compareTo(MAX_VOLUME_M3) > 0) {
            throw RuleViolation.invalid(Texts.of("vehicle.volume-range"));
        }
        if (s.seats() < 1 || s.seats() > MAX_SEATS) {
            throw RuleViolation.invalid(Texts.of("vehicle.seats-range"));
        }
        if (s.homeDistrict() == null || s.homeDistrict().isBlank()) {
            throw RuleViolation.invalid(Texts.of("vehicle.home-district-required"));
        }
        Vehicle v = new Vehicle();
        v.raise(new VehicleEvent.Registered(
                vehicleId,
                s.carrierId(),
                s.organisationId(),
                s.kind(),
                plate,
                s.payloadKg(),
                s.volumeM3(),
                s.seats(),
                s.wheelchairAccessible(),
                s.homeDistrict().strip(),
                seal.seal(vehicleId, strip(s.driverName())),
                seal.seal(vehicleId, strip(s.driverPhone())),
                clock.instant()));
        return v;
    }

    /**
     * On or off duty (breakdown, driver resting): whether it may be dispatched at all, stored as AvailabilityChanged.
     * Saying what it already is, is a conflict. (When it may be dispatched is its windows: {@link #setWindows}.)
     */
    public void setOnDuty(boolean nowAvailable, String reason, Clock clock) {
        if (nowAvailable == available) {
            throw RuleViolation.conflict(
                    Texts.of(available ? "vehicle.already-available" : "vehicle.already-unavailable", vehicleId));
        }
        raise(new VehicleEvent.AvailabilityChanged(vehicleId, nowAvailable, strip(reason), clock.instant()));
    }

    /**
     * Records that the driver's name and phone were erased (the vehicle's key deleted). Only while the vehicle is off
     * duty and carries nothing ({@code carriesTrips}: a scheduled or picked-up trip still needs its driver). Returns
     * false, raising nothing, when erased before.
     */
    public boolean eraseDriverData(String reason, String erasedBy, boolean carriesTrips, Clock clock) {
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            throw RuleViolation.invalid(Texts.of("vehicle.erasure-reason"));
        }
        if (available || carriesTrips) {
            throw RuleViolation.conflict(Texts.of("vehicle.erasure-while-active", vehicleId));
        }
        if (driverDataErased) {
            return false;
        }
        raise(new VehicleEvent.DriverDataErased(vehicleId, reason.strip(), erasedBy, clock.instant()));
        return true;
    }

    /**
     * Replaces the dispatch windows (when an on-duty vehicle may be dispatched); each must start before it ends and
     * none may overlap (touching is fine).
     */
    public void setWindows(List<TimeWindow> requested, Clock clock) {
        List<TimeWindow> sorted = TimeWindow.validated(requested, MAX_WINDOWS);
        // the same set again changes nothing, so it is no event
        if (!sorted.equals(windows)) {
            raise(new VehicleEvent.WindowsSet(vehicleId, List.copyOf(sorted), clock.instant()));
        }
    }

    @Override
    protected void apply(VehicleEvent event) {
        if (event instanceof VehicleEvent.Registered r) {
            vehicleId = r.vehicleId();
            available = true;
        } else if (event instanceof VehicleEvent.AvailabilityChanged a) {
            available = a.available();
        } else if (event instanceof VehicleEvent.WindowsSet w) {
            windows = w.windows();
        } else if (event instanceof VehicleEvent.DriverDataErased) {
            driverDataErased = true;
        }
    }

    @Override
    public String id() {
        return vehicleId;
    }

    public boolean available() {
        return available;
    }

    public List<TimeWindow> windows() {
        return windows;
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
