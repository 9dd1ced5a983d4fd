package org.relief.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.dispatch.DispatchInfrastructure;
import org.relief.dispatch.Events;
import org.relief.dispatch.Fixtures;
import org.relief.dispatch.domain.Ride;
import org.relief.dispatch.domain.VehicleCandidate;
import org.relief.kernel.tx.Transactions;

/**
 * The ride candidate query read in passes over indexes (V5): the order RideMatcher ranks by, the spread of concurrent
 * trips over different first taxis, and bookings and duty windows respected exactly.
 */
@QuarkusTest
@WithTestResource(DispatchInfrastructure.class)
class RideCandidatesTest {
    static final String OFFICE = "exam-office";

    @Inject
    Transactions transactions;

    @Inject
    VehicleBookings bookings;

    @Test
    void pickupDistrictFirstAccessibleLastSpreadByTripAndNeverABookedOrOffDutyTaxi() {
        Events.otherTaxisWithoutWindowsOff();
        String org = "taxi-org-" + Fixtures.suffix();
        String carrier = Fixtures.carrier(org, "西安出租车公司");
        String district = "考区" + Fixtures.suffix();
        String elsewhere = district + "外";
        Instant start = Events.day();
        Instant end = start.plus(Duration.ofMinutes(30));
        Instant shiftFrom = start.minus(Duration.ofHours(3));
        Instant shiftTo = end.plus(Duration.ofHours(1));
        List<String> ours = new ArrayList<>();
        Set<String> local = new HashSet<>(); // free ordinary taxis of the pickup district
        for (int i = 0; i < 20; i++) {
            local.add(Events.taxi(org, carrier, district, false, shiftFrom, shiftTo));
        }
        Set<String> away = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            away.add(Events.taxi(org, carrier, elsewhere, false, shiftFrom, shiftTo));
        }
        Set<String> accessible = Set.of(
                Events.taxi(org, carrier, district, true, shiftFrom, shiftTo),
                Events.taxi(org, carrier, district, true, shiftFrom, shiftTo));
        String bookedInside = Events.taxi(org, carrier, district, false, shiftFrom, shiftTo);
        String bookedOpenEnded = Events.taxi(org, carrier, district, false, shiftFrom, shiftTo);
        String bookedBefore = Events.taxi(org, carrier, district, false, shiftFrom, shiftTo);
        String offDuty = Events.taxi(org, carrier, district, false, end, end.plus(Duration.ofHours(2)));
        local.add(bookedBefore); // its booking ends as the window begins: free
        Set<String> never = Set.of(bookedInside, bookedOpenEnded, offDuty);
        ours.addAll(local);
        ours.addAll(away);
        ours.addAll(accessible);
        ours.addAll(never);
        transactions.inNewTransaction(c -> {
            assertTrue(bookings.tryBook(
                    c, bookedInside, id(), start.plus(Duration.ofMinutes(10)), start.plus(Duration.ofMinutes(20))));
            assertTrue(bookings.tryBook(c, bookedOpenEnded, id(), start.minus(Duration.ofHours(2)), null));
            assertTrue(bookings.tryBook(c, bookedBefore, id(), start.minus(Duration.ofHours(1)), start));
            return null;
        });
        try {
            Ride ordinary = new Ride("考生", district, start, end, List.of());
            String trip = id();
            List<VehicleCandidate> first = candidates(ordinary, trip, Set.of());
            assertEquals(VehicleBookings.RIDE_CANDIDATES, first.size(), first.toString());
            // the pickup district's 21 free ordinary taxis first, each once; then ordinary taxis from elsewhere (ours,
            // or another test's on duty that day); the accessible ones would come last
            assertEquals(local, Set.copyOf(ids(first.subList(0, 21))));
            for (VehicleCandidate v : first.subList(21, first.size())) {
                assertFalse(v.wheelchairAccessible(), v.toString());
                assertNotEquals(district, v.homeDistrict(), v.toString());
            }
            assertEquals(ids(first), ids(candidates(ordinary, trip, Set.of())), "one trip, one order");

            // the tried taxis are left out, the order of the rest kept
            List<String> firstIds = ids(first);
            List<String> rest = ids(candidates(ordinary, trip, Set.copyOf(firstIds.subList(0, 5))));
            assertEquals(VehicleBookings.RIDE_CANDIDATES, rest.size());
            assertEquals(firstIds.subList(5, 21), rest.subList(0, 16));

            // concurrent trips of one district start at different taxis (a common first taxi would make each
            // consumer wait for the other's commit)
            Set<String> firstChoices = new HashSet<>();
            for (int t = 0; t < 20; t++) {
                firstChoices.add(candidates(ordinary, id(), Set.of()).get(0).vehicleId());
            }
            assertTrue(local.containsAll(firstChoices), firstChoices.toString());
            assertTrue(firstChoices.size() >= 4, "20 trips started at only " + firstChoices.size() + " taxis");

            // every ordinary taxi tried: the accessible ones come, after all of them
            Set<String> tried = new HashSet<>(local);
            tried.addAll(away);
            List<VehicleCandidate> last = candidates(ordinary, trip, tried);
            List<String> lastIds = ids(last);
            assertTrue(lastIds.containsAll(accessible), lastIds.toString());
            int firstAccessible = lastIds.indexOf(last.stream()
                    .filter(VehicleCandidate::wheelchairAccessible)
                    .findFirst()
                    .orElseThrow()
                    .vehicleId());
            assertTrue(
                    last.subList(firstAccessible, last.size()).stream()
                            .allMatch(VehicleCandidate::wheelchairAccessible),
                    lastIds.toString());

            // a wheelchair ride gets accessible taxis only, those of the pickup district first
            List<VehicleCandidate> forWheelchair =
                    candidates(new Ride("考生", district, start, end, List.of("WHEELCHAIR")), id(), Set.of());
            assertEquals(accessible, Set.copyOf(ids(forWheelchair.subList(0, 2))));
            assertTrue(forWheelchair.stream().allMatch(VehicleCandidate::wheelchairAccessible));

            // booked in the window (inside it, or open-ended from before it) or off duty for part of it: never
            for (Collection<String> excluded : List.<Collection<String>>of(Set.of(), tried)) {
                List<String> any = ids(candidates(ordinary, id(), excluded));
                assertTrue(any.stream().noneMatch(never::contains), any.toString());
            }
        } finally {
            ours.forEach(t -> Events.takeOff(org, t));
        }
    }

    @Test
    void aWheelchairRideWaitingInAnOverlappingWindowIsCountedAndOneOfAnEarlierWindowIsNot() {
        Events.otherTaxisWithoutWindowsOff();
        String district = "考区" + Fixtures.suffix();
        Instant start = Events.day();
        Instant end = start.plus(Duration.ofMinutes(40));
        // no accessible taxi is on duty that day: both queue
        String waiting = id();
        String earlier = id();
        Events.submitted(Events.ride(waiting, OFFICE, district, start, end, List.of("WHEELCHAIR")));
        Events.submitted(Events.ride(
                earlier,
                OFFICE,
                district,
                start.minus(Duration.ofHours(3)),
                start.minus(Duration.ofHours(2)),
                List.of(" wheelchair")));
        assertEquals("TripQueued", Events.published(waiting, 1).get(0).type());
        assertEquals("TripQueued", Events.published(earlier, 1).get(0).type());
        try {
            Instant from = start.plus(Duration.ofMinutes(10));
            Instant to = end.plus(Duration.ofMinutes(20));
            assertEquals(1, waiting(null, from, to) - waiting(waiting, from, to), "the ride in the window");
            assertEquals(0, waiting(null, from, to) - waiting(earlier, from, to), "the earlier ride is over by then");
            Instant earlyFrom = start.minus(Duration.ofMinutes(150));
            assertEquals(
                    1,
                    waiting(null, earlyFrom, start) - waiting(earlier, earlyFrom, start),
                    "the earlier ride in its own window");
        } finally {
            Events.cancelled(waiting, OFFICE);
            Events.cancelled(earlier, OFFICE);
        }
    }

    private int waiting(String requestId, Instant from, Instant end) {
        return transactions.inNewTransaction(c -> bookings.wheelchairRidesWaiting(
                c, requestId == null ? "no-such-request" : requestId, from, end, Instant.now()));
    }

    private List<VehicleCandidate> candidates(Ride ride, String tripId, Collection<String> excluded) {
        return transactions.inNewTransaction(
                c -> bookings.rideCandidates(c, ride, ride.windowStart(), tripId, excluded));
    }

    private static List<String> ids(List<VehicleCandidate> candidates) {
        return candidates.stream().map(VehicleCandidate::vehicleId).toList();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
