package org.relief.contracts.inventory;

import java.time.Instant;
import java.util.List;

/**
 * The payload of {@link #RESERVED StockReserved}, {@link #PARTIALLY_RESERVED StockPartiallyReserved} and
 * {@link #UNAVAILABLE StockUnavailable}: the state of a request's reservation after an allocation round. Published by
 * inventory-service on {@code inventory.events.v1}, key = requestId; consumed by requests-service (status and
 * timeline) and dispatch-service (trip planning, saga issue). Quantities are cumulative, so a consumer only needs the
 * latest.
 *
 * @param lines       every requested line with what is reserved for it so far
 * @param explanation why this allocation: the request's place in the queue, why each warehouse and lot was chosen,
 *                    what is still missing
 * @param explanationZh the same lines in Chinese (absent in allocations published before it existed: read as null)
 * @param expiresAt   when the reservation is released if transport has not picked it up (null if nothing is reserved,
 *                    and from the first pickup on: goods on their way no longer expire)
 */
public record StockAllocation(
        String requestId,
        String reservationId,
        List<ReservedLine> lines,
        List<String> explanation,
        Instant expiresAt,
        Instant allocatedAt,
        List<String> explanationZh) {
    /** Without a Chinese explanation, as published before it existed. */
    public StockAllocation(
            String requestId,
            String reservationId,
            List<ReservedLine> lines,
            List<String> explanation,
            Instant expiresAt,
            Instant allocatedAt) {
        this(requestId, reservationId, lines, explanation, expiresAt, allocatedAt, null);
    }

    /** every line fully reserved */
    public static final String RESERVED = "StockReserved";
    /** some units reserved, the rest waits for the next donation */
    public static final String PARTIALLY_RESERVED = "StockPartiallyReserved";
    /** nothing could be reserved yet: the request waits for stock */
    public static final String UNAVAILABLE = "StockUnavailable";

    public static final int VERSION = 1;
}
