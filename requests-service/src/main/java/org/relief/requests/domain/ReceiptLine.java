package org.relief.requests.domain;

import java.math.BigDecimal;

/** What the partner says it received of one line. */
public record ReceiptLine(String item, BigDecimal accepted, BigDecimal rejected, String rejectionReason) {}
