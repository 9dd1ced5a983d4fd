package org.relief.inventory.projection;

import org.relief.inventory.domain.Allocation;

import java.math.BigDecimal;
import java.util.List;

/** One requested line of a reservation with what is held for it so far. */
public record ReservationLineView(String item, String unit, BigDecimal requested, BigDecimal reserved,
                                  List<Allocation> allocations) {
}
