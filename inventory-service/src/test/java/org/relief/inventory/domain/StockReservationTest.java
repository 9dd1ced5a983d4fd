package org.relief.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;

class StockReservationTest {
    static final Clock CLOCK = Clock.systemUTC();
    static final Duration TTL = Duration.ofHours(48);

    static StockReservation opened() {
        return StockReservation.open(
                "req-1",
                "org-1",
                "CRITICAL",
                "雁塔区",
                List.of(
                        new ReservationLine("protective-suit", new BigDecimal("200"), "piece"),
                        new ReservationLine("n95-mask", new BigDecimal("1000"), "piece")),
                List.of("ELDERLY_LIVING_ALONE"),
                Instant.parse("2021-12-24T08:00:00Z"),
                CLOCK);
    }

    static Allocation pick(int line, String item, String lot, int q) {
        return new Allocation(line, item, "wh-1", "雁塔仓库", lot, "don-1", "chamber", BigDecimal.valueOf(q), null);
    }

    @Test
    void openingAReservationRecordsTheRequestedLines() {
        var lines = List.of(new ReservationLine("n95-mask", new BigDecimal("1000"), "piece"));
        StockReservation r = StockReservation.open("req-1", "org-1", "CRITICAL", "雁塔区", lines, List.of(), null, CLOCK);
        assertEquals("req-1", r.id());
        assertEquals(StockReservation.Status.OPEN, r.status());
        var opened = assertInstanceOf(
                StockReservationEvent.Opened.class, r.pendingEvents().get(0));
        assertEquals(lines, opened.lines());
        assertEquals(r.reservationId(), opened.reservationId());
    }

    @Test
    void aRequestWithoutLinesCannotBeReservedFor() {
        assertThrows(
                RuleViolation.class,
                () -> StockReservation.open("req-2", "org-1", "HIGH", "碑林区", List.of(), List.of(), null, CLOCK));
    }

    @Test
    void statusFollowsWhatIsHeldAndAnEmptyRoundAfterTheFirstChangesNothing() {
        StockReservation r = opened();
        assertTrue(r.allocate(List.of(), List.of("nothing"), TTL, CLOCK));
        assertEquals(StockReservation.Status.WAITING, r.status());
        assertNull(r.expiresAt(), "nothing held, nothing to expire");
        assertFalse(r.allocate(List.of(), List.of("still nothing"), TTL, CLOCK));
        assertEquals(2, r.pendingEvents().size());

        r.allocate(
                List.of(pick(0, "protective-suit", "s1", 200), pick(1, "n95-mask", "m1", 500)),
                List.of("half"),
                TTL,
                CLOCK);
        assertEquals(StockReservation.Status.PARTIALLY_RESERVED, r.status());
        assertEquals(new BigDecimal("500"), r.outstanding(1));
        assertTrue(r.expiresAt().isAfter(Instant.now().plus(TTL).minusSeconds(60)));
        r.allocate(
                List.of(pick(1, "n95-mask", "m1", 300), pick(1, "n95-mask", "m2", 200)), List.of("rest"), TTL, CLOCK);
        assertEquals(StockReservation.Status.RESERVED, r.status());
        assertEquals(3, r.held().size(), "same lot merged");
    }

    @Test
    void neverMoreThanAskedAndNothingAfterClosing() {
        StockReservation r = opened();
        assertTrue(assertThrows(
                        RuleViolation.class,
                        () -> r.allocate(List.of(pick(0, "protective-suit", "s1", 201)), List.of(), TTL, CLOCK))
                .isConflict());
        assertThrows(
                RuleViolation.class,
                () -> r.allocate(List.of(pick(0, "n95-mask", "s1", 1)), List.of(), TTL, CLOCK),
                "the pick must match the line's item");
        r.allocate(List.of(pick(0, "protective-suit", "s1", 10)), List.of(), TTL, CLOCK);
        assertEquals(List.of(pick(0, "protective-suit", "s1", 10)), r.release("CANCELLED", CLOCK));
        assertEquals(StockReservation.Status.RELEASED, r.status());
        assertThrows(RuleViolation.class, () -> r.release("CANCELLED", CLOCK));
        assertThrows(
                RuleViolation.class,
                () -> r.allocate(List.of(pick(0, "protective-suit", "s1", 1)), List.of(), TTL, CLOCK));
    }

