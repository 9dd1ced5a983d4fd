package org.relief.dispatch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;

class TripTest {
    static final Instant NOW = Instant.parse("2021-12-24T08:00:00Z");
    static final Place WAREHOUSE = new Place("w1", "雁塔区物资仓库", "雁塔区", "丈八东路1号");
    static final Place COMPOUND = new Place(null, "锦业路小区", "雁塔区", "锦业路1号");
    static final VehicleBooking TRUCK = new VehicleBooking(
            "v1", "陕A12345", VehicleKind.TRUCK, "c1", "org", "王师傅", "13800138000", NOW, NOW.plusSeconds(4 * 3600));

    static Trip freight() {
        return Trip.plan(
                "t1",
                TripKind.FREIGHT,
                "r1",
                "yanta-community",
                Priority.CRITICAL,
                WAREHOUSE,
                COMPOUND,
                "w1",
                List.of(Loads.line(
                        "n95-mask", "piece", new BigDecimal("500"), new BigDecimal("0.01"), new BigDecimal("0.0002"))),
                null,
                null,
                List.of(),
                NOW);
    }

    static Trip ride() {
        return Trip.plan(
                "t2",
                TripKind.RIDE,
                "r2",
                "taxi-assoc",
                Priority.HIGH,
                COMPOUND,
                WAREHOUSE,
                null,
                List.of(),
                new Ride("考生", "雁塔区", NOW, NOW.plusSeconds(3600), List.of()),
                null,
                List.of(),
                NOW);
    }

    static Trip scheduled() {
        Trip t = freight();
        t.schedule(TRUCK, null, List.of("capacity"), NOW);
        return t;
    }

    static boolean conflict(Runnable r) {
        RuleViolation v = assertThrows(RuleViolation.class, r::run);
        return v.isConflict();
    }

    @Test
    void aPlannedTripIsQueuedOrScheduledAndEveryStepIsAnEvent() {
        Trip t = freight();
        t.queue(new QueueReason("no truck free", "no truck free"), List.of("queued: no truck free"), NOW);
        assertEquals(TripStatus.QUEUED, t.status());
        t.schedule(TRUCK, null, List.of(), NOW.plusSeconds(60));
        assertEquals(TripStatus.SCHEDULED, t.status());
        t.pickUp(null, NOW.plusSeconds(600));
        assertEquals(new BigDecimal("500"), t.loaded().get(0).quantity());
        t.deliver(
                "李主任",
                List.of(new DeliveredLine("n95-mask", null, new BigDecimal("490"), new BigDecimal("10"), "破损")),
                null,
                NOW.plusSeconds(3600));
        assertEquals(TripStatus.DELIVERED, t.status());
        List<TripEvent> events = t.pendingEvents();
        assertEquals(5, events.size());
        assertInstanceOf(TripEvent.Planned.class, events.get(0));
        assertInstanceOf(TripEvent.Delivered.class, events.get(4));
        assertEquals(
                "piece", ((TripEvent.Delivered) events.get(4)).lines().get(0).unit());
    }

    @Test
    void pickupOnlyWhenScheduledAndDeliveryOnlyWhenPickedUp() {
        Trip queued = freight();
        queued.queue(new QueueReason("none", "none"), List.of(), NOW);
        assertTrue(conflict(() -> queued.pickUp(null, NOW)));
        Trip t = scheduled();
        assertTrue(conflict(() -> t.deliver("李主任", List.of(), null, NOW)));
        t.pickUp(null, NOW);
        assertTrue(conflict(() -> t.pickUp(null, NOW)));
    }

    @Test
    void aPickupLoadsAtMostThePlannedLoadOfItsOwnItems() {
        Trip t = scheduled();
        assertFalse(conflict(
                () -> t.pickUp(List.of(new TripLine("n95-mask", null, new BigDecimal("501"), null, null)), NOW)));
        assertFalse(conflict(() -> t.pickUp(List.of(new TripLine("rice", null, BigDecimal.ONE, null, null)), NOW)));
        assertFalse(conflict(() -> t.pickUp(List.of(), NOW)));
        t.pickUp(List.of(new TripLine("n95-mask", null, new BigDecimal("300"), null, null)), NOW);
        assertEquals(0, new BigDecimal("3").compareTo(t.loaded().get(0).weightKg()), "weight follows the units loaded");
    }

