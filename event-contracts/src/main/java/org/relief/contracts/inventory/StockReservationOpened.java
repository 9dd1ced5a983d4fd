package org.relief.contracts.inventory;

import org.relief.contracts.RequestedLine;

import java.time.Instant;
import java.util.List;

/**
 * Inventory has taken a supplies request on and opened its reservation (nothing allocated yet: allocation answers
 * with its own events). Published by inventory-service on {@code inventory.events.v1}, key = requestId. Consumed by
 * requests-service (status → reservation pending).
 */
public record StockReservationOpened(String requestId, String reservationId, List<RequestedLine> lines,
                                     Instant openedAt) {
    public static final String TYPE = "StockReservationOpened";
    public static final int VERSION = 1;
}