    @Test
    void aReceiptSettlesWhatItListsAndKeepsTheRestHeldUntilASecondReceipt() {
        StockReservation r = opened();
        r.allocate(
                List.of(
                        pick(0, "protective-suit", "s1", 200),
                        pick(1, "n95-mask", "m1", 600),
                        pick(1, "n95-mask", "m2", 400)),
                List.of(),
                TTL,
                CLOCK);
        Instant expiry = r.expiresAt();

        // first receipt: suits only (masks not mentioned), 150 accepted and 10 rejected: 40 suits stay held
        var first = r.settleReceipt(
                Map.of("protective-suit", new BigDecimal("150")), Map.of("protective-suit", BigDecimal.TEN), CLOCK);
        assertEquals(List.of(pick(0, "protective-suit", "s1", 150)), first.issued());
        assertEquals(
                List.of(pick(0, "protective-suit", "s1", 10)),
                first.quarantined(),
                "only the rejected units leave, to quarantine");
        assertEquals(
                StockReservation.Status.PARTIALLY_RESERVED,
                r.status(),
                "units are still held, and 10 suits are to be replaced");
        assertEquals(new BigDecimal("40"), r.reservedOn(0));
        assertEquals(new BigDecimal("1000"), r.reservedOn(1), "the masks the receipt did not mention stay held");
        assertEquals(new BigDecimal("190"), r.coveredOn(0), "issued + held: the rejected 10 are reserved again");
        assertEquals(BigDecimal.TEN, r.outstanding(0));
        assertEquals(expiry, r.expiresAt());

        // second receipt: the rest of the suits, 700 masks accepted earliest lot first, 300 rejected: nothing held
        var second = r.settleReceipt(
                Map.of("protective-suit", new BigDecimal("40"), "n95-mask", new BigDecimal("700")),
                Map.of("n95-mask", new BigDecimal("300")),
                CLOCK);
        assertEquals(
                List.of(
                        pick(0, "protective-suit", "s1", 40),
                        pick(1, "n95-mask", "m1", 600),
                        pick(1, "n95-mask", "m2", 100)),
                second.issued());
        assertEquals(List.of(pick(1, "n95-mask", "m2", 300)), second.quarantined());
        assertEquals(
                StockReservation.Status.PARTIALLY_RESERVED, r.status(), "10 suits and 300 masks wait for replacements");
        assertTrue(r.held().isEmpty());
        assertNull(r.expiresAt());
        assertEquals(new BigDecimal("190"), r.issuedOn(0));
        assertEquals(new BigDecimal("10"), r.quarantinedOn(0));
        assertNull(
                r.settleReceipt(Map.of("n95-mask", BigDecimal.ONE), Map.of(), CLOCK),
                "nothing held: nothing to settle");
    }

