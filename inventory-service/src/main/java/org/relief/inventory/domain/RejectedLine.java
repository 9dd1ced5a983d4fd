package org.relief.inventory.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A requested line refused when the reservation opened, because it does not fit the item catalogue: it is never
 * reserved and takes no place in the allocation queue. {@code reason} is {@link #UNKNOWN_ITEM}, {@link #WRONG_UNIT} or
 * {@link #FRACTIONAL_QUANTITY} (a fraction of an item the catalogue counts in whole units, see {@link CountedUnits});
 * {@code catalogueUnit} is the unit the catalogue counts the item in (null for an unknown item).
 */
public record RejectedLine(String item, BigDecimal quantity, String unit, String reason, String catalogueUnit) {
    public static final String UNKNOWN_ITEM = "UNKNOWN_ITEM";
    public static final String WRONG_UNIT = "WRONG_UNIT";
    /** e.g. 2.5 of an item the catalogue counts in boxes: whole units only (issue 11) */
    public static final String FRACTIONAL_QUANTITY = "FRACTIONAL_QUANTITY";

    /**
     * The catalogue check of one line: null when it fits (the item is catalogued, asked for in the catalogue's unit,
     * and in a whole number when that unit is counted).
     */
    public static RejectedLine check(ReservationLine line, Map<String, String> catalogueUnits) {
        String unit = catalogueUnits.get(line.item());
        if (unit == null) {
            return new RejectedLine(line.item(), line.quantity(), line.unit(), UNKNOWN_ITEM, null);
        }
        if (!unit.equals(line.unit())) {
            return new RejectedLine(line.item(), line.quantity(), line.unit(), WRONG_UNIT, unit);
        }
        if (!CountedUnits.fits(unit, line.quantity())) {
            return new RejectedLine(line.item(), line.quantity(), line.unit(), FRACTIONAL_QUANTITY, unit);
        }
        return null;
    }

    /** The lines that fit the catalogue (first) and those refused (second), in request order. */
    public static Split split(List<ReservationLine> lines, Map<String, String> catalogueUnits) {
        List<ReservationLine> fit = new ArrayList<>();
        List<RejectedLine> refused = new ArrayList<>();
        for (ReservationLine l : lines) {
            RejectedLine r = check(l, catalogueUnits);
            if (r == null) {
                fit.add(l);
            } else {
                refused.add(r);
            }
        }
        return new Split(List.copyOf(fit), List.copyOf(refused));
    }

    public record Split(List<ReservationLine> fit, List<RejectedLine> rejected) {}

    /** One sentence for the reservation's explanation. */
    /** The same as {@link #explain()}, in Chinese. */
    public String explainZh() {
        if (UNKNOWN_ITEM.equals(reason)) {
            return item + "：目录中没有此物资，该行被拒绝";
        }
        if (FRACTIONAL_QUANTITY.equals(reason)) {
            return item + "：申请 " + (quantity == null ? "?" : quantity.toPlainString()) + " " + unit + "，但目录按整数计数（"
                    + catalogueUnit + "），该行被拒绝";
        }
        return item + "：申请单位为 " + unit + "，目录按 " + catalogueUnit + " 计数，该行被拒绝";
    }

    public String explain() {
        if (UNKNOWN_ITEM.equals(reason)) {
            return item + ": not in the catalogue, line rejected";
        }
        if (FRACTIONAL_QUANTITY.equals(reason)) {
            return item + ": " + (quantity == null ? "?" : quantity.toPlainString()) + " " + unit
                    + " requested but the catalogue counts it in whole units (" + catalogueUnit + "), line rejected";
        }
        return item + ": requested in " + unit + " but the catalogue counts " + catalogueUnit + ", line rejected";
    }
}
