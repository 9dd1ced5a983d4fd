package org.relief.dispatch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.domain.TimeWindow;

/** The desk's assignment: the rules a dispatcher cannot override, and what it records. */
class TripAssignmentTest {
    static final Instant NOW = TripTest.NOW;
    static final Instant END = NOW.plusSeconds(4 * 3600);

    static VehicleCandidate vehicle(
            String id, VehicleKind kind, String payloadKg, boolean wheelchair, boolean onDuty, String district) {
        return new VehicleCandidate(
                id,
                "c1",
                "org",
                kind,
                "陕A·" + id,
                new BigDecimal(payloadKg),
                new BigDecimal("30"),
                wheelchair,
                district,
                "王师傅",
                "13800138000",
                onDuty,
                List.of());
    }

    @Test
    void aWaitingTripIsScheduledOnTheChosenVehicleWithTheDesksReason() {
        Trip t = TripTest.freight();
        t.queue(new QueueReason("no truck free", "no truck free"), List.of(), NOW);
        t.assign(vehicle("v9", VehicleKind.VAN, "800", false, true, "雁塔区"), NOW, END, "司机已到仓库", NOW);
        assertEquals(TripStatus.SCHEDULED, t.status());
        assertEquals("v9", t.vehicle().vehicleId());
        TripEvent.Scheduled s =
                assertInstanceOf(TripEvent.Scheduled.class, t.pendingEvents().get(2));
        assertTrue(
                s.explanation().get(0).contains("assigned at the dispatch desk"),
                s.explanation().toString());
        assertTrue(s.explanation().get(0).contains("司机已到仓库"), s.explanation().toString());
    }

    @Test
    void aScheduledTripMovesToAnotherVehicleAndTheEventNamesBoth() {
        Trip t = TripTest.scheduled();
        t.assign(vehicle("v2", VehicleKind.TRUCK, "8000", false, true, "雁塔区"), NOW, END, null, NOW);
        TripEvent.Reassigned r =
                assertInstanceOf(TripEvent.Reassigned.class, t.pendingEvents().get(2));
        assertEquals("v1", r.previous().vehicleId());
        assertEquals("v2", r.vehicle().vehicleId());
        assertEquals("v2", t.vehicle().vehicleId());
        assertEquals(TripStatus.SCHEDULED, t.status());
    }

    @Test
    void theRulesADispatcherCannotOverride() {
        Trip freight = TripTest.scheduled(); // 5 kg of masks on v1
        // the same vehicle, a taxi, too small, off duty
        assertTrue(refused(freight, vehicle("v1", VehicleKind.TRUCK, "8000", false, true, "x"), "already on"));
        assertTrue(refused(freight, vehicle("t", VehicleKind.TAXI, "8000", false, true, "x"), "truck or van"));
        assertTrue(refused(freight, vehicle("s", VehicleKind.VAN, "1", false, true, "x"), "the load is 5 kg"));
        assertTrue(refused(freight, vehicle("o", VehicleKind.VAN, "800", false, false, "x"), "off duty"));
        // outside its dispatch windows
        VehicleCandidate windowed = new VehicleCandidate(
                "w",
                "c1",
                "org",
                VehicleKind.TRUCK,
                "陕A·w",
                new BigDecimal("8000"),
                BigDecimal.TEN,
                false,
                "x",
                null,
                null,
                true,
                List.of(new TimeWindow(NOW.plusSeconds(3600), END)));
        assertTrue(refused(freight, windowed, "dispatch window"));

        Trip wheelchairRide = Trip.plan(
                "r1",
                TripKind.RIDE,
                "req",
                "org",
                Priority.HIGH,
                TripTest.COMPOUND,
                TripTest.WAREHOUSE,
                null,
                List.of(),
                new Ride("考生", "雁塔区", NOW, NOW.plusSeconds(3600), List.of("WHEELCHAIR")),
                null,
                List.of(),
                NOW);
        wheelchairRide.queue(
                new QueueReason("no wheelchair-accessible taxi", "no wheelchair-accessible taxi"), List.of(), NOW);
        assertTrue(refused(wheelchairRide, vehicle("t1", VehicleKind.TAXI, "1", false, true, "x"), "wheelchair"));
        assertTrue(refused(
                wheelchairRide, vehicle("k", VehicleKind.TRUCK, "8000", true, true, "x"), "a ride goes by taxi"));
        wheelchairRide.assign(
                vehicle("t2", VehicleKind.TAXI, "1", true, true, "x"), NOW, NOW.plusSeconds(3600), null, NOW);
        assertEquals(TripStatus.SCHEDULED, wheelchairRide.status());

        Trip picked = TripTest.scheduled();
        picked.pickUp(null, NOW);
        assertTrue(refused(
                picked, vehicle("v3", VehicleKind.TRUCK, "8000", false, true, "x"), "only a waiting or scheduled"));
    }

    @Test
    void theDesksChoiceIsRankedAsThePlannerRanksAndExplainedInBothLanguages() {
        Trip t = TripTest.scheduled(); // from 雁塔区, on v1
        List<VehicleChoice.Option> options = VehicleChoice.rank(
                t,
                List.of(
                        vehicle("big", VehicleKind.TRUCK, "20000", false, true, "雁塔区"),
                        vehicle("far", VehicleKind.VAN, "500", false, true, "长安区"),
                        vehicle("near", VehicleKind.VAN, "500", false, true, "雁塔区"),
                        vehicle("tiny", VehicleKind.VAN, "1", false, true, "雁塔区"),
                        vehicle("v1", VehicleKind.TRUCK, "8000", false, true, "雁塔区")),
                NOW,
                END);
        assertEquals(
                List.of("near", "big", "far"),
                options.stream().map(o -> o.vehicle().vehicleId()).toList());
        assertTrue(
                options.get(0).explanation().get(1).contains("the warehouse's district"),
                options.get(0).toString());
        assertTrue(
                options.get(0).explanationZh().get(0).contains("载重 500 公斤"),
                options.get(0).toString());
    }

    static boolean refused(Trip t, VehicleCandidate v, String because) {
        RuleViolation e = assertThrows(RuleViolation.class, () -> t.assign(v, NOW, END, null, NOW));
        assertTrue(e.isConflict(), e.getMessage());
        assertTrue(e.getMessage().contains(because), e.getMessage());
        return true;
    }
}
