package org.relief.dispatch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What a dispatch desk may put a trip on, best first, each with why (English and Chinese): the free vehicles that pass
 * {@link Trip#refusals}, ranked as the planners rank (FREIGHT: based in the warehouse's district, then the smallest
 * that carries the load, so big trucks stay free for big loads; RIDE: an accessible taxi last unless the passenger
 * needs one, then based in the pickup's district). The first is the platform's suggestion.
 */
public final class VehicleChoice {
    public record Option(VehicleCandidate vehicle, List<String> explanation, List<String> explanationZh) {}

    private VehicleChoice() {}

    public static List<Option> rank(Trip trip, List<VehicleCandidate> free, Instant start, Instant end) {
        String district = trip.from() == null ? null : trip.from().district();
        boolean wheelchair = trip.kind() == TripKind.RIDE
                && trip.ride() != null
                && trip.ride().needsWheelchair();
        Comparator<VehicleCandidate> order = Comparator.comparing(
                        (VehicleCandidate v) -> trip.kind() == TripKind.RIDE && !wheelchair && v.wheelchairAccessible())
                .thenComparing(v -> !v.basedIn(district))
                .thenComparing(FreightPlanner.SMALLEST);
        return free.stream()
                .filter(v ->
                        trip.vehicle() == null || !trip.vehicle().vehicleId().equals(v.vehicleId()))
                .filter(v -> trip.refusals(v, start, end).isEmpty())
                .sorted(order)
                .map(v -> explain(trip, v, district, wheelchair))
                .toList();
    }

    private static Option explain(Trip trip, VehicleCandidate v, String district, boolean wheelchair) {
        String where = district == null ? "?" : district.strip();
        String place = trip.kind() == TripKind.FREIGHT ? "the warehouse's" : "the pickup's";
        String placeZh = trip.kind() == TripKind.FREIGHT ? "仓库所在" : "上车地点所在";
        String districtEn = v.basedIn(district)
                ? "based in " + v.homeDistrict() + ", " + place + " district"
                : "based in " + v.homeDistrict() + "; " + place + " district is " + where;
        String districtZh = v.basedIn(district)
                ? "常驻" + v.homeDistrict() + "，即" + placeZh + "的区"
                : "常驻" + v.homeDistrict() + "；" + placeZh + "的区是" + where;
        if (trip.kind() == TripKind.FREIGHT) {
            BigDecimal w = Loads.weight(trip.lines());
            BigDecimal m = Loads.volume(trip.lines());
            return new Option(
                    v,
                    List.of(
                            "carries " + plain(v.payloadKg()) + " kg and " + plain(v.volumeM3()) + " m³; the load is "
                                    + plain(w) + " kg and " + plain(m) + " m³",
                            districtEn),
                    List.of(
                            "载重 " + plain(v.payloadKg()) + " 公斤、容积 " + plain(v.volumeM3()) + " 立方米；本次装载 " + plain(w)
                                    + " 公斤、" + plain(m) + " 立方米",
                            districtZh));
        }
        String seatEn = v.wheelchairAccessible()
                ? (wheelchair
                        ? "has the wheelchair place the passenger needs"
                        : "has a wheelchair place (kept for those who need one when it can)")
                : "an ordinary taxi";
        String seatZh = v.wheelchairAccessible() ? (wheelchair ? "有乘客需要的轮椅位" : "有轮椅位（尽量留给需要的乘客）") : "普通出租车";
        return new Option(v, List.of(seatEn, districtEn), List.of(seatZh, districtZh));
    }

    private static String plain(BigDecimal d) {
        return Loads.plain(d).toPlainString();
    }
}
