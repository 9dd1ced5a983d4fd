package org.relief.dispatch.domain;

import org.relief.kernel.domain.TimeWindow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Matches one ride to one taxi. A taxi qualifies if it is a TAXI, available, wheelchair-accessible when the ride needs
 * it, dispatchable for the whole ride window (its windows, if any, cover it) and has no booking overlapping the
 * window. Taxis based in the pickup district come first. The service runs the same rules as indexed SQL over the
 * fleet and the bookings (so it never loads every taxi); the database's exclusion constraint settles races.
 */
public final class RideMatcher {
    private RideMatcher() {
    }

    /** A candidate and why it was chosen. */
    public record Match(VehicleCandidate taxi, List<String> explanation) {
    }

    public static boolean qualifies(VehicleCandidate taxi, Ride ride, List<TimeWindow> bookings) {
        if (taxi.kind() != VehicleKind.TAXI || !taxi.dispatchableFor(ride.windowStart(), ride.windowEnd())) {
            return false;
        }
        if (ride.needsWheelchair() && !taxi.wheelchairAccessible()) {
            return false;
        }
        return bookings.stream().noneMatch(b -> b.from().isBefore(ride.windowEnd()) && ride.windowStart().isBefore(b.to()));
    }

    /** Qualifying taxis, best first: same district as the pickup, then by plate (the service spreads ties). */
    public static List<VehicleCandidate> rank(List<VehicleCandidate> taxis, Ride ride,
                                              java.util.function.Function<String, List<TimeWindow>> bookingsOf) {
        return taxis.stream().filter(t -> qualifies(t, ride, bookingsOf.apply(t.vehicleId())))
                .sorted(Comparator.comparing((VehicleCandidate t) -> !sameDistrict(t, ride))
                        .thenComparing(VehicleCandidate::plate))
                .toList();
    }

    public static Match explain(VehicleCandidate taxi, Ride ride) {
        List<String> why = new ArrayList<>();
        why.add(sameDistrict(taxi, ride)
                ? "district: taxi " + taxi.plate() + " is based in " + ride.pickupDistrict() + ", the pickup district"
                : "district: no free taxi is based in " + ride.pickupDistrict() + "; taxi " + taxi.plate()
                + " is based in " + taxi.homeDistrict());
        why.add("window: free from " + ride.windowStart() + " to " + ride.windowEnd()
                + (taxi.windows() == null || taxi.windows().isEmpty() ? "" : ", inside its dispatch windows"));
        if (ride.needsWheelchair()) {
            why.add("accessibility: the ride needs a wheelchair-accessible taxi and " + taxi.plate() + " is one");
        }
        return new Match(taxi, why);
    }

    public static String noTaxiReason(Ride ride) {
        return "no " + (ride.needsWheelchair() ? "wheelchair-accessible " : "") + "taxi is available and free from "
                + ride.windowStart() + " to " + ride.windowEnd();
    }

    /** Never a zero or negative window: a ride without a proper window cannot be booked. */
    public static boolean validWindow(Instant start, Instant end) {
        return start != null && end != null && start.isBefore(end);
    }

    private static boolean sameDistrict(VehicleCandidate t, Ride ride) {
        return ride.pickupDistrict() != null && Objects.equals(t.homeDistrict(), ride.pickupDistrict().strip());
    }
}