    @Test
    void aReceiptNeverSettlesMoreThanIsHeldAndOneNamingNothingHeldRaisesNothing() {
        StockReservation r = opened();
        r.allocate(List.of(pick(0, "protective-suit", "s1", 20)), List.of(), TTL, CLOCK);
        int events = r.pendingEvents().size();
        assertNull(r.settleReceipt(Map.of("n95-mask", new BigDecimal("5")), Map.of(), CLOCK));
        assertEquals(events, r.pendingEvents().size());

        var settled = r.settleReceipt(
                Map.of("protective-suit", new BigDecimal("15")),
                Map.of("protective-suit", new BigDecimal("99")),
                CLOCK);
        assertEquals(List.of(pick(0, "protective-suit", "s1", 15)), settled.issued());
        assertEquals(
                List.of(pick(0, "protective-suit", "s1", 5)), settled.quarantined(), "capped at what was still held");
        // nothing held now, but the masks were never reserved: the reservation stays in the queue for them
        assertEquals(StockReservation.Status.PARTIALLY_RESERVED, r.status());
        assertTrue(r.waiting());
        assertNull(r.expiresAt(), "nothing held, nothing to expire");
        assertEquals(
                new BigDecimal("185"), r.outstanding(0), "issued suits are settled; the rejected 5 are reserved again");
        assertEquals(new BigDecimal("1000"), r.outstanding(1));
        r.allocate(
                List.of(pick(0, "protective-suit", "s2", 185), pick(1, "n95-mask", "m1", 1000)), List.of(), TTL, CLOCK);
        assertEquals(StockReservation.Status.RESERVED, r.status());
        assertTrue(
                assertThrows(
                                RuleViolation.class,
                                () -> r.allocate(List.of(pick(0, "protective-suit", "s2", 1)), List.of(), TTL, CLOCK))
                        .isConflict(),
                "15 issued + 185 held cover the 200 asked (the 5 rejected are in quarantine)");
    }

    @Test
    void rejectedUnitsAreQuarantinedAndTheShortfallWaitsToBeReservedAgain() {
        StockReservation r = StockReservation.open(
                "req-9",
                "org-1",
                "HIGH",
                "雁塔区",
                List.of(new ReservationLine("n95-mask", new BigDecimal("1000"), "piece")),
                List.of(),
                null,
                CLOCK);
        r.allocate(List.of(pick(0, "n95-mask", "m1", 1000)), List.of(), TTL, CLOCK);
        r.transportPickedUp("trip-1", Instant.now(), CLOCK);
        var settled = r.settleReceipt(
                Map.of("n95-mask", new BigDecimal("995")), Map.of("n95-mask", new BigDecimal("5")), CLOCK);
        assertEquals(List.of(pick(0, "n95-mask", "m1", 995)), settled.issued());
        assertEquals(
                List.of(pick(0, "n95-mask", "m1", 5)), settled.quarantined(), "the rejected units go to quarantine");
        assertTrue(settled.released().isEmpty(), "nothing goes back to available stock");
        assertEquals(new BigDecimal("5"), r.outstanding(0), "the shortfall is to be reserved again");
        assertEquals(StockReservation.Status.PARTIALLY_RESERVED, r.status());
        assertTrue(r.waiting(), "back in the allocation queue for the 5");
        assertEquals(new BigDecimal("1000"), r.reservedSoFar(0), "cumulative: 995 issued + 5 quarantined");

        r.allocate(List.of(pick(0, "n95-mask", "m2", 5)), List.of("replaces 5 rejected"), TTL, CLOCK);
        assertEquals(StockReservation.Status.RESERVED, r.status());
        assertEquals(
                new BigDecimal("1005"),
                r.reservedSoFar(0),
                "everything ever put on the road for the line: 995 issued + 5 quarantined + 5 held");
        assertNull(r.expiresAt(), "picked up before: the reservation no longer expires");
        assertTrue(assertThrows(
                        RuleViolation.class,
                        () -> r.allocate(List.of(pick(0, "n95-mask", "m2", 1)), List.of(), TTL, CLOCK))
                .isConflict());

        // the follow-up arrives complete: the reservation is issued
        r.settleReceipt(Map.of("n95-mask", new BigDecimal("5")), Map.of(), CLOCK);
        assertEquals(StockReservation.Status.ISSUED, r.status());
        assertEquals(new BigDecimal("1000"), r.issuedOn(0));
    }

