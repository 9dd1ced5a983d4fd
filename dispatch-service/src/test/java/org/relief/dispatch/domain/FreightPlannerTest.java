package org.relief.dispatch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.TimeWindow;

class FreightPlannerTest {
    static final Instant NOW = Instant.parse("2021-12-24T08:00:00Z");
    static final Instant END = NOW.plusSeconds(4 * 3600);

    static VehicleCandidate vehicle(String plate, VehicleKind kind, String payload, String volume, String district) {
        return new VehicleCandidate(
                "v-" + plate,
                "c1",
                "org",
                kind,
                plate,
                new BigDecimal(payload),
                new BigDecimal(volume),
                false,
                district,
                "王师傅",
                "13800138000",
                true,
                List.of());
    }

    /** units of 10 kg and 0.05 m³ each */
    static TripLine rice(int units) {
        return Loads.line("rice-10kg", "bag", BigDecimal.valueOf(units), new BigDecimal("10"), new BigDecimal("0.05"));
    }

    @Test
    void theSmallestVehicleThatCarriesTheWholeLoadTakesIt() {
        var big = vehicle("陕A00001", VehicleKind.TRUCK, "8000", "30", "长安区");
        var small = vehicle("陕A00002", VehicleKind.VAN, "1500", "8", "长安区");
        var tiny = vehicle("陕A00003", VehicleKind.VAN, "500", "3", "长安区");
        List<FreightPlanner.Part> plan =
                FreightPlanner.plan(List.of(rice(100)), "雁塔区", List.of(big, small, tiny), NOW, END);
        assertEquals(1, plan.size());
        assertEquals(small, plan.get(0).vehicle(), "1000 kg: the 1500 kg van, not the truck, not the 500 kg van");
        assertEquals(
                0, new BigDecimal("100").compareTo(plan.get(0).lines().get(0).quantity()));
        assertTrue(
                plan.get(0).explanation().stream().anyMatch(e -> e.startsWith("capacity:")),
                plan.get(0).explanation().toString());
    }

    @Test
    void aVehicleOfTheWarehouseDistrictIsPreferredEvenIfLarger() {
        var local = vehicle("陕A00001", VehicleKind.TRUCK, "8000", "30", "雁塔区");
        var smallElsewhere = vehicle("陕A00002", VehicleKind.VAN, "1500", "8", "长安区");
        var plan = FreightPlanner.plan(List.of(rice(100)), "雁塔区", List.of(smallElsewhere, local), NOW, END);
        assertEquals(local, plan.get(0).vehicle());
        assertTrue(plan.get(0).explanation().stream().anyMatch(e -> e.contains("the warehouse's district")));
    }

    @Test
    void taxisUnavailableVehiclesAndVehiclesOutsideTheirWindowsAreNotUsed() {
        var taxi = vehicle("陕A00001", VehicleKind.TAXI, "8000", "30", "雁塔区");
        var off = new VehicleCandidate(
                "v-off",
                "c1",
                "org",
                VehicleKind.TRUCK,
                "陕A00002",
                new BigDecimal("8000"),
                new BigDecimal("30"),
                false,
                "雁塔区",
                null,
                null,
                false,
                List.of());
        var windowTooShort = new VehicleCandidate(
                "v-w",
                "c1",
                "org",
                VehicleKind.TRUCK,
                "陕A00003",
                new BigDecimal("8000"),
                new BigDecimal("30"),
                false,
                "雁塔区",
                null,
                null,
                true,
                List.of(new TimeWindow(NOW, NOW.plusSeconds(3600))));
        var plan = FreightPlanner.plan(List.of(rice(10)), "雁塔区", List.of(taxi, off, windowTooShort), NOW, END);
        assertEquals(1, plan.size());
        assertTrue(plan.get(0).queued());
        assertTrue(
                plan.get(0).queueReason().en().contains("no truck or van"),
                plan.get(0).queueReason().en());
    }

