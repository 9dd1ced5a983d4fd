package org.relief.volunteer.domain;

/** OPEN: still fewer volunteers than needed (short, on the waitlist); FILLED: enough; then COMPLETED or CANCELLED. */
public enum CallStatus {
    OPEN,
    FILLED,
    COMPLETED,
    CANCELLED;

    public boolean live() {
        return this == OPEN || this == FILLED;
    }
}