    @Test
    void acceptedPlusRejectedMayNotExceedWhatWasLoadedAndRejectionNeedsAReason() {
        Trip t = scheduled();
        t.pickUp(List.of(new TripLine("n95-mask", null, new BigDecimal("300"), null, null)), NOW);
        assertFalse(conflict(() -> t.deliver(
                "李主任",
                List.of(new DeliveredLine("n95-mask", null, new BigDecimal("300"), BigDecimal.ONE, "破损")),
                null,
                NOW)));
        assertFalse(conflict(() -> t.deliver(
                "李主任",
                List.of(new DeliveredLine("n95-mask", null, new BigDecimal("290"), BigDecimal.TEN, " ")),
                null,
                NOW)));
        assertFalse(conflict(() ->
                t.deliver(null, List.of(new DeliveredLine("n95-mask", null, BigDecimal.ONE, null, null)), null, NOW)));
        t.deliver("李主任", List.of(new DeliveredLine("n95-mask", null, new BigDecimal("300"), null, null)), "谢谢", NOW);
        assertEquals(TripStatus.DELIVERED, t.status());
    }

    @Test
    void aRideIsDeliveredWithoutLines() {
        Trip t = ride();
        t.schedule(TRUCK, null, List.of(), NOW);
        t.pickUp(null, NOW);
        assertFalse(conflict(
                () -> t.deliver(null, List.of(new DeliveredLine("x", null, BigDecimal.ONE, null, null)), null, NOW)));
        t.deliver(null, null, null, NOW);
        assertEquals(TripStatus.DELIVERED, t.status());
    }

    @Test
    void failureAndCancellationEndATripOnceAndSayWhetherTheLoadWasOnBoard() {
        Trip t = scheduled();
        t.pickUp(null, NOW);
        assertFalse(conflict(() -> t.fail(" ", Trip.FAILED_RETURNED, null, NOW)));
        t.fail("道路封闭", Trip.FAILED_REPLANNED, "t9", NOW);
        TripEvent.Failed f =
                (TripEvent.Failed) t.pendingEvents().get(t.pendingEvents().size() - 1);
        assertTrue(f.wasPickedUp());
        assertEquals("t9", f.replacementTripId());
        assertTrue(conflict(() -> t.cancel("x", null, NOW)));
        assertTrue(conflict(() -> t.fail("again", Trip.FAILED_RETURNED, null, NOW)));

        Trip queued = freight();
        queued.queue(new QueueReason("none", "none"), List.of(), NOW);
        assertTrue(
                conflict(() -> queued.fail("x", Trip.FAILED_RETURNED, null, NOW)),
                "a queued trip is cancelled, not failed");
        queued.cancel("REQUEST_CANCELLED", null, NOW);
        assertFalse(((TripEvent.Cancelled) queued.pendingEvents().get(2)).wasPickedUp());
    }

    @Test
    void overdueIsRaisedOnceAndOnlyWhileQueued() {
        Trip t = freight();
        t.queue(new QueueReason("none", "none"), List.of(), NOW);
        assertTrue(t.markOverdue(NOW.plusSeconds(1800), NOW.plusSeconds(1801)));
        assertFalse(t.markOverdue(NOW.plusSeconds(1800), NOW.plusSeconds(1900)));
        assertFalse(scheduled().markOverdue(NOW, NOW));
    }

    @Test
    void aScheduledPartCarriesNoMoreThanTheTrip() {
        Trip t = freight();
        t.queue(new QueueReason("none", "none"), List.of(), NOW);
        assertFalse(conflict(() -> t.schedule(
                TRUCK, List.of(Loads.line("n95-mask", "piece", new BigDecimal("600"), null, null)), List.of(), NOW)));
        t.schedule(TRUCK, List.of(Loads.line("n95-mask", "piece", new BigDecimal("200"), null, null)), List.of(), NOW);
        assertEquals(new BigDecimal("200"), t.lines().get(0).quantity());
    }

