package org.relief.contracts.requests;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The requesting organisation accepts that part of what it asked for will not come (typically units rejected as
 * damaged at delivery that would otherwise be replaced): the request ends with what was received. Published by
 * requests-service on {@code requests.events.v1}, key = requestId. inventory-service releases what is still held for
 * the request (reason {@code SHORTFALL_ACCEPTED}) and takes it out of the allocation queue; dispatch-service then
 * cancels the request's freight trips not yet picked up (through that release).
 *
 * @param lines      per requested line, what will not come: requested minus accepted (0 lines are left out)
 * @param acceptedBy the actor from the caller's token ({@code <organisationId>/<user>} or {@code ops:<user>})
 */
public record HelpRequestShortfallAccepted(
        String requestId,
        String organisationId,
        List<ShortLine> lines,
        String note,
        String acceptedBy,
        Instant acceptedAt) {
    public static final String TYPE = "HelpRequestShortfallAccepted";
    public static final int VERSION = 1;

    public record ShortLine(
            String item, String unit, BigDecimal requested, BigDecimal received, BigDecimal shortfall) {}
}
