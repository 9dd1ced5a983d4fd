package org.relief.dispatch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.TimeWindow;

class RideMatcherTest {
    static final Instant START = Instant.parse("2022-01-05T07:00:00Z");
    static final Instant END = START.plusSeconds(3600);

    static VehicleCandidate taxi(String plate, String district, boolean wheelchair, List<TimeWindow> windows) {
        return new VehicleCandidate(
                "v-" + plate,
                "c1",
                "org",
                VehicleKind.TAXI,
                plate,
                new BigDecimal("0.5"),
                new BigDecimal("0.4"),
                wheelchair,
                district,
                "张师傅",
                "13900000000",
                true,
                windows);
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
        assertTrue(RideMatcher.explain(b, ride("雁塔区", List.of()))
                .explanation()
                .get(0)
                .contains("pickup district"));
    }

    @Test
    void aWheelchairRideNeedsAnAccessibleTaxi() {
        var plain = taxi("陕A00001", "雁塔区", false, List.of());
        var accessible = taxi("陕A00002", "长安区", true, List.of());
        assertEquals(
                List.of(accessible),
                RideMatcher.rank(List.of(plain, accessible), ride("雁塔区", List.of("wheelchair")), id -> List.of()));
    }

    @Test
    void aBookingOverlappingTheWindowExcludesATaxiButADisjointOneDoesNot() {
        var busy = taxi("陕A00001", "雁塔区", false, List.of());
        var before = List.of(new TimeWindow(START.minusSeconds(3600), START)); // touching is fine
        var overlapping = List.of(new TimeWindow(START.plusSeconds(1800), END.plusSeconds(1800)));
        assertTrue(RideMatcher.qualifies(busy, ride("雁塔区", List.of()), before));
        assertFalse(RideMatcher.qualifies(busy, ride("雁塔区", List.of()), overlapping));
        Map<String, List<TimeWindow>> bookings = Map.of(busy.vehicleId(), overlapping);
        assertEquals(
                List.of(),
                RideMatcher.rank(List.of(busy), ride("雁塔区", List.of()), id -> bookings.getOrDefault(id, List.of())));
    }

    @Test
    void windowsMustCoverTheWholeRideAndOnlyAvailableTaxisQualify() {
        var covering = taxi("陕A00001", "雁塔区", false, List.of(new TimeWindow(START.minusSeconds(60), END)));
        var partial = taxi("陕A00002", "雁塔区", false, List.of(new TimeWindow(START.plusSeconds(60), END)));
        var off = new VehicleCandidate(
                "v-off",
                "c1",
                "org",
                VehicleKind.TAXI,
                "陕A00003",
                BigDecimal.ONE,
                BigDecimal.ONE,
                false,
                "雁塔区",
                null,
                null,
                false,
                List.of());
        var truck = new VehicleCandidate(
                "v-t",
                "c1",
                "org",
                VehicleKind.TRUCK,
                "陕A00004",
                BigDecimal.ONE,
                BigDecimal.ONE,
                false,
                "雁塔区",
                null,
                null,
                true,
                List.of());
        assertEquals(
                List.of(covering),
                RideMatcher.rank(List.of(covering, partial, off, truck), ride("雁塔区", List.of()), id -> List.of()));
    }

    // ---- issue 10, path 1: a booking of a trip that has ended no longer blocks the taxi --------------------------

    @Test
    void aTaxiWhoseRideEndedInsideTheWindowIsFreeForTheRestOfIt() {
        var accessible = taxi("陕A00005", "雁塔区", true, List.of());
        Instant now = START.plusSeconds(1200); // the window began 20 minutes ago
        // its first wheelchair ride was booked from 07:05 and completed at 07:15: the booking was cut there
        Map<String, List<TimeWindow>> bookings =
                Map.of(accessible.vehicleId(), List.of(new TimeWindow(START.plusSeconds(300), START.plusSeconds(900))));
        Ride waiting = ride("雁塔区", List.of("WHEELCHAIR"));
        assertEquals(now, RideMatcher.bookableFrom(waiting, now), "what is left of the window is from now");
        var m = RideMatcher.match(List.of(accessible), waiting, id -> bookings.getOrDefault(id, List.of()), 0, now);
        assertEquals(accessible, m.taxi(), "the ended booking is in the past: " + m.explanation());
        // before the window, and after it ended, the window is what the passenger asked for
        assertEquals(START, RideMatcher.bookableFrom(waiting, START.minusSeconds(60)));
        assertEquals(START, RideMatcher.bookableFrom(waiting, END.plusSeconds(60)));
    }

    @Test
    void aBookingStillRunningBlocksTheRestOfTheWindow() {
        var busy = taxi("陕A00006", "雁塔区", true, List.of());
        Instant now = START.plusSeconds(1200);
        Map<String, List<TimeWindow>> bookings = Map.of(busy.vehicleId(), List.of(new TimeWindow(START, END)));
        var m = RideMatcher.match(List.of(busy), ride("雁塔区", List.of("WHEELCHAIR")), id -> bookings.get(id), 0, now);
        assertNull(m.taxi());
        assertTrue(
                m.explanation().get(0).contains("no wheelchair-accessible taxi"),
                m.explanation().toString());
    }

    // ---- issue 10, path 2: accessible taxis are kept for those who need them --------------------------------------

    @Test
    void anAccessibleTaxiIsTheLastChoiceForAnOrdinaryRideEvenInThePickupDistrict() {
        var accessibleHere = taxi("陕A00007", "雁塔区", true, List.of());
        var plainElsewhere = taxi("陕A00008", "长安区", false, List.of());
        Ride ordinary = ride("雁塔区", List.of());
        assertEquals(
                List.of(plainElsewhere, accessibleHere),
                RideMatcher.rank(List.of(accessibleHere, plainElsewhere), ordinary, id -> List.of()));
        var m = RideMatcher.match(List.of(accessibleHere, plainElsewhere), ordinary, id -> List.of(), 0, START);
        assertEquals(plainElsewhere, m.taxi());
        assertTrue(
                String.join(" ", m.explanation()).contains("kept for wheelchair rides"),
                m.explanation().toString());
    }

    @Test
    void anAccessibleTaxiIsHeldWhileAWheelchairRideWaitsInTheWindow() {
        var accessible = taxi("陕A00009", "雁塔区", true, List.of());
        var m = RideMatcher.match(List.of(accessible), ride("雁塔区", List.of()), id -> List.of(), 1, START);
        assertNull(m.taxi(), "held for the waiting wheelchair ride");
        assertTrue(
                m.explanation().get(0).contains("accessible taxi kept for wheelchair rides"),
                m.explanation().toString());
    }

    @Test
    void anOrdinaryRideTakesAnAccessibleTaxiOnlyWhenNothingElseIsFreeAndNoWheelchairRideWaits() {
        var accessible = taxi("陕A00010", "雁塔区", true, List.of());
        var m = RideMatcher.match(List.of(accessible), ride("雁塔区", List.of()), id -> List.of(), 0, START);
        assertEquals(accessible, m.taxi());
        String why = String.join(" ", m.explanation());
        assertTrue(why.contains("no ordinary taxi is free") && why.contains("no wheelchair ride waits"), why);
        // a wheelchair ride is never held back: it takes the accessible taxi whatever waits
        var w = RideMatcher.match(List.of(accessible), ride("雁塔区", List.of("WHEELCHAIR")), id -> List.of(), 3, START);
        assertEquals(accessible, w.taxi());
    }
}
