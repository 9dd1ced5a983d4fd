package org.relief.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;

class StockItemTest {
    static final Clock CLOCK = Clock.systemUTC();
    static final LocalDate TODAY = LocalDate.of(2021, 12, 24);

    static BigDecimal n(int v) {
        return BigDecimal.valueOf(v);
    }

    static StockItem withLot(int quantity) {
        StockItem s = StockItem.empty("n95-mask");
        s.receive("wh-1", "lot-1", "L-1", "don-1", "chamber", n(quantity), null, CLOCK);
        return s;
    }

    @Test
    void reservedNeverGoesAboveOnHand() {
        StockItem s = withLot(100);
        s.reserve("req-1", "lot-1", n(60), TODAY, CLOCK);
        RuleViolation v = assertThrows(RuleViolation.class, () -> s.reserve("req-2", "lot-1", n(41), TODAY, CLOCK));
        assertTrue(v.isConflict());
        s.reserve("req-2", "lot-1", n(40), TODAY, CLOCK);
        assertEquals(0, s.position("lot-1").available().signum());
        assertEquals(n(100), s.position("lot-1").reserved());
    }

    @Test
    void anAdjustmentCannotTakeOnHandBelowWhatIsReservedOrBelowZero() {
        StockItem s = withLot(100);
        s.reserve("req-1", "lot-1", n(70), TODAY, CLOCK);
        assertTrue(assertThrows(
                        RuleViolation.class,
                        () -> s.adjust("wh-1", "lot-1", n(-31), AdjustmentReason.DAMAGED, null, CLOCK))
                .isConflict());
        s.adjust("wh-1", "lot-1", n(-30), AdjustmentReason.DAMAGED, "wet", CLOCK);
        assertEquals(n(70), s.position("lot-1").onHand());
        StockItem empty = withLot(5);
        assertThrows(
                RuleViolation.class, () -> empty.adjust("wh-1", "lot-1", n(-6), AdjustmentReason.LOST, null, CLOCK));
        assertThrows(
                RuleViolation.class,
                () -> empty.adjust("wh-2", "lot-1", n(1), AdjustmentReason.FOUND, null, CLOCK),
                "the lot is not in that warehouse");
        assertThrows(
                RuleViolation.class, () -> empty.adjust("wh-1", "lot-1", n(0), AdjustmentReason.FOUND, null, CLOCK));
    }

    @Test
    void expiredLotsCannotBeReserved() {
        StockItem s = StockItem.empty("vitamin");
        s.receive("wh-1", "old", null, "don-1", "org", n(10), TODAY.minusDays(1), CLOCK);
        s.receive("wh-1", "fresh", null, "don-1", "org", n(10), TODAY, CLOCK);
        assertTrue(assertThrows(RuleViolation.class, () -> s.reserve("r", "old", n(1), TODAY, CLOCK))
                .isConflict());
        s.reserve("r", "fresh", n(10), TODAY, CLOCK);
    }

    @Test
    void aRequestCanOnlyReleaseOrIssueWhatWasReservedForIt() {
        StockItem s = withLot(100);
        s.reserve("req-1", "lot-1", n(30), TODAY, CLOCK);
        assertThrows(
                RuleViolation.class,
                () -> s.release("req-2", "lot-1", n(1), "CANCELLED", CLOCK),
                "not reserved for req-2");
        assertThrows(RuleViolation.class, () -> s.release("req-1", "lot-1", n(31), "CANCELLED", CLOCK));
        s.release("req-1", "lot-1", n(10), "CANCELLED", CLOCK);
        s.issue("req-1", "lot-1", n(20), CLOCK);
        assertThrows(
                RuleViolation.class,
                () -> s.release("req-1", "lot-1", n(1), "CANCELLED", CLOCK),
                "nothing left to release twice");
        assertEquals(n(80), s.position("lot-1").onHand());
        assertEquals(0, s.position("lot-1").reserved().signum());
        assertEquals(Map.of(), s.heldFor("req-1"));
    }

