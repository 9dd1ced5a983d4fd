package org.relief.inventory.domain;

import java.math.BigDecimal;

/** One requested line a reservation must cover. */
public record ReservationLine(String item, BigDecimal quantity, String unit) {}
