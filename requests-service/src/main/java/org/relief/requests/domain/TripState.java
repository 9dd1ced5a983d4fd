package org.relief.requests.domain;

import java.util.List;

/**
 * One trip dispatch planned for a request, as far as the request needs to know: where it stands, what it loaded (so
 * a failed or cancelled trip can put its units back from in transit to reserved) and its proof of delivery.
 *
 * @param kind    FREIGHT or RIDE
 * @param loaded  what the vehicle collected (empty until picked up, and for a ride)
 * @param proof   the proof of delivery per line (empty until delivered, and for a ride)
 * @param settled a receipt accounted for this trip's load (its proof confirmed, or nothing left in transit)
 * @param overdue dispatch escalated the trip's wait for a vehicle
 */
public record TripState(
        String tripId,
        String kind,
        Status status,
        List<HelpRequestEvent.LoadedQuantity> loaded,
        List<HelpRequestEvent.DeliveredQuantity> proof,
        boolean settled,
        boolean overdue) {

    public enum Status {
        QUEUED,
        SCHEDULED,
        PICKED_UP,
        DELIVERED,
        FAILED,
        CANCELLED;

        /** the trip will not move (any more): failed or cancelled */
        public boolean abandoned() {
            return this == FAILED || this == CANCELLED;
        }

        /** planned or under way, not finished */
        public boolean active() {
            return this == QUEUED || this == SCHEDULED || this == PICKED_UP;
        }
    }

    public TripState {
        loaded = loaded == null ? List.of() : List.copyOf(loaded);
        proof = proof == null ? List.of() : List.copyOf(proof);
    }

    static TripState of(String tripId, String kind, Status status) {
        return new TripState(tripId, kind, status, List.of(), List.of(), false, false);
    }

    TripState with(Status s) {
        return new TripState(tripId, kind == null ? null : kind, s, loaded, proof, settled, overdue);
    }

    TripState withKind(String k) {
        return new TripState(tripId, k == null ? kind : k, status, loaded, proof, settled, overdue);
    }

    TripState loaded(List<HelpRequestEvent.LoadedQuantity> l) {
        return new TripState(tripId, kind, Status.PICKED_UP, l, proof, settled, overdue);
    }

    TripState delivered(List<HelpRequestEvent.DeliveredQuantity> p) {
        return new TripState(tripId, kind, Status.DELIVERED, loaded, p, settled, overdue);
    }

    TripState markSettled() {
        return new TripState(tripId, kind, status, loaded, proof, true, overdue);
    }

    TripState markOverdue() {
        return new TripState(tripId, kind, status, loaded, proof, settled, true);
    }

    /** loaded and not yet accounted for by a receipt: its units count as in transit */
    public boolean carrying() {
        return (status == Status.PICKED_UP || status == Status.DELIVERED) && !settled;
    }
}
