package org.relief.dispatch.domain;

/** QUEUED → SCHEDULED → PICKED_UP → DELIVERED, or FAILED, or CANCELLED. */
public enum TripStatus {
    QUEUED,
    SCHEDULED,
    PICKED_UP,
    DELIVERED,
    FAILED,
    CANCELLED;

    /** Ended trips hold no vehicle and carry nothing any more. */
    public boolean ended() {
        return this == DELIVERED || this == FAILED || this == CANCELLED;
    }

    /** Trips whose load counts as moved or moving for the request (not failed, not cancelled). */
    public boolean counts() {
        return this != FAILED && this != CANCELLED;
    }
}
