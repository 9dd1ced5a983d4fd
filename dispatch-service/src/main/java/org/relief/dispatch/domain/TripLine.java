package org.relief.dispatch.domain;

import java.math.BigDecimal;

/**
 * Units of one item on a trip, with the weight and volume they add to the vehicle (null when the catalogue gives no
 * figure for the item). Stored inside trip events: its field names are the stored JSON's.
 */
public record TripLine(String item, String unit, BigDecimal quantity, BigDecimal weightKg, BigDecimal volumeM3) {}
