package org.relief.requests.domain;

import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;
import org.relief.requests.domain.HelpRequestEvent.AllocationOutcome;
import org.relief.requests.domain.HelpRequestEvent.ReservedQuantity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpRequestTest {
    private final Clock clock = Clock.fixed(Instant.parse("2021-12-24T08:00:00Z"), ZoneOffset.UTC);
    private static final BigDecimal SUITS = new BigDecimal("200");
    private static final BigDecimal MASKS = new BigDecimal("1000");

    private SubmitHelpRequest supplies(List<SupplyLine> lines, Instant neededBy) {
        return new SubmitHelpRequest("org-1", RequestKind.SUPPLIES, Priority.CRITICAL,
                List.of(Vulnerability.ELDERLY_LIVING_ALONE), "锦业路小区", "雁塔区", null, "王女士", "+86 29 1234 5678",
                lines, null, null, neededBy, "我们社区缺少防护服");
    }

    private HelpRequest twoLines() {
        return HelpRequest.submit(supplies(List.of(new SupplyLine("protective-suit", SUITS, "piece"),
                new SupplyLine("n95-mask", MASKS, "piece")), null), null, clock);
    }

    private HelpRequest reserved(BigDecimal suits, BigDecimal masks) {
        HelpRequest r = twoLines();
        r.reservationOpened("res-1", clock);
        r.stockAllocated("res-1", AllocationOutcome.PARTIALLY_RESERVED, List.of(
                new ReservedQuantity("protective-suit", "piece", suits), new ReservedQuantity("n95-mask", "piece", masks)),
                List.of("queue position 1"), null, clock);
        return r;
    }

    private RideDetails ride(Instant start, Instant end) {
        return new RideDetails("李同学", "13800000000", "锦业路1号", "雁塔区", "西安交通大学", "碑林区", start, end,
                List.of(Accessibility.WHEELCHAIR));
    }

    private SubmitHelpRequest rideCommand(RideDetails ride) {
        return new SubmitHelpRequest("org-1", RequestKind.RIDE, Priority.HIGH, List.of(), "锦业路小区", "雁塔区", null,
                null, null, null, ride, null, null, "考研考生");
    }

    @Test
    void submittingRaisesSubmittedV2AndStartsInStatusSubmitted() {
        HelpRequest r = twoLines();
        assertEquals(RequestStatus.SUBMITTED, r.status());
        var submitted = assertInstanceOf(HelpRequestEvent.Submitted.class, r.pendingEvents().get(0));
        assertEquals(r.id(), submitted.requestId());
        assertEquals(RequestKind.SUPPLIES, submitted.kind());
        assertEquals(List.of(Vulnerability.ELDERLY_LIVING_ALONE), submitted.vulnerabilities());
        assertEquals("我们社区缺少防护服", submitted.note());
        assertEquals(clock.instant(), submitted.submittedAt());
        assertNull(submitted.likelyDuplicateOf());
        assertEquals(2, r.lines().size());
        assertEquals(Progress.NONE, r.state().reservedProgress());
    }

    @Test
    void aStoredV1SubmittedFoldsAsASuppliesRequestWithoutFlags() {
        var v1 = new HelpRequestEvent.Submitted("r-1", "org-1", null, Priority.NORMAL, null, "c", "d", null, null, null,
                List.of(new SupplyLine("n95-mask", MASKS, "piece")), null, null, null, null, clock.instant(), null);
        RequestState s = RequestState.EMPTY.apply(v1);
        assertEquals(RequestKind.SUPPLIES, s.kind());
        assertEquals(RequestStatus.SUBMITTED, s.status());
    }

    @Test
    void invalidSuppliesRequestsAreRefused() {
        assertThrows(RuleViolation.class, () -> HelpRequest.submit(supplies(List.of(), null), null, clock));
        assertThrows(RuleViolation.class, () -> HelpRequest.submit(supplies(
                List.of(new SupplyLine("n95-mask", BigDecimal.TEN, "piece")), clock.instant().minusSeconds(3600)), null, clock));
        assertThrows(RuleViolation.class, () -> HelpRequest.submit(supplies(List.of(new SupplyLine("n95-mask", BigDecimal.TEN, "piece"),
                new SupplyLine("n95-mask", BigDecimal.ONE, "box")), null), null, clock), "an item on two lines");
        assertThrows(IllegalArgumentException.class, () -> new SupplyLine("n95-mask", BigDecimal.ZERO, "piece"));
    }

    @Test
    void eachKindNeedsItsOwnPartAndNoOther() {
        Instant start = clock.instant().plusSeconds(3600);
        assertThrows(RuleViolation.class, () -> HelpRequest.submit(rideCommand(null), null, clock), "ride missing");
        RuleViolation order = assertThrows(RuleViolation.class,
                () -> HelpRequest.submit(rideCommand(ride(start, start.minusSeconds(60))), null, clock));
        assertTrue(order.getMessage().contains("ride.windowStart"), order.getMessage());
        var withLines = new SubmitHelpRequest("org-1", RequestKind.RIDE, Priority.HIGH, List.of(), "c", "d", null, null,
                null, List.of(new SupplyLine("n95-mask", MASKS, "piece")), ride(start, start.plusSeconds(600)), null, null, null);
        assertThrows(RuleViolation.class, () -> HelpRequest.submit(withLines, null, clock), "lines on a ride");
        var careOnSupplies = new SubmitHelpRequest("org-1", RequestKind.SUPPLIES, Priority.HIGH, List.of(), "c", "d", null,
                null, null, List.of(new SupplyLine("n95-mask", MASKS, "piece")), null,
                new CareDetails(CareNeed.ELDERLY_CARE, "elderly-care", "张奶奶", null, null), null, null);
        assertThrows(RuleViolation.class, () -> HelpRequest.submit(careOnSupplies, null, clock), "care on supplies");
        var care = new SubmitHelpRequest("org-1", RequestKind.CARE, Priority.NORMAL, List.of(Vulnerability.DISABLED), "c",
                "d", null, null, null, null, null, new CareDetails(CareNeed.DISABILITY_SUPPORT, null, "张奶奶", null, null), null, null);
        assertEquals(RequestStatus.SUBMITTED, HelpRequest.submit(care, "earlier-id", clock).status());
    }

    @Test
    void ridesAndCareStaySubmittedButCanBeCancelledAndEscalate() {
        Instant start = clock.instant().plusSeconds(3600);
        HelpRequest r = HelpRequest.submit(rideCommand(ride(start, start.plusSeconds(1800))), null, clock);
        assertEquals(RequestStatus.SUBMITTED, r.status());
        RuleViolation noStock = assertThrows(RuleViolation.class, () -> r.stockAllocated("res-1", AllocationOutcome.RESERVED,
                List.of(), List.of(), null, clock));
        assertTrue(noStock.isConflict());
        assertTrue(assertThrows(RuleViolation.class, () -> r.confirmReceipt(
                List.of(new ReceiptLine("x", BigDecimal.ONE, BigDecimal.ZERO, null)), "p", clock)).isConflict());
        assertTrue(r.escalate(clock.instant(), clock));
        r.cancel("已安排家人接送", "partner:org-1", clock);
        assertEquals(RequestStatus.CANCELLED, r.status());
    }

    @Test
    void anOpenedReservationMakesItPendingAndARepeatChangesNothing() {
        HelpRequest r = twoLines();
        r.reservationOpened("res-1", clock);
        assertEquals(RequestStatus.RESERVATION_PENDING, r.status());
        assertEquals(2, r.pendingEvents().size());
        r.reservationOpened("res-1", clock);
        assertEquals(2, r.pendingEvents().size());
        RuleViolation other = assertThrows(RuleViolation.class, () -> r.reservationOpened("res-2", clock));
        assertTrue(other.isConflict());
    }

    @Test
    void reservationStatusIsDerivedFromReservedQuantities() {
        HelpRequest r = twoLines();
        r.reservationOpened("res-1", clock);
        r.stockAllocated("res-1", AllocationOutcome.UNAVAILABLE, List.of(
                new ReservedQuantity("protective-suit", "piece", BigDecimal.ZERO)), List.of("no stock"), null, clock);
        assertEquals(RequestStatus.WAITING_FOR_STOCK, r.status());
        assertEquals(Progress.NONE, r.state().reservedProgress());

        r.stockAllocated("res-1", AllocationOutcome.PARTIALLY_RESERVED, List.of(
                new ReservedQuantity("protective-suit", "piece", SUITS), new ReservedQuantity("n95-mask", "piece", new BigDecimal("400"))),
                List.of("warehouse A"), null, clock);
        assertEquals(RequestStatus.PARTIALLY_RESERVED, r.status());
        assertEquals(Progress.COMPLETE, r.state().line("protective-suit").reservedProgress());
        assertEquals(Progress.PARTIAL, r.state().line("n95-mask").reservedProgress());
        assertEquals(Progress.PARTIAL, r.state().reservedProgress());

        // cumulative: the latest figure replaces the earlier one
        r.stockAllocated("res-1", AllocationOutcome.RESERVED, List.of(new ReservedQuantity("n95-mask", "piece", MASKS)),
                List.of("donation D-7 arrived"), null, clock);
        assertEquals(RequestStatus.RESERVED, r.status());
        assertEquals(Progress.COMPLETE, r.state().reservedProgress());
        var last = assertInstanceOf(HelpRequestEvent.StockAllocated.class, r.pendingEvents().get(r.pendingEvents().size() - 1));
        assertEquals(List.of("donation D-7 arrived"), last.explanation());

        assertThrows(RuleViolation.class, () -> r.stockAllocated("res-1", AllocationOutcome.RESERVED,
                List.of(new ReservedQuantity("rice", "kg", BigDecimal.ONE)), List.of(), null, clock), "an item never asked for");
    }

    @Test
    void transportThenDeliveryThenReceiptWalkThroughTheStatuses() {
        HelpRequest r = reserved(SUITS, MASKS);
        assertEquals(RequestStatus.RESERVED, r.status());
        r.transportScheduled("trip-1", clock);
        assertEquals(RequestStatus.TRANSPORT_SCHEDULED, r.status());
        r.loadPickedUp("trip-1", List.of(new HelpRequestEvent.LoadedQuantity("protective-suit", SUITS),
                new HelpRequestEvent.LoadedQuantity("n95-mask", MASKS)), clock);
        assertEquals(RequestStatus.IN_TRANSIT, r.status());
        assertEquals(Progress.COMPLETE, r.state().inTransitProgress());
        r.deliveryReported("trip-1", clock);
        assertEquals(RequestStatus.DELIVERED, r.status());
        r.confirmReceipt(List.of(new ReceiptLine("protective-suit", SUITS, BigDecimal.ZERO, null),
                new ReceiptLine("n95-mask", MASKS, BigDecimal.ZERO, null)), "partner:org-1", clock);
        assertEquals(RequestStatus.FULFILLED, r.status());
        assertEquals(Progress.COMPLETE, r.state().deliveredProgress());
        assertEquals(Progress.NONE, r.state().inTransitProgress());
        assertTrue(r.state().openTrips().isEmpty());
        assertThrows(RuleViolation.class, () -> r.loadPickedUp("trip-9", List.of(), clock), "unknown trip");
    }

    @Test
    void aPartialReceiptIsPartiallyDeliveredAndAFullOneFulfils() {
        HelpRequest r = reserved(SUITS, MASKS);
        r.confirmReceipt(List.of(new ReceiptLine("protective-suit", new BigDecimal("150"), new BigDecimal("50"), "包装破损")),
                "partner:org-1", clock);
        assertEquals(RequestStatus.PARTIALLY_DELIVERED, r.status());
        LineState suits = r.state().line("protective-suit");
        assertEquals(0, suits.delivered().compareTo(new BigDecimal("150")));
        assertEquals(0, suits.rejected().compareTo(new BigDecimal("50")));
        assertEquals(Progress.PARTIAL, suits.deliveredProgress());
        assertEquals(0, suits.receivable().signum(), "all 200 reserved suits are accounted for");

        RuleViolation tooMany = assertThrows(RuleViolation.class, () -> r.confirmReceipt(
                List.of(new ReceiptLine("protective-suit", BigDecimal.ONE, BigDecimal.ZERO, null)), "p", clock));
        assertTrue(tooMany.isConflict());

        r.confirmReceipt(List.of(new ReceiptLine("n95-mask", MASKS, BigDecimal.ZERO, null)), "partner:org-1", clock);
        assertEquals(RequestStatus.PARTIALLY_DELIVERED, r.status(), "50 suits are still missing");
        // inventory returns the 50 rejected suits to stock: on the timeline, nothing else changes
        int before = r.pendingEvents().size();
        r.reservationReleased("res-1", "REJECTED", List.of(new ReservedQuantity("protective-suit", "piece",
                new BigDecimal("50"))), clock);
        assertEquals(before + 1, r.pendingEvents().size());
        assertEquals(RequestStatus.PARTIALLY_DELIVERED, r.status());
        assertEquals(suits.delivered(), r.state().line("protective-suit").delivered());
        // should inventory reserve 50 replacements, its cumulative figure grows to 250, and they arrive
        r.stockAllocated("res-1", AllocationOutcome.RESERVED, List.of(new ReservedQuantity("protective-suit", "piece",
                new BigDecimal("250"))), List.of("replacement"), null, clock);
        assertEquals(0, r.state().line("protective-suit").receivable().compareTo(new BigDecimal("50")));
        r.confirmReceipt(List.of(new ReceiptLine("protective-suit", new BigDecimal("50"), BigDecimal.ZERO, null)), "p", clock);
        assertEquals(RequestStatus.FULFILLED, r.status());
    }

    /** R3: a receipt settles the lines it lists; the rest stays reserved and a later receipt can confirm it. */
    @Test
    void aReceiptSettlesOnlyWhatItListsAndTheRestStaysReserved() {
        HelpRequest r = reserved(SUITS, MASKS);
        r.confirmReceipt(List.of(new ReceiptLine("protective-suit", new BigDecimal("80"), new BigDecimal("20"), "湿了")),
                "p", clock);
        LineState suits = r.state().line("protective-suit");
        assertEquals(0, suits.reserved().compareTo(SUITS), "inventory's figure is cumulative: 100 held, 80 issued, 20 rejected");
        assertEquals(0, suits.receivable().compareTo(new BigDecimal("100")), "the 100 not yet received");
        LineState masks = r.state().line("n95-mask");
        assertEquals(0, masks.reserved().compareTo(MASKS), "a line the receipt did not list is untouched");
        assertEquals(0, masks.delivered().signum());
        assertEquals(RequestStatus.PARTIALLY_DELIVERED, r.status());
        // a REJECTED release for the 20 changes nothing: the receipt counted them
        r.reservationReleased("res-1", "REJECTED", List.of(new ReservedQuantity("protective-suit", "piece",
                new BigDecimal("20"))), clock);
        assertEquals(0, r.state().line("protective-suit").receivable().compareTo(new BigDecimal("100")));
        assertTrue(assertThrows(RuleViolation.class, () -> r.confirmReceipt(List.of(
                new ReceiptLine("protective-suit", new BigDecimal("101"), BigDecimal.ZERO, null)), "p", clock)).isConflict());
        r.confirmReceipt(List.of(new ReceiptLine("protective-suit", new BigDecimal("100"), BigDecimal.ZERO, null),
                new ReceiptLine("n95-mask", MASKS, BigDecimal.ZERO, null)), "p", clock);
        assertEquals(RequestStatus.PARTIALLY_DELIVERED, r.status(), "180 of 200 suits delivered");
        assertEquals(0, r.state().line("protective-suit").delivered().compareTo(new BigDecimal("180")));
        assertEquals(0, r.state().line("n95-mask").receivable().signum());
    }

    /** R2: once a request has ended, inventory's late answers change nothing and are never refused. */
    @Test
    void lateInventoryAnswersAfterTheEndAreNoOps() {
        HelpRequest cancelled = twoLines();
        cancelled.cancel("不需要了", "p", clock);
        int events = cancelled.pendingEvents().size();
        cancelled.reservationOpened("res-1", clock);
        cancelled.stockAllocated("res-1", AllocationOutcome.PARTIALLY_RESERVED,
                List.of(new ReservedQuantity("protective-suit", "piece", new BigDecimal("100"))), List.of(), null, clock);
        cancelled.reservationReleased("res-1", "CANCELLED", null, clock);
        cancelled.reservationReleased("res-1", "EXPIRED", null, clock);
        assertEquals(events, cancelled.pendingEvents().size());
        assertEquals(RequestStatus.CANCELLED, cancelled.status());
        assertEquals(0, cancelled.state().line("protective-suit").reserved().signum());
        assertNull(cancelled.state().reservationId());

        HelpRequest expired = reserved(SUITS, MASKS);
        expired.reservationReleased("res-1", "EXPIRED", null, clock);
        events = expired.pendingEvents().size();
        expired.reservationOpened("res-2", clock);
        expired.stockAllocated("res-1", AllocationOutcome.RESERVED, List.of(), List.of(), null, clock);
        assertEquals(events, expired.pendingEvents().size());
        assertEquals(RequestStatus.EXPIRED, expired.status());

        HelpRequest fulfilled = reserved(SUITS, MASKS);
        fulfilled.confirmReceipt(List.of(new ReceiptLine("protective-suit", SUITS, BigDecimal.ZERO, null),
                new ReceiptLine("n95-mask", MASKS, BigDecimal.ZERO, null)), "p", clock);
        events = fulfilled.pendingEvents().size();
        fulfilled.stockAllocated("res-1", AllocationOutcome.RESERVED, List.of(), List.of(), null, clock);
        fulfilled.reservationReleased("res-1", "EXPIRED", null, clock);
        assertEquals(events, fulfilled.pendingEvents().size());
        assertEquals(RequestStatus.FULFILLED, fulfilled.status());
        // returned units are still recorded, without a status change
        fulfilled.reservationReleased("res-1", "REJECTED", List.of(), clock);
        assertEquals(events + 1, fulfilled.pendingEvents().size());
        assertEquals(RequestStatus.FULFILLED, fulfilled.status());
    }

    @Test
    void receiptRules() {
        HelpRequest pending = twoLines();
        pending.reservationOpened("res-1", clock);
        assertTrue(assertThrows(RuleViolation.class, () -> pending.confirmReceipt(
                List.of(new ReceiptLine("n95-mask", BigDecimal.ONE, BigDecimal.ZERO, null)), "p", clock)).isConflict(),
                "nothing reserved yet");

        HelpRequest r = reserved(new BigDecimal("100"), BigDecimal.ZERO);
        assertEquals(RequestStatus.PARTIALLY_RESERVED, r.status());
        assertTrue(assertThrows(RuleViolation.class, () -> r.confirmReceipt(
                List.of(new ReceiptLine("protective-suit", new BigDecimal("101"), BigDecimal.ZERO, null)), "p", clock)).isConflict());
        assertTrue(assertThrows(RuleViolation.class, () -> r.confirmReceipt(
                List.of(new ReceiptLine("n95-mask", BigDecimal.ONE, BigDecimal.ZERO, null)), "p", clock)).isConflict(),
                "no mask is reserved");
        assertFalse(assertThrows(RuleViolation.class, () -> r.confirmReceipt(
                List.of(new ReceiptLine("protective-suit", BigDecimal.ZERO, BigDecimal.TEN, " ")), "p", clock)).isConflict(),
                "rejected units need a reason");
        assertFalse(assertThrows(RuleViolation.class, () -> r.confirmReceipt(
                List.of(new ReceiptLine("rice", BigDecimal.ONE, BigDecimal.ZERO, null)), "p", clock)).isConflict());
        assertFalse(assertThrows(RuleViolation.class, () -> r.confirmReceipt(
                List.of(new ReceiptLine("protective-suit", BigDecimal.ZERO, BigDecimal.ZERO, null)), "p", clock)).isConflict());
        assertEquals(2 + 1, r.pendingEvents().size(), "no refused receipt raised anything");
    }

    @Test
    void cancelRules() {
        HelpRequest r = reserved(SUITS, MASKS);
        assertFalse(assertThrows(RuleViolation.class, () -> r.cancel(" ", "p", clock)).isConflict());
        r.cancel("已从其他渠道获得", "partner:org-1", clock);
        assertEquals(RequestStatus.CANCELLED, r.status());
        assertTrue(assertThrows(RuleViolation.class, () -> r.cancel("again", "p", clock)).isConflict());
        int events = r.pendingEvents().size();
        // inventory's release after our cancellation needs nothing more; late allocations are ignored too
        r.reservationReleased("res-1", "CANCELLED", null, clock);
        r.stockAllocated("res-1", AllocationOutcome.RESERVED, List.of(), List.of(), null, clock);
        assertEquals(events, r.pendingEvents().size());

        HelpRequest fulfilled = reserved(SUITS, MASKS);
        fulfilled.confirmReceipt(List.of(new ReceiptLine("protective-suit", SUITS, BigDecimal.ZERO, null),
                new ReceiptLine("n95-mask", MASKS, BigDecimal.ZERO, null)), "p", clock);
        assertEquals(RequestStatus.FULFILLED, fulfilled.status());
        assertTrue(assertThrows(RuleViolation.class, () -> fulfilled.cancel("too late", "p", clock)).isConflict());
    }

    @Test
    void anExpiredReservationEndsTheRequestWithNothingReserved() {
        HelpRequest r = reserved(SUITS, new BigDecimal("10"));
        r.reservationReleased("res-1", "EXPIRED", null, clock);
        assertEquals(RequestStatus.EXPIRED, r.status());
        assertTrue(r.lines().stream().allMatch(l -> l.reserved().signum() == 0));
        assertEquals(Progress.NONE, r.state().reservedProgress());
        assertTrue(assertThrows(RuleViolation.class, () -> r.cancel("x", "p", clock)).isConflict());
        assertThrows(RuleViolation.class, () -> r.reservationReleased("res-1", "STOLEN", null, clock));

        HelpRequest released = reserved(SUITS, MASKS);
        released.reservationReleased("res-1", "CANCELLED", null, clock);
        assertEquals(RequestStatus.WAITING_FOR_STOCK, released.status(), "released by inventory without our cancel");
    }

    @Test
    void escalationHappensOncePerStatus() {
        HelpRequest r = twoLines();
        assertTrue(r.escalate(clock.instant(), clock));
        var escalated = assertInstanceOf(HelpRequestEvent.Escalated.class, r.pendingEvents().get(1));
        assertEquals(RequestStatus.SUBMITTED, escalated.status());
        assertFalse(r.escalate(clock.instant(), clock), "once per status");
        assertEquals(RequestStatus.SUBMITTED, r.state().escalatedFor());

        r.reservationOpened("res-1", clock);
        assertNull(r.state().escalatedFor(), "a status change clears the escalation");
        assertTrue(r.escalate(clock.instant(), clock));
        assertFalse(r.escalate(clock.instant(), clock));

        r.cancel("gone", "p", clock);
        assertFalse(r.escalate(clock.instant(), clock), "an ended request never escalates");
    }

    @Test
    void aSameStatusAllocationKeepsTheEscalation() {
        HelpRequest r = reserved(new BigDecimal("10"), BigDecimal.ZERO);
        assertTrue(r.escalate(clock.instant(), clock));
        r.stockAllocated("res-1", AllocationOutcome.PARTIALLY_RESERVED,
                List.of(new ReservedQuantity("protective-suit", "piece", new BigDecimal("20"))), List.of(), null, clock);
        assertEquals(RequestStatus.PARTIALLY_RESERVED, r.status());
        assertFalse(r.escalate(clock.instant(), clock));
    }

    @Test
    void duplicateKeysIgnoreCaseWidthAndSpaces() {
        assertEquals(DuplicateKeys.normalize("锦业路 小区"), DuplicateKeys.normalize("锦业路小区"));
        assertEquals(DuplicateKeys.normalize("Block　A"), DuplicateKeys.normalize(" block a "));
        assertEquals(DuplicateKeys.normalize("ＡＢＣ"), DuplicateKeys.normalize("abc"));
        assertEquals(DuplicateKeys.matchKey(RequestKind.SUPPLIES, List.of(new SupplyLine("n95-mask", MASKS, "piece"),
                        new SupplyLine("suit", SUITS, "piece")), null, null),
                DuplicateKeys.matchKey(RequestKind.SUPPLIES, List.of(new SupplyLine("Suit", BigDecimal.ONE, "box"),
                        new SupplyLine("N95-mask", BigDecimal.ONE, "piece")), null, null));
    }
}
