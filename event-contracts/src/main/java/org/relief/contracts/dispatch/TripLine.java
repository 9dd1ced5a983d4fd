package org.relief.contracts.dispatch;

import java.math.BigDecimal;

/**
 * Units of one item on a trip, with the weight and volume they add to the vehicle (null when the catalogue gives no
 * figure for the item: planned as weightless, and said so in the trip's explanation).
 */
public record TripLine(String item, String unit, BigDecimal quantity, BigDecimal weightKg, BigDecimal volumeM3) {}
