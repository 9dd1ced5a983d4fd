package org.relief.dispatch.domain;

import java.math.BigDecimal;

/**
 * One line of a proof of delivery: what the receiver accepted, what was rejected and why. Stored inside trip events:
 * its field names are the stored JSON's.
 */
public record DeliveredLine(
        String item, String unit, BigDecimal accepted, BigDecimal rejected, String rejectionReason) {}
