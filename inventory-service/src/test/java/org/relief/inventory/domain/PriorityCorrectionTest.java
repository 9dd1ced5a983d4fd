package org.relief.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;

/** Issue 11: a corrected priority gives an open reservation its new place in the allocation queue. */
class PriorityCorrectionTest {
    static final Instant AT = Instant.parse("2021-12-24T09:00:00Z");

    private static AllocationPolicy.Demand demand(StockReservation r) {
        return new AllocationPolicy.Demand(
                r.id(), r.priority(), r.vulnerabilities(), Instant.parse("2021-12-24T08:00:00Z"), "雁塔区", List.of());
    }

    @Test
    void anOpenReservationTakesTheCorrectedPriorityAndFlags() {
        StockReservation r = StockReservationTest.opened();
        assertTrue(r.correctPriority("NORMAL", List.of(), "核实", AT, StockReservationTest.CLOCK));
        var e = assertInstanceOf(
                StockReservationEvent.PriorityCorrected.class, r.pendingEvents().get(1));
        assertEquals(
                new StockReservationEvent.PriorityCorrected(
                        "CRITICAL", "NORMAL", List.of("ELDERLY_LIVING_ALONE"), List.of(), "核实", AT),
                e);
        assertEquals("NORMAL", r.priority());
        assertEquals(List.of(), r.vulnerabilities());

        // now behind a HIGH request submitted later
        var later = new AllocationPolicy.Demand(
                "req-2", "HIGH", List.of(), Instant.parse("2021-12-24T08:30:00Z"), "雁塔区", List.of());
        assertTrue(AllocationPolicy.QUEUE_ORDER.compare(later, demand(r)) < 0);

        // a repeat changes nothing
        assertFalse(r.correctPriority("NORMAL", List.of(), "核实", AT, StockReservationTest.CLOCK));
        assertEquals(2, r.pendingEvents().size());
    }

    @Test
    void aClosedReservationIsNoLongerQueuedAndIgnoresIt() {
        StockReservation r = StockReservationTest.opened();
        r.release("CANCELLED", StockReservationTest.CLOCK);
        int events = r.pendingEvents().size();
        assertFalse(r.correctPriority("NORMAL", List.of(), "核实", AT, StockReservationTest.CLOCK));
        assertEquals(events, r.pendingEvents().size());
        assertEquals("CRITICAL", r.priority());
    }

    @Test
    void anUnknownPriorityIsRefused() {
        StockReservation r = StockReservationTest.opened();
        assertThrows(
                RuleViolation.class, () -> r.correctPriority("URGENT", List.of(), "x", AT, StockReservationTest.CLOCK));
    }
}
