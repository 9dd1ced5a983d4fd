package org.relief.requests.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 10 path 6: the timeline reads in the order things happened, not in the order requests-service heard of them. */
class TimelineOrderTest {
    private static final Instant T0 = Instant.parse("2021-12-24T08:00:00Z");

    private static TimelineEntry entry(long version, String event, Instant at, Instant recordedAt) {
        return new TimelineEntry(version, event, at, recordedAt, "x", null, null, event, event, null);
    }

    @Test
    void stepsAreListedByWhenTheyHappenedWithTheStreamOrderBreakingTies() {
        List<TimelineEntry> heard = List.of(
                entry(1, "Submitted", T0, T0),
                // dispatch's topic was read first: the trip was recorded before the allocation it carries
                entry(2, "TransportScheduled", T0.plusSeconds(3), T0.plusSeconds(4)),
                entry(3, "ReservationOpened", T0.plusSeconds(1), T0.plusSeconds(5)),
                entry(4, "StockAllocated", T0.plusSeconds(1), T0.plusSeconds(5)),
                // a step without its own time (none stored) counts as happened when recorded
                entry(5, "Escalated", null, T0.plusSeconds(2)));
        List<TimelineEntry> ordered = TimelineEntry.inOrderOfOccurrence(heard);
        assertEquals(
                List.of("Submitted", "ReservationOpened", "StockAllocated", "Escalated", "TransportScheduled"),
                ordered.stream().map(TimelineEntry::event).toList());
        assertEquals(T0.plusSeconds(2), ordered.get(3).at(), "at falls back to recordedAt");
    }
}
