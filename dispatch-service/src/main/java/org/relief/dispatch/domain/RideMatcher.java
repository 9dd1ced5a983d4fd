package org.relief.dispatch.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.relief.kernel.domain.TimeWindow;

/**
 * Matches one ride to one taxi. A taxi qualifies if it is a TAXI, available, wheelchair-accessible when the ride needs
 * it, dispatchable for what is left of the ride window (its windows, if any, cover it) and has no booking overlapping
 * that. What is left of the window: from now when the window has begun (a booking that ended earlier in the window —
 * a ride completed, failed or cancelled — is in the past and blocks nothing), else the whole window.
 * <p>
 * Accessible taxis are scarce and kept for those who need them: for an ordinary ride an accessible taxi is the last
 * choice (after every ordinary taxi, whatever its district), and it is held, the ride waiting instead, while a
 * wheelchair ride waits or is expected in an overlapping window. Among the rest, taxis based in the pickup district
 * come first. The service runs the same rules as indexed SQL over the fleet and the bookings (so it never loads every
 * taxi); the database's exclusion constraint settles races.
 */
public final class RideMatcher {
    public static final String KEPT_FOR_WHEELCHAIR = "accessible taxi kept for wheelchair rides";

    private RideMatcher() {}

    /** A candidate and why it was chosen; {@code taxi} null: the ride waits, and the explanation says why. */
    public record Match(VehicleCandidate taxi, List<String> explanation) {}

    /**
     * When a booking for the ride may start: the window's start, or {@code now} when the window has begun and not
     * yet ended (the taxi is needed for what is left of it). A window that is over keeps its start.
     */
    public static Instant bookableFrom(Ride ride, Instant now) {
        Instant start = ride.windowStart();
        if (start != null && ride.windowEnd() != null && start.isBefore(now) && now.isBefore(ride.windowEnd())) {
            return now;
        }
        return start;
    }

    /** The accessible taxi is kept back from an ordinary ride while wheelchair rides wait in an overlapping window. */
    public static boolean keptForWheelchair(VehicleCandidate taxi, Ride ride, int wheelchairRidesWaiting) {
        return taxi.wheelchairAccessible() && !ride.needsWheelchair() && wheelchairRidesWaiting > 0;
    }

    public static boolean qualifies(VehicleCandidate taxi, Ride ride, List<TimeWindow> bookings) {
        return qualifies(taxi, ride, bookings, ride.windowStart());
    }

    /** @param from when the booking would start ({@link #bookableFrom}) */
    public static boolean qualifies(VehicleCandidate taxi, Ride ride, List<TimeWindow> bookings, Instant from) {
        if (taxi.kind() != VehicleKind.TAXI || !taxi.dispatchableFor(from, ride.windowEnd())) {
            return false;
        }
        if (ride.needsWheelchair() && !taxi.wheelchairAccessible()) {
            return false;
        }
        return bookings.stream().noneMatch(b -> b.from().isBefore(ride.windowEnd()) && from.isBefore(b.to()));
    }

    /**
     * Qualifying taxis, best first: for an ordinary ride ordinary taxis before accessible ones, then the same district
     * as the pickup, then by plate (the service spreads ties).
     */
    public static List<VehicleCandidate> rank(
            List<VehicleCandidate> taxis, Ride ride, Function<String, List<TimeWindow>> bookingsOf) {
        return rank(taxis, ride, bookingsOf, ride.windowStart());
    }

    public static List<VehicleCandidate> rank(
            List<VehicleCandidate> taxis, Ride ride, Function<String, List<TimeWindow>> bookingsOf, Instant from) {
        return taxis.stream()
                .filter(t -> qualifies(t, ride, bookingsOf.apply(t.vehicleId()), from))
                .sorted(Comparator.comparing(
                                (VehicleCandidate t) -> !ride.needsWheelchair() && t.wheelchairAccessible())
                        .thenComparing(t -> !t.basedIn(ride.pickupDistrict()))
                        .thenComparing(VehicleCandidate::plate))
                .toList();
    }

