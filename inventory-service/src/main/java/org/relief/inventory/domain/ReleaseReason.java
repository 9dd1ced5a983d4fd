package org.relief.inventory.domain;

/**
 * Why held units left a reservation: the {@code reason} stored on Released events and on the stock ledger's release
 * and quarantine entries, and published on StockReservationReleased (values are part of the stored and published JSON).
 */
public final class ReleaseReason {
    /** The reservation's time-to-live passed before pickup. */
    public static final String EXPIRED = "EXPIRED";
    /** The help request was cancelled. */
    public static final String CANCELLED = "CANCELLED";
    /** The community rejected the units on receipt: they go to quarantine. */
    public static final String REJECTED = "REJECTED";
    /** The partner accepted the shortfall: what was still held goes back and the reservation closes. */
    public static final String SHORTFALL_ACCEPTED = "SHORTFALL_ACCEPTED";

    private ReleaseReason() {}
}
