package org.relief.contracts;

import java.math.BigDecimal;

/**
 * One line of a supplies request as it travels between services.
 *
 * @param item     the item code from the inventory catalogue (e.g. {@code n95-mask}) or a free name
 * @param quantity how many units
 * @param unit     the unit the quantity is counted in (piece, box, kg...)
 */
public record RequestedLine(String item, BigDecimal quantity, String unit) {}