    /**
     * The whole decision for one ride over a list of taxis at {@code now}: the taxi to book, or (taxi null) why the
     * ride waits. {@code wheelchairRidesWaiting}: wheelchair rides waiting or expected in an overlapping window.
     */
    public static Match match(
            List<VehicleCandidate> taxis,
            Ride ride,
            Function<String, List<TimeWindow>> bookingsOf,
            int wheelchairRidesWaiting,
            Instant now) {
        Instant from = bookableFrom(ride, now);
        List<VehicleCandidate> ranked = rank(taxis, ride, bookingsOf, from);
        List<VehicleCandidate> held = ranked.stream()
                .filter(t -> keptForWheelchair(t, ride, wheelchairRidesWaiting))
                .toList();
        for (VehicleCandidate t : ranked) {
            if (!held.contains(t)) {
                return explain(t, ride, from, ranked, wheelchairRidesWaiting);
            }
        }
        return new Match(
                null,
                List.of("queued: " + QueueReason.noTaxi(ride, from, held.size()).en()));
    }

    public static Match explain(VehicleCandidate taxi, Ride ride) {
        return explain(taxi, ride, ride.windowStart(), List.of(taxi), 0);
    }

    /**
     * Why {@code taxi} carries the ride.
     *
     * @param candidates the taxis that were free for the ride, as ranked (to say which accessible taxis were passed over)
     */
    public static Match explain(
            VehicleCandidate taxi,
            Ride ride,
            Instant from,
            List<VehicleCandidate> candidates,
            int wheelchairRidesWaiting) {
        List<String> why = new ArrayList<>();
        boolean ordinary = !ride.needsWheelchair();
        boolean accessibleNextDoor = ordinary
                && !taxi.wheelchairAccessible()
                && !taxi.basedIn(ride.pickupDistrict())
                && candidates.stream().anyMatch(t -> t.wheelchairAccessible() && t.basedIn(ride.pickupDistrict()));
        if (taxi.basedIn(ride.pickupDistrict())) {
            why.add("district: taxi " + taxi.plate() + " is based in " + ride.pickupDistrict()
                    + ", the pickup district");
        } else if (accessibleNextDoor) {
            why.add("district: the free taxis based in " + ride.pickupDistrict() + " are wheelchair-accessible, "
                    + KEPT_FOR_WHEELCHAIR + "; taxi " + taxi.plate() + " is based in " + taxi.homeDistrict());
        } else {
            why.add("district: no free taxi is based in " + ride.pickupDistrict() + "; taxi " + taxi.plate()
                    + " is based in " + taxi.homeDistrict());
        }
        why.add("window: free from " + from + " to " + ride.windowEnd()
                + (from.equals(ride.windowStart())
                        ? ""
                        : " (what is left of the ride's window from " + ride.windowStart() + ")")
                + (taxi.windows() == null || taxi.windows().isEmpty() ? "" : ", inside its dispatch windows"));
        if (ride.needsWheelchair()) {
            why.add("accessibility: the ride needs a wheelchair-accessible taxi and " + taxi.plate() + " is one");
        } else if (taxi.wheelchairAccessible()) {
            why.add("accessibility: no ordinary taxi is free from " + from + " to " + ride.windowEnd() + "; "
                    + "wheelchair-accessible taxi " + taxi.plate() + " is the last choice for an ordinary ride, taken "
                    + "because no wheelchair ride waits or is expected in this window");
        } else if (!accessibleNextDoor && candidates.stream().anyMatch(VehicleCandidate::wheelchairAccessible)) {
            why.add("accessibility: an ordinary taxi first; the free wheelchair-accessible taxis are "
                    + KEPT_FOR_WHEELCHAIR);
        }
        return new Match(taxi, why);
    }

    /** Never a zero or negative window: a ride without a proper window cannot be booked. */
    public static boolean validWindow(Instant start, Instant end) {
        return start != null && end != null && start.isBefore(end);
    }
}
