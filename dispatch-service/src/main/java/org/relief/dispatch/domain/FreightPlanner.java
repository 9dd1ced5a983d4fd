package org.relief.dispatch.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses trucks and vans for one warehouse load. Rules, in order:
 * <ol>
 * <li>only trucks and vans that are available and dispatchable for the whole booking window;</li>
 * <li>if some vehicle carries the whole load (weight and volume): one trip, preferring a vehicle whose home district
 * is the warehouse's, then the smallest that fits (big trucks stay free for big loads);</li>
 * <li>otherwise the load is split, largest vehicle first, whole units, an item may be split across vehicles; as soon
 * as the rest fits one vehicle, the smallest fitting one (district first) takes it;</li>
 * <li>what no free vehicle can take is a queued part.</li>
 * </ol>
 */
public final class FreightPlanner {
    /** the smallest first: big trucks stay free for big loads (the desk's choice ranks the same way) */
    static final Comparator<VehicleCandidate> SMALLEST = Comparator.comparing(VehicleCandidate::payloadKg)
            .thenComparing(VehicleCandidate::volumeM3)
            .thenComparing(VehicleCandidate::plate);

    private static final Comparator<VehicleCandidate> LARGEST = Comparator.comparing(VehicleCandidate::payloadKg)
            .thenComparing(VehicleCandidate::volumeM3)
            .reversed()
            .thenComparing(VehicleCandidate::plate);

    /** One trip of the plan: a vehicle and what it carries, or (vehicle null) what waits in the queue and why. */
    public record Part(
            VehicleCandidate vehicle, List<TripLine> lines, List<String> explanation, QueueReason queueReason) {
        public boolean queued() {
            return vehicle == null;
        }
    }

    private FreightPlanner() {}

    public static boolean carries(VehicleKind kind) {
        return kind == VehicleKind.TRUCK || kind == VehicleKind.VAN;
    }

    public static List<Part> plan(
            List<TripLine> load,
            String warehouseDistrict,
            List<VehicleCandidate> vehicles,
            Instant start,
            Instant end) {
        List<String> notes = new ArrayList<>();
        for (TripLine l : load) {
            if (l.weightKg() == null || l.volumeM3() == null) {
                notes.add(l.item() + ": the catalogue gives no " + (l.weightKg() == null ? "weight" : "volume")
                        + " per unit, planned as " + (l.weightKg() == null ? "weightless" : "taking no space"));
            }
        }
        List<VehicleCandidate> pool = new ArrayList<>(vehicles.stream()
                .filter(v -> carries(v.kind()) && v.dispatchableFor(start, end))
                .toList());
        List<Part> parts = new ArrayList<>();
        List<TripLine> rest = List.copyOf(load);
        BigDecimal totalWeight = Loads.weight(load);
        boolean split = false;
        while (!rest.isEmpty() && !pool.isEmpty()) {
            BigDecimal w = Loads.weight(rest);
            BigDecimal v = Loads.volume(rest);
            List<VehicleCandidate> fitting = pool.stream()
                    .filter(c -> c.payloadKg().compareTo(w) >= 0 && c.volumeM3().compareTo(v) >= 0)
                    .toList();
            if (!fitting.isEmpty()) {
                VehicleCandidate chosen = fitting.stream()
                        .min(Comparator.comparing((VehicleCandidate c) -> !c.basedIn(warehouseDistrict))
                                .thenComparing(SMALLEST))
                        .orElseThrow();
                List<String> why = new ArrayList<>(notes);
                why.add(districtNote(chosen, warehouseDistrict, fitting));
                why.add("capacity: " + chosen.describe() + " carries " + (split ? "the rest, " : "the whole load, ")
                        + plain(w) + " kg and " + plain(v) + " m³; the smallest free vehicle that fits"
                        + (chosen.basedIn(warehouseDistrict) ? " in the district" : ""));
                if (split) {
                    why.add("split: " + totalWeight.stripTrailingZeros().toPlainString()
                            + " kg in all, no single free vehicle carries it; part " + (parts.size() + 1));
                }
                parts.add(new Part(chosen, rest, why, null));
                rest = List.of();
                break;
            }
            VehicleCandidate largest = pool.stream().min(LARGEST).orElseThrow();
            pool.remove(largest);
            Fill fill = fill(largest, rest);
            if (fill.taken().isEmpty()) {
                continue;
            }
            split = true;
            List<String> why = new ArrayList<>(notes);
            why.add("split: " + totalWeight.stripTrailingZeros().toPlainString() + " kg and "
                    + plain(Loads.volume(load))
                    + " m³ in all, no single free vehicle carries it; part " + (parts.size() + 1)
                    + " on the largest free vehicle "
                    + largest.describe() + ": " + plain(Loads.weight(fill.taken())) + " kg, "
                    + plain(Loads.volume(fill.taken())) + " m³");
            why.add(districtNote(largest, warehouseDistrict, List.of(largest)));
            parts.add(new Part(largest, fill.taken(), why, null));
            rest = fill.rest();
        }
        if (!rest.isEmpty()) {
            QueueReason reason = vehicles.stream().noneMatch(c -> carries(c.kind()) && c.dispatchableFor(start, end))
                    ? QueueReason.noFreightVehicle(start, end)
                    : QueueReason.nothingCarries(plain(Loads.weight(rest)), plain(Loads.volume(rest)));
            List<String> why = new ArrayList<>(notes);
            if (split) {
                why.add("split: the free vehicles carry part of the load; the rest waits for a vehicle");
            }
            why.add("queued: " + reason.en());
            parts.add(new Part(null, rest, why, reason));
        }
        return parts;
    }