    @Test
    void aFreightTripNeedsALoadAndARideNoGoods() {
        assertFalse(conflict(() -> Trip.plan(
                "t",
                TripKind.FREIGHT,
                "r",
                "o",
                Priority.NORMAL,
                WAREHOUSE,
                COMPOUND,
                "w1",
                List.of(),
                null,
                null,
                List.of(),
                NOW)));
        assertFalse(conflict(() -> Trip.plan(
                "t",
                TripKind.RIDE,
                "r",
                "o",
                Priority.NORMAL,
                WAREHOUSE,
                COMPOUND,
                null,
                List.of(),
                null,
                null,
                List.of(),
                NOW)));
    }

    @Test
    void aFreightPickupAfterTheReservationExpiredIsRefused() {
        Trip t = scheduled();
        assertTrue(conflict(() -> t.pickUp(null, NOW.minusSeconds(1), NOW)));
        t.pickUp(null, NOW.plusSeconds(60), NOW);
        assertEquals(TripStatus.PICKED_UP, t.status());
    }

    @Test
    void aQueuedTripTakesACorrectedPriorityOnceAndATripWithAVehicleKeepsItsOwn() {
        Trip t = freight(); // CRITICAL
        t.queue(new QueueReason("no truck free", "no truck free"), List.of(), NOW);
        assertFalse(t.changePriority(Priority.CRITICAL, "same", NOW), "the priority it has is no change");
        assertTrue(t.changePriority(Priority.NORMAL, "电话核实：不紧急", NOW.plusSeconds(60)));
        assertEquals(Priority.NORMAL, t.priority());
        assertEquals(TripStatus.QUEUED, t.status(), "it stays in the queue, at its new place");
        TripEvent.PriorityChanged changed =
                (TripEvent.PriorityChanged) t.pendingEvents().get(2);
        assertEquals(Priority.CRITICAL, changed.priorityBefore());
        assertEquals(Priority.NORMAL, changed.priority());
        assertEquals("电话核实：不紧急", changed.reason());
        assertEquals(NOW.plusSeconds(60), changed.changedAt());
        assertFalse(t.changePriority(Priority.NORMAL, "a copy", NOW.plusSeconds(61)));
        assertEquals(3, t.pendingEvents().size());

        assertTrue(conflict(() -> scheduled().changePriority(Priority.NORMAL, "x", NOW)));
        Trip cancelled = freight();
        cancelled.queue(new QueueReason("none", "none"), List.of(), NOW);
        cancelled.cancel("REQUEST_CANCELLED", null, NOW);
        assertTrue(conflict(() -> cancelled.changePriority(Priority.HIGH, "x", NOW)));
        Trip q = freight();
        q.queue(new QueueReason("none", "none"), List.of(), NOW);
        assertFalse(conflict(() -> q.changePriority(null, "x", NOW)));
    }

    @Test
    void storedTripsReadAsBeforeAndFoldAPriorityChange() {
        Trip planned = ride(); // HIGH
        planned.queue(new QueueReason("no taxi", "no taxi"), List.of("queued: no taxi"), NOW);
        List<TripEvent> events = planned.pendingEvents();
        // a stream written before priority changes existed, then one with a change
        Trip old = org.relief.kernel.eventstore.StoredHistory.load(
                TripEvent.class,
                Trip::new,
                org.relief.kernel.eventstore.StoredHistory.stored(TripEvent.class, events.get(0)),
                org.relief.kernel.eventstore.StoredHistory.stored(TripEvent.class, events.get(1)));
        assertEquals(Priority.HIGH, old.priority());
        assertEquals(TripStatus.QUEUED, old.status());
        Trip changed = org.relief.kernel.eventstore.StoredHistory.load(
                TripEvent.class,
                Trip::new,
                org.relief.kernel.eventstore.StoredHistory.stored(TripEvent.class, events.get(0)),
                org.relief.kernel.eventstore.StoredHistory.stored(TripEvent.class, events.get(1)),
                java.util.Map.entry(
                        "PriorityChanged",
                        "{\"priorityBefore\":\"HIGH\",\"priority\":\"CRITICAL\",\"reason\":\"透析\",\"changedAt\":\"2021-12-24T08:05:00Z\"}"));
        assertEquals(Priority.CRITICAL, changed.priority());
        assertEquals(TripStatus.QUEUED, changed.status());
        assertEquals(3, changed.version(), "three stored events");
        // still a queued trip: the queue may schedule it
        changed.schedule(TRUCK, null, List.of(), NOW);
        assertEquals(TripStatus.SCHEDULED, changed.status());
    }
}
