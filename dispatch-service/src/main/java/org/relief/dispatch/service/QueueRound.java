package org.relief.dispatch.service;

import java.util.HashSet;
import java.util.Set;

/**
 * What one pass over the queue has learnt, so that it does not search the fleet again for trips that cannot find
 * anything this pass. Within a pass vehicles are only booked, never freed (a vehicle freed meanwhile triggers the next
 * pass), so a search that found nothing would find nothing again for a trip that asks no less:
 * <ul>
 *   <li>freight: once a freight trip stays queued and no truck or van is free at all, every other freight trip;
 *   <li>rides: once a ride stays queued, every other ride with the same window and the same need for a wheelchair
 *       taxi (the pickup district only orders the candidates, it excludes none).
 * </ul>
 * Without this an exam day's thousands of queued rides in one window each searched the whole fleet on every pass.
 */
final class QueueRound {
    private boolean noFreightVehicle;
    private final Set<String> ridesWithoutTaxi = new HashSet<>();
    private int tried;
    private int skipped;
    private int scheduled;

    /** Whether {@code q} can be passed over in this pass; counts it either way. */
    boolean skip(DispatchQueue.QueuedTrip q) {
        boolean skip = q.freight() ? noFreightVehicle : q.rideKey() != null && ridesWithoutTaxi.contains(q.rideKey());
        if (skip) {
            skipped++;
        } else {
            tried++;
        }
        return skip;
    }

    void scheduled() {
        scheduled++;
    }

    /** {@code q} was searched for and stays queued; for freight, {@code anyFreightVehicleFree} says whether any is. */
    void stillQueued(DispatchQueue.QueuedTrip q, boolean anyFreightVehicleFree) {
        if (q.freight()) {
            noFreightVehicle |= !anyFreightVehicleFree;
        } else if (q.rideKey() != null) {
            ridesWithoutTaxi.add(q.rideKey());
        }
    }

    int tried() {
        return tried;
    }

    int skipped() {
        return skipped;
    }

    int scheduledCount() {
        return scheduled;
    }
}