    @Test
    void rejectedUnitsGoToQuarantineOnHandButNeverReservableUntilOpsWritesThemOffOrReleasesThem() {
        StockItem s = withLot(1000);
        s.reserve("req-1", "lot-1", n(1000), TODAY, CLOCK);
        s.issue("req-1", "lot-1", n(995), CLOCK);
        var q = s.quarantine("req-1", "lot-1", n(5), "damaged at delivery", CLOCK);
        assertEquals(n(5), q.quantity());
        LotPosition p = s.position("lot-1");
        assertEquals(n(5), p.onHand(), "quarantined units are still counted on hand");
        assertEquals(n(5), p.quarantined());
        assertEquals(0, p.reserved().signum());
        assertEquals(0, p.available().signum(), "quarantined units are not available");
        assertTrue(
                assertThrows(RuleViolation.class, () -> s.reserve("req-2", "lot-1", n(1), TODAY, CLOCK))
                        .isConflict(),
                "damaged units are never reserved for the next community");
        assertThrows(
                RuleViolation.class, () -> s.quarantine("req-1", "lot-1", n(1), "x", CLOCK), "nothing held any more");
        assertTrue(
                assertThrows(
                                RuleViolation.class,
                                () -> s.adjust("wh-1", "lot-1", n(-1), AdjustmentReason.LOST, null, CLOCK))
                        .isConflict(),
                "quarantined units cannot vanish by an adjustment");

        s.writeOffQuarantined(q.entryId(), "shredded", CLOCK);
        assertEquals(0, s.position("lot-1").onHand().signum(), "written off: gone from on hand");
        assertEquals(0, s.position("lot-1").quarantined().signum());
        assertTrue(assertThrows(RuleViolation.class, () -> s.writeOffQuarantined(q.entryId(), "again", CLOCK))
                .isConflict());
        assertTrue(assertThrows(RuleViolation.class, () -> s.releaseQuarantined(q.entryId(), "again", CLOCK))
                .isConflict());
        assertThrows(RuleViolation.class, () -> s.releaseQuarantined("no-such-entry", "x", CLOCK));

        StockItem t = withLot(10);
        t.reserve("req-1", "lot-1", n(10), TODAY, CLOCK);
        var q2 = t.quarantine("req-1", "lot-1", n(4), "wet boxes", CLOCK);
        assertEquals(n(0), t.position("lot-1").available());
        t.releaseQuarantined(q2.entryId(), "inspected: boxes only", CLOCK);
        assertEquals(n(4), t.position("lot-1").available(), "released by ops: available again");
        t.reserve("req-2", "lot-1", n(4), TODAY, CLOCK);
        StockItem replayed = StockItem.fold("n95-mask", new ArrayList<>(t.pendingEvents()));
        assertEquals(t.positions(), replayed.positions());
    }

    @Test
    void reversalsAppendTheOppositeAndAreRefusedWhenTheyWouldBreakAnInvariant() {
        StockItem s = withLot(100);
        String received = s.positions().isEmpty() ? null : firstEntry(s);
        var adjusted = s.adjust("wh-1", "lot-1", n(5), AdjustmentReason.FOUND, null, CLOCK);
        s.reverse(adjusted.entryId(), "typo", CLOCK);
        assertEquals(n(100), s.position("lot-1").onHand());
        assertTrue(assertThrows(RuleViolation.class, () -> s.reverse(adjusted.entryId(), "again", CLOCK))
                .isConflict());

        var reserved = s.reserve("req-1", "lot-1", n(1), TODAY, CLOCK);
        assertTrue(
                assertThrows(RuleViolation.class, () -> s.reverse(reserved.entryId(), "no", CLOCK))
                        .isConflict(),
                "reservations are released, not reversed");
        assertTrue(
                assertThrows(RuleViolation.class, () -> s.reverse(received, "wrong donation", CLOCK))
                        .isConflict(),
                "the receipt cannot be undone while a unit of it is held");
        s.release("req-1", "lot-1", n(1), "CANCELLED", CLOCK);
        s.reverse(received, "wrong donation", CLOCK);
        assertEquals(0, s.position("lot-1").onHand().signum());
    }

    private static String firstEntry(StockItem s) {
        return s.pendingEvents().get(0).entryId();
    }

    @Test
    void randomCommandsNeverBreakTheInvariantsAndReplayGivesTheSameFigures() {
        Random random = new Random(42);
        StockItem s = StockItem.empty("n95-mask");
        List<String> lots = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            try {
                int op = random.nextInt(6);
                String lot = lots.isEmpty() ? "none" : lots.get(random.nextInt(lots.size()));
                String request = "req-" + random.nextInt(8);
                int q = 1 + random.nextInt(40);
                switch (op) {
                    case 0 -> {
                        String id = "lot-" + i;
                        s.receive(
                                "wh-" + random.nextInt(2),
                                id,
                                null,
                                "d",
                                "o",
                                n(q),
                                TODAY.plusDays(random.nextInt(5) - 1),
                                CLOCK);
                        lots.add(id);
                    }
                    case 1, 2 -> s.reserve(request, lot, n(q), TODAY, CLOCK);
                    case 3 -> s.release(request, lot, n(q), "CANCELLED", CLOCK);
                    case 4 -> s.issue(request, lot, n(q), CLOCK);
                    default -> s.adjust(
                            s.hasLot(lot) ? s.position(lot).warehouseId() : "wh-0",
                            lot,
                            n(q - 20 == 0 ? 1 : q - 20),
                            AdjustmentReason.COUNT_CORRECTION,
                            null,
                            CLOCK);
                }
            } catch (RuleViolation refused) {
                // refused commands change nothing
            }
            for (LotPosition p : s.positions()) {
                assertTrue(p.onHand().signum() >= 0, "on hand never negative");
                assertTrue(
                        p.reserved().signum() >= 0 && p.reserved().compareTo(p.onHand()) <= 0,
                        "0 <= reserved <= on hand");
            }
        }
        assertEquals(
                s.positions(), StockItem.fold("n95-mask", s.pendingEvents()).positions());
    }
}
