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
            throw RuleViolation.invalid("a vehicle belongs to a carrier", "车辆必须属于某个承运方");
        }
        if (s.kind() == null) {
            throw RuleViolation.invalid("a vehicle needs a kind (TRUCK, VAN, TAXI)", "必须指明车辆类型 (TRUCK, VAN, TAXI)");
        }
        String plate = normalisePlate(s.plate());
        if (plate == null) {
            throw RuleViolation.invalid(
                    "plate " + s.plate() + " is not a Chinese licence plate such as 陕A·12345",
                    "车牌 " + s.plate() + " 不是有效的车牌号（例如 陕A·12345）");
        }
        if (s.payloadKg() == null
                || s.payloadKg().signum() <= 0
                || s.payloadKg().compareTo(MAX_PAYLOAD_KG) > 0) {
            throw RuleViolation.invalid("payload must be more than 0 and at most 60000 kg", "载重必须大于 0 且不超过 60000 公斤");
        }
        if (s.volumeM3() == null || s.volumeM3().signum() <= 0 || s.volumeM3().compareTo(MAX_VOLUME_M3) > 0) {
            throw RuleViolation.invalid("volume must be more than 0 and at most 200 m³", "容积必须大于 0 且不超过 200 立方米");
        }
        if (s.seats() < 1 || s.seats() > MAX_SEATS) {
            throw RuleViolation.invalid("seats must be 1 to 60", "座位数必须在 1 到 60 之间");
        }
        if (s.homeDistrict() == null || s.homeDistrict().isBlank()) {
            throw RuleViolation.invalid("a vehicle needs a home district", "车辆必须有所在区");
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
                    "vehicle " + vehicleId + " is already " + (available ? "available" : "unavailable"),
                    "车辆 " + vehicleId + " 已经是" + (available ? "可用" : "不可用") + "状态");
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
            throw RuleViolation.invalid(
                    "an erasure needs a reason of at most 500 characters", "删除个人信息必须说明原因（不超过 500 个字符）");
        }
        if (available || carriesTrips) {
            throw RuleViolation.conflict(
                    "vehicle " + vehicleId + " is on duty or still carries a trip: take it off duty "
                            + "and let its trips end first",
                    "车辆 " + vehicleId + " 仍在值班或仍有行程：请先停用并等行程结束");
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
