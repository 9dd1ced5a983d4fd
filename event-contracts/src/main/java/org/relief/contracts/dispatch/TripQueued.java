package org.relief.contracts.dispatch;

import java.time.Instant;
import java.util.List;

/**
 * No vehicle can take the trip now: it waits in dispatch's queue and is planned as soon as a vehicle frees up,
 * registers or becomes available (then {@link TripScheduled} follows with the same tripId). Published by
 * dispatch-service on {@code dispatch.events.v1}, key = requestId; consumed by requests-service (status waiting for
 * a vehicle).
 *
 * @param reason why no vehicle fits (none free, none large enough, none wheelchair-accessible in the window...)
 */
public record TripQueued(
        String tripId,
        String requestId,
        String organisationId,
        String kind,
        Place from,
        Place to,
        List<TripLine> lines,
        String reason,
        Instant queuedAt) {
    public static final String TYPE = "TripQueued";
    public static final int VERSION = 1;
}
