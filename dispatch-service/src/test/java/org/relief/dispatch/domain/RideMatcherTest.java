package org.relief.dispatch.domain;

import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.TimeWindow;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RideMatcherTest {
    static final Instant START = Instant.parse("2022-01-05T07:00:00Z");
    static final Instant END = START.plusSeconds(3600);

    static VehicleCandidate taxi(String plate, String district, boolean wheelchair, List<TimeWindow> windows) {
        return new VehicleCandidate("v-" + plate, "c1", "org", VehicleKind.TAXI, plate, new BigDecimal("0.5"),
                new BigDecimal("0.4"), wheelchair, district, "张师傅", "13900000000", true, windows);
    }

    static Ride ride(String district, List<String> accessibility) {
        return new Ride("考生", district, START, END, accessibility);
    }

    @Test
    void aTaxiOfThePickupDistrictComesFirst() {
        var a = taxi("陕A00001", "长安区", false, List.of());
        var b = taxi("陕A00002", "雁塔区", false, List.of());
        List<VehicleCandidate> ranked = RideMatcher.rank(List.of(a, b), ride("雁塔区", List.of()), id -> List.of());
        assertEquals(List.of(b, a), ranked);
        assertTrue(RideMatcher.explain(b, ride("雁塔区", List.of())).explanation().get(0).contains("pickup district"));
    }

    @Test
    void aWheelchairRideNeedsAnAccessibleTaxi() {
        var plain = taxi("陕A00001", "雁塔区", false, List.of());
        var accessible = taxi("陕A00002", "长安区", true, List.of());
        assertEquals(List.of(accessible), RideMatcher.rank(List.of(plain, accessible), ride("雁塔区", List.of("wheelchair")), id -> List.of()));
    }

    @Test
    void aBookingOverlappingTheWindowExcludesATaxiButADisjointOneDoesNot() {
        var busy = taxi("陕A00001", "雁塔区", false, List.of());
        var before = List.of(new TimeWindow(START.minusSeconds(3600), START)); // touching is fine
        var overlapping = List.of(new TimeWindow(START.plusSeconds(1800), END.plusSeconds(1800)));
        assertTrue(RideMatcher.qualifies(busy, ride("雁塔区", List.of()), before));
        assertFalse(RideMatcher.qualifies(busy, ride("雁塔区", List.of()), overlapping));
        Map<String, List<TimeWindow>> bookings = Map.of(busy.vehicleId(), overlapping);
        assertEquals(List.of(), RideMatcher.rank(List.of(busy), ride("雁塔区", List.of()), id -> bookings.getOrDefault(id, List.of())));
    }

    @Test
    void windowsMustCoverTheWholeRideAndOnlyAvailableTaxisQualify() {
        var covering = taxi("陕A00001", "雁塔区", false, List.of(new TimeWindow(START.minusSeconds(60), END)));
        var partial = taxi("陕A00002", "雁塔区", false, List.of(new TimeWindow(START.plusSeconds(60), END)));
        var off = new VehicleCandidate("v-off", "c1", "org", VehicleKind.TAXI, "陕A00003", BigDecimal.ONE, BigDecimal.ONE,
                false, "雁塔区", null, null, false, List.of());
        var truck = new VehicleCandidate("v-t", "c1", "org", VehicleKind.TRUCK, "陕A00004", BigDecimal.ONE, BigDecimal.ONE,
                false, "雁塔区", null, null, true, List.of());
        assertEquals(List.of(covering), RideMatcher.rank(List.of(covering, partial, off, truck), ride("雁塔区", List.of()), id -> List.of()));
    }
}
