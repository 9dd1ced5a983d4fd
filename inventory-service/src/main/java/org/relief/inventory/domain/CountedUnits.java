package org.relief.inventory.domain;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import org.relief.kernel.text.Text;

/**
 * Units the catalogue counts in whole numbers (issue 11: "whole numbers where the unit is counted"). An item whose
 * catalogue unit is one of these (a piece, a box, a bag, a pair, ...) cannot be donated, adjusted or requested in a
 * fraction: 2.5 boxes is refused. Every other unit is measured ({@code kg}, {@code g}, {@code t}, {@code l},
 * {@code ml}, {@code m}, {@code m3}, ...) and takes decimals. The unit is compared case-insensitively, and an English
 * plural ({@code boxes}, {@code pieces}) counts like its singular; the Chinese measure words used for counted goods
 * (个, 件, 箱, ...) are counted too. A unit that is not listed is treated as measured, so nothing is refused on a guess.
 */
public final class CountedUnits {
    public static final Set<String> COUNTED = Set.of(
            "piece", "pc", "pcs", "item", "unit", "each", "box", "carton", "case", "crate", "pack", "packet", "bag",
            "sack", "bottle", "can", "tin", "jar", "tube", "pair", "set", "kit", "roll", "sheet", "bundle", "barrel",
            "drum", "pallet", "dose", "vial", "ampoule", "loaf", "tray", "个", "件", "只", "支", "箱", "盒", "包", "袋", "瓶",
            "罐", "桶", "双", "套", "卷", "张", "台", "条", "把", "顶", "副", "片", "粒", "份");

    private CountedUnits() {}

    /** Whether the catalogue unit is counted in whole numbers (see the class comment for the set). */
    public static boolean counted(String unit) {
        if (unit == null) {
            return false;
        }
        String u = unit.strip().toLowerCase(Locale.ROOT);
        if (COUNTED.contains(u)) {
            return true;
        }
        if (u.endsWith("es") && COUNTED.contains(u.substring(0, u.length() - 2))) {
            return true; // boxes
        }
        return u.endsWith("s") && COUNTED.contains(u.substring(0, u.length() - 1));
    }

    /** 3, 3.0 and 3.000 are whole; 2.5 and 0.001 are not. */
    public static boolean whole(BigDecimal quantity) {
        return quantity.signum() == 0 || quantity.stripTrailingZeros().scale() <= 0;
    }

    /** Whether {@code quantity} may be entered against an item the catalogue counts in {@code unit}. */
    public static boolean fits(String unit, BigDecimal quantity) {
        return quantity == null || !counted(unit) || whole(quantity);
    }

    /** Why a fractional quantity of a counted item is refused, in either language. */
    public static Text text(String item, String unit, BigDecimal quantity) {
        return Texts.of("quantity.whole-units", item, unit, quantity.toPlainString());
    }
}
