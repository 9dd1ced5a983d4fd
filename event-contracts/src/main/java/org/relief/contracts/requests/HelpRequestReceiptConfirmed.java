package org.relief.contracts.requests;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The requesting organisation confirmed what it received: per line, the accepted and rejected quantities. Published
 * by requests-service on {@code requests.events.v1}, key = requestId. inventory-service turns accepted quantities into
 * stock issues and releases rejected ones back (with dispatch's proof of delivery, in the saga issue).
 */
public record HelpRequestReceiptConfirmed(
        String requestId, String organisationId, List<ReceivedLine> lines, Instant confirmedAt) {
    public static final String TYPE = "HelpRequestReceiptConfirmed";
    public static final int VERSION = 1;

    public record ReceivedLine(
            String item, String unit, BigDecimal accepted, BigDecimal rejected, String rejectionReason) {}
}
