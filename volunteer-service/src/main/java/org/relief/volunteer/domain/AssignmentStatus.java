package org.relief.volunteer.domain;

/**
 * OFFERED (booked, answer pending) → ACCEPTED → COMPLETED with hours; DECLINED by the volunteer; RELEASED when the
 * call was cancelled; NO_SHOW when the call was completed without them. Only OFFERED and ACCEPTED hold a booking.
 */
public enum AssignmentStatus {
    OFFERED,
    ACCEPTED,
    COMPLETED,
    DECLINED,
    RELEASED,
    NO_SHOW;

    public boolean holdsBooking() {
        return this == OFFERED || this == ACCEPTED;
    }
}
