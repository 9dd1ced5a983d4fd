package org.relief.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueueRoundTest {
    static DispatchQueue.QueuedTrip ride(String id, String key) {
        return new DispatchQueue.QueuedTrip(id, false, key);
    }

    static DispatchQueue.QueuedTrip freight(String id) {
        return new DispatchQueue.QueuedTrip(id, true, null);
    }

    @Test
    void aRideThatFoundNoTaxiSparesTheSearchForRidesAskingTheSameAndNoOthers() {
        QueueRound round = new QueueRound();
        String nineToTen = "2026-12-07T01:00:00Z|2026-12-07T02:00:00Z|false";
        String nineToTenWheelchair = "2026-12-07T01:00:00Z|2026-12-07T02:00:00Z|true";
        String tenToEleven = "2026-12-07T02:00:00Z|2026-12-07T03:00:00Z|false";
        var first = ride("r1", nineToTen);
        assertFalse(round.skip(first));
        round.stillQueued(first, true);
        assertTrue(round.skip(ride("r2", nineToTen)), "same window, same need: nothing to find");
        assertFalse(round.skip(ride("r3", nineToTenWheelchair)), "another need: searched");
        assertFalse(round.skip(ride("r4", tenToEleven)), "another window: searched");
        assertFalse(round.skip(ride("r5", null)), "a ride without a known window is always searched");
        assertFalse(round.skip(freight("f1")), "freight is not held back by rides");
        assertEquals(5, round.tried());
        assertEquals(1, round.skipped());
    }

    @Test
    void aRideThatGotATaxiSparesNothing() {
        QueueRound round = new QueueRound();
        var first = ride("r1", "k");
        assertFalse(round.skip(first));
        round.scheduled();
        assertFalse(round.skip(ride("r2", "k")), "the next one may find the next taxi");
        assertEquals(1, round.scheduledCount());
    }

    @Test
    void freightIsPassedOverOnlyOnceNoTruckOrVanIsFreeAtAll() {
        QueueRound round = new QueueRound();
        var heavy = freight("f1");
        assertFalse(round.skip(heavy));
        round.stillQueued(heavy, true); // too heavy for what is free, but something is free
        assertFalse(round.skip(freight("f2")));
        round.stillQueued(freight("f2"), false);
        assertTrue(round.skip(freight("f3")));
        assertFalse(round.skip(ride("r1", "k")), "rides are not held back by freight");
    }
}
