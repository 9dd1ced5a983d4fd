package org.relief.dispatch.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What of a request's latest allocation still has to move: per line, reserved (cumulative) minus what the request's
 * trips that are not FAILED or CANCELLED carry; taken from the warehouses that hold the lots now, minus what
 * unfinished trips already take from each; one load per warehouse. FreightPlanner then chooses vehicles for each load.
 */
public final class OutstandingFreight {

    /** A trip of the request as far as this arithmetic needs it. */
    public record TripOnWay(String warehouseId, TripStatus status, List<TripLine> lines) {}

    /** The units still to move from one warehouse. */
    public record Load(Place from, List<TripLine> lines) {}

    /** The loads, in allocation order, and notes on units no warehouse can give yet (for the trips' explanation). */
    public record Result(List<Load> loads, List<String> notes) {}

    private OutstandingFreight() {}

    public static Result of(List<ReservedLine> allocation, List<TripOnWay> trips) {
        Map<String, Place> places = new LinkedHashMap<>();
        Map<String, List<TripLine>> loads = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (ReservedLine line : allocation) {
            BigDecimal reserved = line.reserved() == null ? BigDecimal.ZERO : line.reserved();
            BigDecimal onTrips = trips.stream()
                    .filter(t -> t.status().counts())
                    .map(t -> Loads.quantityOf(t.lines(), line.item()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal toMove = reserved.subtract(onTrips);
            if (toMove.signum() <= 0 || line.allocations() == null) {
                continue;
            }
            Map<String, BigDecimal> held = new LinkedHashMap<>();
            for (ReservedLine.Allocation a : line.allocations()) {
                if (a.quantity() == null || a.quantity().signum() <= 0) {
                    continue;
                }
                held.merge(a.warehouseId(), a.quantity(), BigDecimal::add);
                places.putIfAbsent(
                        a.warehouseId(),
                        new Place(a.warehouseId(), a.warehouseName(), a.warehouseDistrict(), a.warehouseAddress()));
            }
            for (Map.Entry<String, BigDecimal> w : held.entrySet()) {
                if (toMove.signum() <= 0) {
                    break;
                }
                // units of this warehouse that unfinished trips already take do not wait there any more
                BigDecimal busy = trips.stream()
                        .filter(t -> w.getKey().equals(t.warehouseId())
                                && t.status().counts()
                                && t.status() != TripStatus.DELIVERED)
                        .map(t -> Loads.quantityOf(t.lines(), line.item()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal free = w.getValue().subtract(busy);
                BigDecimal take = free.min(toMove);
                if (take.signum() > 0) {
                    loads.computeIfAbsent(w.getKey(), k -> new ArrayList<>())
                            .add(Loads.line(
                                    line.item(),
                                    line.unit(),
                                    Loads.plain(take),
                                    line.unitWeightKg(),
                                    line.unitVolumeM3()));
                    toMove = toMove.subtract(take);
                }
            }
            if (toMove.signum() > 0) {
                notes.add(
                        line.item() + ": " + toMove.stripTrailingZeros().toPlainString()
                                + " reserved units are held in no warehouse free of other trips; planned when inventory says where");
            }
        }
        List<Load> out = new ArrayList<>();
        for (Map.Entry<String, List<TripLine>> load : loads.entrySet()) {
            out.add(new Load(places.get(load.getKey()), load.getValue()));
        }
        return new Result(out, notes);
    }
}
