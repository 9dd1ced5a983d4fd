package org.relief.contracts.inventory;

import java.math.BigDecimal;

/**
 * A requested line inventory refused when it took the request on, because it does not fit the item catalogue: it is
 * never reserved and never takes a place in the allocation queue. Carried by {@link StockReservationOpened#rejectedLines()}.
 *
 * @param reason        {@link #UNKNOWN_ITEM} (the code is not in the catalogue), {@link #WRONG_UNIT} (the catalogue
 *                      counts the item in another unit) or {@link #FRACTIONAL_QUANTITY} (a fractional quantity of an
 *                      item the catalogue counts in whole units)
 * @param catalogueUnit the unit the catalogue counts the item in (null for an unknown item; set for the other two)
 */
public record RejectedLine(String item, BigDecimal quantity, String unit, String reason, String catalogueUnit) {
    public static final String UNKNOWN_ITEM = "UNKNOWN_ITEM";
    public static final String WRONG_UNIT = "WRONG_UNIT";
    public static final String FRACTIONAL_QUANTITY = "FRACTIONAL_QUANTITY";
}