    private record Fill(List<TripLine> taken, List<TripLine> rest) {}

    /** Whole units, line by line, until the vehicle's weight or volume is used up. */
    private static Fill fill(VehicleCandidate v, List<TripLine> lines) {
        BigDecimal weightLeft = v.payloadKg();
        BigDecimal volumeLeft = v.volumeM3();
        List<TripLine> taken = new ArrayList<>();
        List<TripLine> rest = new ArrayList<>();
        for (TripLine l : lines) {
            BigDecimal unitWeight = orZero(Loads.perUnit(l.weightKg(), l.quantity()));
            BigDecimal unitVolume = orZero(Loads.perUnit(l.volumeM3(), l.quantity()));
            BigDecimal units = l.quantity();
            if (unitWeight.signum() > 0) {
                units = units.min(weightLeft.divide(unitWeight, 0, RoundingMode.FLOOR));
            }
            if (unitVolume.signum() > 0) {
                units = units.min(volumeLeft.divide(unitVolume, 0, RoundingMode.FLOOR));
            }
            if (units.signum() > 0) {
                TripLine part = Loads.withQuantity(l, Loads.plain(units));
                taken.add(part);
                weightLeft = weightLeft.subtract(orZero(part.weightKg()));
                volumeLeft = volumeLeft.subtract(orZero(part.volumeM3()));
            }
            BigDecimal left = l.quantity().subtract(units.max(BigDecimal.ZERO));
            if (left.signum() > 0) {
                rest.add(Loads.withQuantity(l, Loads.plain(left)));
            }
        }
        return new Fill(taken, rest);
    }

    private static String districtNote(VehicleCandidate chosen, String district, List<VehicleCandidate> among) {
        if (chosen.basedIn(district)) {
            return "district: " + chosen.plate() + " is based in " + district + ", the warehouse's district";
        }
        String where = district == null ? "the warehouse's district (unknown)" : district;
        return "district: " + chosen.plate() + " is based in " + chosen.homeDistrict() + "; "
                + (among.size() == 1
                        ? "a split takes the largest free vehicles first"
                        : "no free vehicle based in " + where + " carries the load");
    }

    private static BigDecimal orZero(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }

    private static String plain(BigDecimal d) {
        return d.setScale(Math.min(Math.max(d.scale(), 0), 3), RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
