package org.relief.requests.domain;

import java.math.BigDecimal;

/** One line of a supplies request: how much of which item, in which unit. */
public record SupplyLine(String item, BigDecimal quantity, String unit) {
    public SupplyLine {
        if (item == null || item.isBlank()) {
            throw new IllegalArgumentException("a line needs an item");
        }
        if (quantity == null || quantity.signum() <= 0) {
            throw new IllegalArgumentException("a line needs a positive quantity");
        }
    }
}
