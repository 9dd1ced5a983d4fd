package org.relief.dispatch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.domain.TimeWindow;

class VehicleTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);
    static final Instant T = Instant.parse("2026-12-01T08:00:00Z");

    static Vehicle.Spec spec(VehicleKind kind, String plate, String payloadKg, String volumeM3, int seats) {
        return new Vehicle.Spec(
                "carrier-1",
                "org-1",
                kind,
                plate,
                new BigDecimal(payloadKg),
                new BigDecimal(volumeM3),
                seats,
                false,
                "雁塔区",
                "王师傅",
                "13800138000");
    }

    /** Driver fields left as written (sealing is tested in {@link #theDriverIsStoredOnlySealedAndErasedOnceOffDutyAndIdle}). */
    static Vehicle register(Vehicle.Spec spec, java.time.Clock clock) {
        return Vehicle.register(java.util.UUID.randomUUID().toString(), spec, clock, (subject, text) -> text);
    }

    @Test
    void theDriverIsStoredOnlySealedAndErasedOnceOffDutyAndIdle() {
        Vehicle v = Vehicle.register(
                "veh-9",
                spec(VehicleKind.TAXI, "陕AT1234", "300", "1", 4),
                CLOCK,
                (subject, text) -> text == null ? null : "sealed(" + subject + "):" + text);
        VehicleEvent.Registered r = (VehicleEvent.Registered) v.pendingEvents().get(0);
        assertEquals("sealed(veh-9):王师傅", r.driverName());
        assertEquals("sealed(veh-9):13800138000", r.driverPhone());
        assertEquals("陕AT1234", r.plate(), "the plate identifies the vehicle, not the person");

        assertThrows(RuleViolation.class, () -> v.eraseDriverData("司机要求", "desk", false, CLOCK), "on duty");
        v.setOnDuty(false, "司机休息", CLOCK);
        assertThrows(RuleViolation.class, () -> v.eraseDriverData("司机要求", "desk", true, CLOCK), "still carrying");
        assertThrows(RuleViolation.class, () -> v.eraseDriverData(" ", "desk", false, CLOCK), "a reason is needed");
        assertTrue(v.eraseDriverData("司机要求", "desk", false, CLOCK));
        int events = v.pendingEvents().size();
        assertFalse(v.eraseDriverData("again", "ops", false, CLOCK));
        assertEquals(events, v.pendingEvents().size());
    }

    static Vehicle truck() {
        return register(spec(VehicleKind.TRUCK, "陕A·12345", "8000", "30", 2), CLOCK);
    }

    @Test
    void platesAreNormalisedWithoutDotAndSpacesInUpperCase() {
        assertEquals("陕A12345", Vehicle.normalisePlate("陕A·12345"));
        assertEquals("陕A12345", Vehicle.normalisePlate(" 陕a 12345 "));
        assertEquals("陕A12345", Vehicle.normalisePlate("陕A12345"));
        assertEquals("陕AD12345", Vehicle.normalisePlate("陕A·D12345"), "new-energy plates have six characters");
        assertEquals("陕A1234挂", Vehicle.normalisePlate("陕A·1234挂"));
        assertNull(Vehicle.normalisePlate("AB12345"), "a plate starts with the province character");
        assertNull(Vehicle.normalisePlate("陕A123"));
        assertNull(Vehicle.normalisePlate("陕A1234567"));
        assertNull(Vehicle.normalisePlate(null));
    }

    @Test
    void registrationRaisesOneEventWithTheNormalisedPlateAndStartsAvailable() {
        Vehicle v = truck();
        assertEquals(1, v.pendingEvents().size());
        VehicleEvent.Registered r = assertInstanceOf(
                VehicleEvent.Registered.class, v.pendingEvents().get(0));
        assertEquals("陕A12345", r.plate());
        assertEquals("雁塔区", r.homeDistrict());
        assertTrue(v.available());
    }

    @Test
    void limitsOfPayloadVolumeAndSeatsAreChecked() {
        assertThrows(RuleViolation.class, () -> register(spec(VehicleKind.TRUCK, "陕A12345", "0", "30", 2), CLOCK));
        assertThrows(
                RuleViolation.class, () -> register(spec(VehicleKind.TRUCK, "陕A12345", "60000.1", "30", 2), CLOCK));
        assertThrows(RuleViolation.class, () -> register(spec(VehicleKind.TRUCK, "陕A12345", "100", "0", 2), CLOCK));
        assertThrows(RuleViolation.class, () -> register(spec(VehicleKind.TRUCK, "陕A12345", "100", "200.5", 2), CLOCK));
        assertThrows(RuleViolation.class, () -> register(spec(VehicleKind.TRUCK, "陕A12345", "100", "30", 0), CLOCK));
        assertThrows(RuleViolation.class, () -> register(spec(VehicleKind.TRUCK, "陕A12345", "100", "30", 61), CLOCK));
        assertThrows(
                RuleViolation.class, () -> register(spec(VehicleKind.TRUCK, "not a plate", "100", "30", 2), CLOCK));
        // the extremes are allowed, and a taxi carries little
        register(spec(VehicleKind.TRUCK, "陕A12345", "60000", "200", 60), CLOCK);
        register(spec(VehicleKind.TAXI, "陕AT1234", "0.5", "0.3", 4), CLOCK);
    }

    @Test
    void availabilityTogglesAndSayingTheSameTwiceIsAConflict() {
        Vehicle v = truck();
        RuleViolation same = assertThrows(RuleViolation.class, () -> v.setOnDuty(true, null, CLOCK));
        assertTrue(same.isConflict());
        v.setOnDuty(false, "发动机故障", CLOCK);
        assertFalse(v.available());
        VehicleEvent.AvailabilityChanged a = assertInstanceOf(
                VehicleEvent.AvailabilityChanged.class, v.pendingEvents().get(1));
        assertEquals("发动机故障", a.reason());
        assertTrue(assertThrows(RuleViolation.class, () -> v.setOnDuty(false, "again", CLOCK))
                .isConflict());
        v.setOnDuty(true, "修好了", CLOCK);
        assertTrue(v.available());
        assertEquals(3, v.pendingEvents().size());
    }

    @Test
    void windowsAreSortedAndMayTouchButNotOverlap() {
        Vehicle v = truck();
        TimeWindow later = new TimeWindow(T.plusSeconds(7200), T.plusSeconds(10800));
        TimeWindow first = new TimeWindow(T, T.plusSeconds(7200));
        v.setWindows(List.of(later, first), CLOCK);
        assertEquals(List.of(first, later), v.windows());
        VehicleEvent.WindowsSet w = assertInstanceOf(
                VehicleEvent.WindowsSet.class, v.pendingEvents().get(1));
        assertEquals(List.of(first, later), w.windows());

        v.setWindows(List.of(first, later), CLOCK);
        assertEquals(2, v.pendingEvents().size(), "the same windows again are no event");

        TimeWindow overlapping = new TimeWindow(T.plusSeconds(3600), T.plusSeconds(9000));
        RuleViolation overlap =
                assertThrows(RuleViolation.class, () -> v.setWindows(List.of(first, overlapping), CLOCK));
        assertFalse(overlap.isConflict());
        assertTrue(overlap.message(true).contains("重叠"));
        assertThrows(
                RuleViolation.class,
                () -> v.setWindows(List.of(new TimeWindow(T, T)), CLOCK),
                "from must be before to");
        assertThrows(RuleViolation.class, () -> v.setWindows(List.of(new TimeWindow(T.plusSeconds(1), T)), CLOCK));
        assertThrows(RuleViolation.class, () -> v.setWindows(List.of(new TimeWindow(null, T)), CLOCK));

        v.setWindows(List.of(), CLOCK);
        assertTrue(v.windows().isEmpty(), "an empty list clears the windows");
    }

    @Test
    void atMostFiftyWindows() {
        Vehicle v = truck();
        java.util.List<TimeWindow> ws = new java.util.ArrayList<>();
        for (int i = 0; i < 51; i++) {
            ws.add(new TimeWindow(T.plusSeconds(3600L * i), T.plusSeconds(3600L * i + 1800)));
        }
        assertThrows(RuleViolation.class, () -> v.setWindows(ws, CLOCK));
        v.setWindows(ws.subList(0, 50), CLOCK);
        assertEquals(50, v.windows().size());
    }
}