    @Test
    void aLoadNoSingleVehicleCarriesIsSplitLargestFirstInWholeUnits() {
        var t1 = vehicle("陕A00001", VehicleKind.TRUCK, "1000", "30", "长安区");
        var t2 = vehicle("陕A00002", VehicleKind.TRUCK, "800", "30", "长安区");
        var van = vehicle("陕A00003", VehicleKind.VAN, "300", "30", "长安区");
        // 1,500 kg: the 1000 kg truck takes 100 bags, then the rest (500 kg) fits the 800 kg truck (smallest that fits)
        var plan = FreightPlanner.plan(List.of(rice(150)), "雁塔区", List.of(van, t2, t1), NOW, END);
        assertEquals(2, plan.size());
        assertEquals(t1, plan.get(0).vehicle());
        assertEquals(
                0, new BigDecimal("100").compareTo(plan.get(0).lines().get(0).quantity()));
        assertEquals(t2, plan.get(1).vehicle());
        assertEquals(
                0, new BigDecimal("50").compareTo(plan.get(1).lines().get(0).quantity()));
        assertTrue(
                plan.get(0).explanation().stream().anyMatch(e -> e.startsWith("split:")),
                plan.get(0).explanation().toString());
        assertTrue(plan.get(1).explanation().stream().anyMatch(e -> e.startsWith("split:")));
    }

    @Test
    void volumeCountsAsMuchAsWeightAndOneItemMaySpanVehicles() {
        // masks: light but bulky; 2 vans of 2 m³ each, 3 m³ of masks
        TripLine masks =
                Loads.line("n95-mask", "box", new BigDecimal("30"), new BigDecimal("1"), new BigDecimal("0.1"));
        var a = vehicle("陕A00001", VehicleKind.VAN, "1000", "2", "雁塔区");
        var b = vehicle("陕A00002", VehicleKind.VAN, "1000", "2", "雁塔区");
        var plan = FreightPlanner.plan(List.of(masks), "雁塔区", List.of(a, b), NOW, END);
        assertEquals(2, plan.size());
        assertEquals(
                0, new BigDecimal("20").compareTo(plan.get(0).lines().get(0).quantity()));
        assertEquals(
                0, new BigDecimal("10").compareTo(plan.get(1).lines().get(0).quantity()));
    }

    @Test
    void whatNoFreeVehicleCanTakeIsQueuedWithTheReason() {
        var t1 = vehicle("陕A00001", VehicleKind.TRUCK, "1000", "30", "长安区");
        var plan = FreightPlanner.plan(List.of(rice(150)), "雁塔区", List.of(t1), NOW, END);
        assertEquals(2, plan.size());
        assertEquals(t1, plan.get(0).vehicle());
        assertTrue(plan.get(1).queued());
        assertNull(plan.get(1).vehicle());
        assertEquals(
                0, new BigDecimal("50").compareTo(plan.get(1).lines().get(0).quantity()));
        assertTrue(
                plan.get(1).queueReason().zh().contains("500 公斤"),
                plan.get(1).queueReason().zh());
    }

    @Test
    void noVehicleAtAllQueuesTheWholeLoad() {
        var plan = FreightPlanner.plan(List.of(rice(1)), "雁塔区", List.of(), NOW, END);
        assertEquals(1, plan.size());
        assertTrue(plan.get(0).queued());
    }

    @Test
    void anItemWithoutWeightIsPlannedWeightlessAndSaysSo() {
        TripLine unknown = Loads.line("donated-blankets", "piece", new BigDecimal("500"), null, null);
        var van = vehicle("陕A00001", VehicleKind.VAN, "100", "1", "雁塔区");
        var plan = FreightPlanner.plan(List.of(unknown), "雁塔区", List.of(van), NOW, END);
        assertEquals(van, plan.get(0).vehicle());
        assertTrue(
                plan.get(0).explanation().stream().anyMatch(e -> e.contains("weightless")),
                plan.get(0).explanation().toString());
    }
}
