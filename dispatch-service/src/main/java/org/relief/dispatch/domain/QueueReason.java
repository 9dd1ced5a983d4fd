package org.relief.dispatch.domain;

import java.time.Instant;

/**
 * Why a trip waits in the queue, in English and Chinese: the desks of Xi'an's associations read it in Chinese, the
 * published TripQueued and older clients keep the English words. One factory per reason the planners give.
 */
public record QueueReason(String en, String zh) {

    /** FREIGHT: no truck or van at all is on duty and free for the booking window. */
    public static QueueReason noFreightVehicle(Instant start, Instant end) {
        return new QueueReason(
                "no truck or van is available and free from " + start + " to " + end,
                "从 " + start + " 到 " + end + " 没有在岗且空闲的货车或厢式车");
    }

    /** FREIGHT: free vehicles exist, but none carries (the rest of) the load. */
    public static QueueReason nothingCarries(String weightKg, String volumeM3) {
        return new QueueReason(
                "no free truck or van carries what is left: " + weightKg + " kg, " + volumeM3 + " m³",
                "没有空闲的货车或厢式车装得下剩下的 " + weightKg + " 公斤、" + volumeM3 + " 立方米");
    }

    /**
     * RIDE: no taxi free for what is left of the window; {@code held} accessible taxis were kept back from this
     * ordinary ride for wheelchair rides.
     */
    public static QueueReason noTaxi(Ride ride, Instant from, int held) {
        if (held > 0) {
            return new QueueReason(
                    "no ordinary taxi is available and free from " + from + " to " + ride.windowEnd() + "; "
                            + RideMatcher.KEPT_FOR_WHEELCHAIR + " (" + held
                            + " free, held while a wheelchair ride waits or is expected in this window)",
                    "从 " + from + " 到 " + ride.windowEnd() + " 没有在岗且空闲的普通出租车；无障碍出租车留给轮椅乘客（" + held
                            + " 辆空闲，此时段有轮椅乘客在等或将要出行）");
        }
        boolean wheelchair = ride.needsWheelchair();
        return new QueueReason(
                "no " + (wheelchair ? "wheelchair-accessible " : "") + "taxi is available and free from " + from
                        + " to " + ride.windowEnd(),
                "从 " + from + " 到 " + ride.windowEnd() + " 没有在岗且空闲的" + (wheelchair ? "无障碍" : "") + "出租车");
    }

    /** RIDE: the window is empty or over. */
    public static QueueReason noValidWindow() {
        return new QueueReason("the ride has no valid time window", "该乘车需求没有有效的时间窗口");
    }
}
