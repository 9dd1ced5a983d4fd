package org.relief.dispatch.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Arithmetic on loads: a line's weight and volume follow from its units; unknown figures count as nothing. */
public final class Loads {
    private Loads() {}

    /** A line of {@code quantity} units; weight/volume null when the catalogue gives no figure per unit. */
    public static TripLine line(
            String item, String unit, BigDecimal quantity, BigDecimal unitWeightKg, BigDecimal unitVolumeM3) {
        return new TripLine(item, unit, quantity, times(quantity, unitWeightKg), times(quantity, unitVolumeM3));
    }

    /** The same line with another quantity, weight and volume scaled per unit. */
    public static TripLine withQuantity(TripLine l, BigDecimal quantity) {
        return line(
                l.item(), l.unit(), quantity, perUnit(l.weightKg(), l.quantity()), perUnit(l.volumeM3(), l.quantity()));
    }

    public static BigDecimal perUnit(BigDecimal total, BigDecimal quantity) {
        if (total == null || quantity == null || quantity.signum() == 0) {
            return null;
        }
        return total.divide(quantity, 12, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    public static BigDecimal weight(List<TripLine> lines) {
        return plain(
                lines.stream().map(TripLine::weightKg).filter(w -> w != null).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    public static BigDecimal volume(List<TripLine> lines) {
        return plain(
                lines.stream().map(TripLine::volumeM3).filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    public static BigDecimal quantityOf(List<TripLine> lines, String item) {
        return lines.stream()
                .filter(l -> l.item().equals(item))
                .map(TripLine::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal times(BigDecimal quantity, BigDecimal perUnit) {
        return perUnit == null || quantity == null ? null : plain(quantity.multiply(perUnit));
    }

    /** 12 rather than 12.000 or 1.2E+1 */
    public static BigDecimal plain(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
