package org.relief.requests.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.requests.domain.HelpRequestEvent.AllocationOutcome;
import org.relief.requests.domain.HelpRequestEvent.ReservedQuantity;

/** Issue 10 path 6: the stock release after a cancellation is on the timeline; each step knows when it happened. */
class TimelineOccurrenceTest {
    private final Instant t0 = Instant.parse("2021-12-24T08:00:00Z");
    private final Clock clock = Clock.fixed(t0, ZoneOffset.UTC);

    private HelpRequest reserved() {
        HelpRequest r = Submissions.submit(
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
                        List.of(new SupplyLine("n95-mask", new BigDecimal("1000"), "piece")),
                        null,
                        null,
                        null,
                        null),
                null,
                clock);
        r.reservationOpened("res-1", clock);
        r.stockAllocated(
                "res-1",
                AllocationOutcome.RESERVED,
                List.of(new ReservedQuantity("n95-mask", "piece", new BigDecimal("1000"))),
                List.of(),
                null,
                clock);
        return r;
    }

    @Test
    void theStockReleasedAfterACancellationIsRecordedOnceWithoutChangingTheStatus() {
        HelpRequest r = reserved();
        r.cancel("已从其他渠道获得物资", "p", clock);
        int events = r.pendingEvents().size();
        r.reservationReleased(
                "res-1",
                "CANCELLED",
                List.of(new ReservedQuantity("n95-mask", "piece", new BigDecimal("1000"))),
                clock);
        assertEquals(events + 1, r.pendingEvents().size(), "the compensation is a step of the request's story");
        var released = assertInstanceOf(
                HelpRequestEvent.ReservationReleased.class, r.pendingEvents().get(events));
        assertEquals("CANCELLED", released.reason());
        assertEquals(RequestStatus.CANCELLED, r.status());
        assertEquals(
                0, r.state().line("n95-mask").reserved().signum(), "nothing is held for a cancelled request any more");
        r.reservationReleased("res-1", "CANCELLED", List.of(), clock);
        r.reservationReleased("res-1", "EXPIRED", List.of(), clock);
        assertEquals(events + 1, r.pendingEvents().size(), "a repeat, or a second release, adds nothing");
        assertEquals(RequestStatus.CANCELLED, r.status());

        var text = TimelineText.explain(released);
        assertTrue(text.en().contains("n95-mask 1000"), text.en());
        assertTrue(text.zh().contains("n95-mask 1000"), text.zh());
    }

    @Test
    void eachStepSaysWhenItHappenedInTheServiceThatDidIt() {
        Instant scheduled = t0.plusSeconds(30);
        var trip = new HelpRequestEvent.TransportScheduled(
                "trip-1", "FREIGHT", "veh-1", "陕A1", "VAN", "c-1", "刘师傅", null, null, null, List.of(), null, null, null,
                null, null, List.of(), scheduled);
        assertEquals(scheduled, Occurrence.of(trip));
        assertEquals(t0, Occurrence.of(new HelpRequestEvent.ReservationOpened("res-1", t0)));
        assertEquals(
                t0.plusSeconds(1),
                Occurrence.of(new HelpRequestEvent.StockAllocated(
                        "res-1", AllocationOutcome.RESERVED, List.of(), List.of(), null, t0.plusSeconds(1))));
        assertEquals(
                t0.plusSeconds(2),
                Occurrence.of(new HelpRequestEvent.LinesRejected("res-1", List.of(), t0.plusSeconds(2))));
        assertEquals(
                t0.plusSeconds(3),
                Occurrence.of(
                        new HelpRequestEvent.VolunteersShort("c", null, "HAND_OUT", 2, 0, null, t0.plusSeconds(3))));
    }
}
