package org.relief.requests.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;
import org.relief.requests.domain.HelpRequestEvent.AllocationOutcome;
import org.relief.requests.domain.HelpRequestEvent.RejectedLine;
import org.relief.requests.domain.HelpRequestEvent.ReservedQuantity;

/** Issue 10 path 5: lines inventory's catalogue refused are shown on the request, and with none left it is REJECTED. */
class CatalogueRejectionTest {
    private final Clock clock = Clock.fixed(Instant.parse("2021-12-24T08:00:00Z"), ZoneOffset.UTC);
    static final RejectedLine TYPO =
            new RejectedLine("rise-10kg", new BigDecimal("5"), "bag", RejectedLine.UNKNOWN_ITEM, null);
    static final RejectedLine KILOS =
            new RejectedLine("rice-10kg", new BigDecimal("200"), "kg", RejectedLine.WRONG_UNIT, "bag");

    private HelpRequest request(SupplyLine... lines) {
        return Submissions.submit(
                new SubmitHelpRequest(
                        "org-1",
                        RequestKind.SUPPLIES,
                        Priority.HIGH,
                        List.of(),
                        "锦业路小区",
                        "雁塔区",
                        null,
                        null,
                        null,
                        List.of(lines),
                        null,
                        null,
                        null,
                        null),
                null,
                clock);
    }

    private static SupplyLine line(String item, int q, String unit) {
        return new SupplyLine(item, BigDecimal.valueOf(q), unit);
    }

    @Test
    void refusedLinesAreMarkedWithReasonAndCatalogueUnitAndTheRestCarriesOn() {
        HelpRequest r =
                request(line("n95-mask", 1000, "piece"), line("rise-10kg", 5, "bag"), line("rice-10kg", 200, "kg"));
        r.reservationOpened("res-1", List.of(TYPO, KILOS), clock);
        var rejected = assertInstanceOf(
                HelpRequestEvent.LinesRejected.class, r.pendingEvents().get(2));
        assertEquals(List.of(TYPO, KILOS), rejected.lines());
        assertEquals(RequestStatus.RESERVATION_PENDING, r.status());
        assertNull(r.state().line("n95-mask").catalogueRejection());
        assertEquals(
                new CatalogueRejection(RejectedLine.UNKNOWN_ITEM, null),
                r.state().line("rise-10kg").catalogueRejection());
        assertEquals(
                new CatalogueRejection(RejectedLine.WRONG_UNIT, "bag"),
                r.state().line("rice-10kg").catalogueRejection());

        // a repeat of the opening changes nothing
        r.reservationOpened("res-1", List.of(TYPO, KILOS), clock);
        assertEquals(3, r.pendingEvents().size());

        // the remaining line decides the status: fully reserved is RESERVED, fully received is FULFILLED
        r.stockAllocated(
                "res-1",
                AllocationOutcome.RESERVED,
                List.of(new ReservedQuantity("n95-mask", "piece", new BigDecimal("1000"))),
                List.of(),
                null,
                clock);
        assertEquals(RequestStatus.RESERVED, r.status());
        assertEquals(Progress.COMPLETE, r.state().reservedProgress());
        assertThrows(
                RuleViolation.class,
                () -> r.confirmReceipt(
                        List.of(new ReceiptLine("rice-10kg", BigDecimal.ONE, BigDecimal.ZERO, null)), "p", clock),
                "nothing of a refused line can be received");
        r.confirmReceipt(
                List.of(new ReceiptLine("n95-mask", new BigDecimal("1000"), BigDecimal.ZERO, null)), "p", clock);
        assertEquals(RequestStatus.FULFILLED, r.status());
    }

    @Test
    void withEveryLineRefusedTheRequestEndsRejected() {
        HelpRequest r = request(line("rise-10kg", 5, "bag"), line("rice-10kg", 200, "kg"));
        r.reservationOpened("res-1", List.of(TYPO, KILOS), clock);
        assertEquals(RequestStatus.REJECTED, r.status());
        assertTrue(r.status().terminal());
        assertTrue(RequestStatus.TERMINAL.contains(RequestStatus.REJECTED));
        assertTrue(assertThrows(RuleViolation.class, () -> r.cancel("x", "p", clock))
                .isConflict());
        int events = r.pendingEvents().size();
        assertTrue(!r.escalate(clock.instant(), clock));
        r.stockAllocated("res-1", AllocationOutcome.UNAVAILABLE, List.of(), List.of(), null, clock);
        assertEquals(events, r.pendingEvents().size(), "late answers of an ended request change nothing");
    }

    @Test
    void theTimelineSaysWhyInEnglishAndChinese() {
        var text = TimelineText.explain(
                new HelpRequestEvent.LinesRejected("res-1", List.of(TYPO, KILOS), clock.instant()));
        assertTrue(text.en().contains("rise-10kg") && text.en().contains("not in the catalogue"), text.en());
        assertTrue(text.en().contains("rice-10kg") && text.en().contains("counts it in bag"), text.en());
        assertTrue(text.zh().contains("rise-10kg") && text.zh().contains("目录中没有"), text.zh());
        assertTrue(text.zh().contains("rice-10kg") && text.zh().contains("bag"), text.zh());
    }
}
