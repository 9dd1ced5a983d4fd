package org.relief.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 10 path 5: a line that does not fit the catalogue is refused when the reservation opens, never queued. */
class CatalogueCheckTest {
    static final Clock CLOCK = Clock.systemUTC();
    static final Map<String, String> CATALOGUE = Map.of("rice-10kg", "bag", "n95-mask", "piece");

    static ReservationLine line(String item, int q, String unit) {
        return new ReservationLine(item, BigDecimal.valueOf(q), unit);
    }

    @Test
    void anUnknownItemAndAWrongUnitAreRefusedWithTheReasonAndTheCatalogueUnit() {
        RejectedLine.Split split = RejectedLine.split(
                List.of(line("n95-mask", 1000, "piece"), line("rise-10kg", 5, "bag"), line("rice-10kg", 200, "kg")),
                CATALOGUE);
        assertEquals(List.of(line("n95-mask", 1000, "piece")), split.fit());
        assertEquals(
                List.of(
                        new RejectedLine("rise-10kg", BigDecimal.valueOf(5), "bag", RejectedLine.UNKNOWN_ITEM, null),
                        new RejectedLine("rice-10kg", BigDecimal.valueOf(200), "kg", RejectedLine.WRONG_UNIT, "bag")),
                split.rejected());
        assertEquals(
                "rice-10kg: requested in kg but the catalogue counts bag, line rejected",
                split.rejected().get(1).explain());
    }

    @Test
    void aReservationKeepsOnlyTheLinesThatFitAndIsRejectedWhenNoneIsLeft() {
        RejectedLine.Split some =
                RejectedLine.split(List.of(line("n95-mask", 1000, "piece"), line("rice-10kg", 200, "kg")), CATALOGUE);
        StockReservation open = StockReservation.open(
                "req-1", "org-1", "HIGH", "雁塔区", some.fit(), some.rejected(), List.of(), null, CLOCK);
        assertEquals(StockReservation.Status.OPEN, open.status());
        assertTrue(open.waiting());
        assertEquals(1, open.lines().size());
        var opened = assertInstanceOf(
                StockReservationEvent.Opened.class, open.pendingEvents().get(0));
        assertEquals(some.rejected(), opened.rejectedLines());

        RejectedLine.Split none = RejectedLine.split(List.of(line("rice-10kg", 200, "kg")), CATALOGUE);
        StockReservation rejected = StockReservation.open(
                "req-2", "org-1", "HIGH", "雁塔区", none.fit(), none.rejected(), List.of(), null, CLOCK);
        assertEquals(StockReservation.Status.REJECTED, rejected.status());
        assertTrue(rejected.status().closed());
        assertTrue(!rejected.waiting(), "a rejected reservation never waits in the allocation queue");
        assertEquals(none.rejected(), rejected.rejectedLines());
    }
}
