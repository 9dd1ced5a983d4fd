package org.relief.contracts.inventory;

import java.time.Instant;
import java.util.List;
import org.relief.contracts.RequestedLine;

/**
 * Inventory has taken a supplies request on and opened its reservation (nothing allocated yet: allocation answers
 * with its own events). Published by inventory-service on {@code inventory.events.v1}, key = requestId. Consumed by
 * requests-service (status → reservation pending).
 *
 * @param lines         the requested lines the reservation covers (those that fit the catalogue)
 * @param rejectedLines lines refused at once because they do not fit the catalogue (unknown item, wrong unit), with
 *                      the reason and the catalogue's unit; added without a version change (absent in events published
 *                      before, read as none). When every line is refused, {@code lines} is empty and the reservation is
 *                      closed at once: no allocation event follows
 */
public record StockReservationOpened(
        String requestId,
        String reservationId,
        List<RequestedLine> lines,
        Instant openedAt,
        List<RejectedLine> rejectedLines) {
    public static final String TYPE = "StockReservationOpened";
    public static final int VERSION = 1;

    /** An opening without refused lines (the shape before {@code rejectedLines} existed). */
    public StockReservationOpened(String requestId, String reservationId, List<RequestedLine> lines, Instant openedAt) {
        this(requestId, reservationId, lines, openedAt, List.of());
    }
}