    @Test
    void acceptingTheShortfallReleasesWhatIsStillHeldAndClosesTheReservation() {
        StockReservation r = StockReservation.open(
                "req-8",
                "org-1",
                "HIGH",
                "雁塔区",
                List.of(new ReservationLine("n95-mask", new BigDecimal("1000"), "piece")),
                List.of(),
                null,
                CLOCK);
        r.allocate(List.of(pick(0, "n95-mask", "m1", 1000)), List.of(), TTL, CLOCK);
        r.settleReceipt(Map.of("n95-mask", new BigDecimal("995")), Map.of("n95-mask", new BigDecimal("5")), CLOCK);
        r.allocate(List.of(pick(0, "n95-mask", "m2", 5)), List.of(), TTL, CLOCK);

        List<Allocation> released = r.acceptShortfall(CLOCK);
        assertEquals(List.of(pick(0, "n95-mask", "m2", 5)), released, "the replacement still held goes back");
        assertEquals(StockReservation.Status.ISSUED, r.status(), "closed with what was issued");
        assertFalse(r.waiting());
        assertTrue(r.held().isEmpty());
        assertEquals(new BigDecimal("995"), r.issuedOn(0));
        assertTrue(
                assertThrows(RuleViolation.class, () -> r.acceptShortfall(CLOCK))
                        .isConflict(),
                "closed already");
        assertTrue(assertThrows(
                        RuleViolation.class,
                        () -> r.allocate(List.of(pick(0, "n95-mask", "m3", 5)), List.of(), TTL, CLOCK))
                .isConflict());
    }

    @Test
    void aLegacyIssuedEventStillClosesTheReservation() {
        // stored before receipts could be partial: 100 accepted, the other 100 released, closed
        StockReservation r = new StockReservation();
        r.apply(opened().pendingEvents().get(0));
        r.apply(new StockReservationEvent.Allocated(
                List.of(pick(0, "protective-suit", "s1", 200)), List.of(), null, Instant.now()));
        r.apply(new StockReservationEvent.Issued(
                List.of(pick(0, "protective-suit", "s1", 100)),
                List.of(pick(0, "protective-suit", "s1", 100)),
                Instant.now()));
        assertEquals(StockReservation.Status.ISSUED, r.status());
    }

    @Test
    void aPickedUpReservationNoLongerExpiresAndEachTripCountsOnce() {
        StockReservation r = opened();
        r.allocate(List.of(pick(0, "protective-suit", "s1", 200)), List.of("suits"), TTL, CLOCK);
        assertTrue(r.expiresAt() != null);
        Instant at = Instant.parse("2021-12-24T10:00:00Z");
        assertTrue(r.transportPickedUp("trip-1", at, CLOCK));
        assertNull(r.expiresAt(), "the goods are on their way");
        assertEquals(at, r.pickedUpAt());
        var picked = assertInstanceOf(
                StockReservationEvent.TransportPickedUp.class,
                r.pendingEvents().get(r.pendingEvents().size() - 1));
        assertFalse(picked.afterClose());
        int events = r.pendingEvents().size();
        assertFalse(r.transportPickedUp("trip-1", at.plusSeconds(5), CLOCK), "the same trip reported twice");
        assertEquals(events, r.pendingEvents().size());

        // later units keep no expiry either: a reservation partly picked up no longer expires as a whole
        r.allocate(List.of(pick(1, "n95-mask", "m1", 500)), List.of("masks"), TTL, CLOCK);
        assertNull(r.expiresAt());
        assertEquals(StockReservation.Status.PARTIALLY_RESERVED, r.status());
        assertThrows(RuleViolation.class, () -> r.transportPickedUp(" ", at, CLOCK));
    }

    @Test
    void aPickupAfterTheReleaseIsRecordedOnly() {
        StockReservation r = opened();
        r.allocate(List.of(pick(0, "protective-suit", "s1", 200)), List.of("suits"), TTL, CLOCK);
        r.release("EXPIRED", CLOCK);
        assertTrue(r.transportPickedUp("trip-1", Instant.now(), CLOCK));
        var picked = assertInstanceOf(
                StockReservationEvent.TransportPickedUp.class,
                r.pendingEvents().get(r.pendingEvents().size() - 1));
        assertTrue(picked.afterClose());
        assertNull(r.pickedUpAt(), "nothing held any more: the pickup changes no stock");
        assertEquals(StockReservation.Status.RELEASED, r.status());
        assertTrue(r.held().isEmpty());
    }
}
