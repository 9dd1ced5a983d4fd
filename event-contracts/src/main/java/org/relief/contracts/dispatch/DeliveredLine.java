package org.relief.contracts.dispatch;

import java.math.BigDecimal;

/** One line of a proof of delivery: what the receiver accepted, what was rejected and why (rejected units go back). */
public record DeliveredLine(
        String item, String unit, BigDecimal accepted, BigDecimal rejected, String rejectionReason) {}
