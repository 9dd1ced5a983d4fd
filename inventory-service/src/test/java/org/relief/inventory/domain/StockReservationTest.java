package org.relief.inventory.domain;

import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StockReservationTest {
    @Test
    void openingAReservationRecordsTheRequestedLines() {
        var lines = List.of(new ReservationLine("n95-mask", new BigDecimal("1000"), "piece"));
        StockReservation r = StockReservation.open("req-1", "org-1", "CRITICAL", "雁塔区", lines, Clock.systemUTC());
        assertEquals("req-1", r.id());
        assertEquals(StockReservation.Status.OPEN, r.status());
        var opened = assertInstanceOf(StockReservationEvent.Opened.class, r.pendingEvents().get(0));
        assertEquals(lines, opened.lines());
        assertEquals(r.reservationId(), opened.reservationId());
    }

    @Test
    void aRequestWithoutLinesCannotBeReservedFor() {
        assertThrows(RuleViolation.class, () -> StockReservation.open("req-2", "org-1", "HIGH", "碑林区", List.of(), Clock.systemUTC()));
    }
}
