package org.relief.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 11: whole numbers where the catalogue unit is counted (2.5 boxes is refused; 2.5 kg is fine). */
class WholeUnitsTest {

    @Test
    void countedUnitsAreTheCataloguesPiecesBoxesBagsAndTheirKinMeasuredUnitsAreNot() {
        for (String unit :
                List.of("piece", "box", "bag", "pair", "pack", "bottle", "Box", " boxes ", "pieces", "箱", "个")) {
            assertTrue(CountedUnits.counted(unit), unit);
        }
        for (String unit : List.of("kg", "g", "l", "litre", "m3", "t", "公斤", "")) {
            assertFalse(CountedUnits.counted(unit), unit);
        }
        assertFalse(CountedUnits.counted(null));
    }

    @Test
    void aWholeNumberMayBeWrittenWithTrailingZerosAFractionIsRefusedOnlyForACountedUnit() {
        assertTrue(CountedUnits.whole(new BigDecimal("3")));
        assertTrue(CountedUnits.whole(new BigDecimal("3.000")));
        assertTrue(CountedUnits.whole(new BigDecimal("-20")));
        assertTrue(CountedUnits.whole(new BigDecimal("1E+3")));
        assertFalse(CountedUnits.whole(new BigDecimal("2.5")));
        assertFalse(CountedUnits.whole(new BigDecimal("-0.001")));

        assertFalse(CountedUnits.fits("box", new BigDecimal("2.5")));
        assertFalse(CountedUnits.fits("box", new BigDecimal("-1.5")), "an adjustment is counted too");
        assertTrue(CountedUnits.fits("box", new BigDecimal("2.0")));
        assertTrue(CountedUnits.fits("kg", new BigDecimal("2.5")));
        assertEquals(
                "gloves is counted in whole units (box): the quantity must be a whole number, not 2.5",
                CountedUnits.text("gloves", "box", new BigDecimal("2.5")).in(false));
        assertEquals(
                "物资 gloves 按整数单位（box）计数：数量必须是整数，不能是 2.5",
                CountedUnits.text("gloves", "box", new BigDecimal("2.5")).in(true));
    }

    @Test
    void aRequestedLineWithAFractionOfACountedItemIsRejectedAtOnceWithItsOwnReason() {
        Map<String, String> catalogue = Map.of("gloves", "box", "rice", "kg");
        RejectedLine.Split split = RejectedLine.split(
                List.of(
                        new ReservationLine("gloves", new BigDecimal("2.5"), "box"),
                        new ReservationLine("gloves", new BigDecimal("3.0"), "box"),
                        new ReservationLine("rice", new BigDecimal("12.5"), "kg")),
                catalogue);
        assertEquals(
                List.of(
                        new ReservationLine("gloves", new BigDecimal("3.0"), "box"),
                        new ReservationLine("rice", new BigDecimal("12.5"), "kg")),
                split.fit());
        assertEquals(
                List.of(new RejectedLine(
                        "gloves", new BigDecimal("2.5"), "box", RejectedLine.FRACTIONAL_QUANTITY, "box")),
                split.rejected());
        assertEquals(
                "gloves: 2.5 box requested but the catalogue counts it in whole units (box), line rejected",
                split.rejected().get(0).explain());
        // a wrong unit is still reported as such, even when the quantity is a fraction too
        assertEquals(
                RejectedLine.WRONG_UNIT,
                RejectedLine.check(new ReservationLine("gloves", new BigDecimal("2.5"), "piece"), catalogue)
                        .reason());
        assertNull(RejectedLine.check(new ReservationLine("gloves", new BigDecimal("2"), "box"), catalogue));
    }
}
