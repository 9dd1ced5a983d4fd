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
import org.relief.kernel.domain.RuleViolation;
import org.relief.requests.domain.HelpRequestEvent.AllocationOutcome;
import org.relief.requests.domain.HelpRequestEvent.ReservedQuantity;

/**
 * Issue 10, path 4: units rejected at a delivery are replaced by a follow-up trip (inventory reserves them again, its
 * cumulative figure grows by them), or the partner accepts the shortfall, which ends the request.
 */
class ShortfallTest {
    private final Clock clock = Clock.fixed(Instant.parse("2021-12-24T08:00:00Z"), ZoneOffset.UTC);
    private static final Instant T = Instant.parse("2021-12-24T09:00:00Z");
    private static final HelpRequestEvent.Place FROM = new HelpRequestEvent.Place("雁塔仓库", "雁塔区", "丈八东路1号");
    private static final HelpRequestEvent.Place TO = new HelpRequestEvent.Place("锦业路小区", "雁塔区", "锦业路1号");

    private HelpRequest masks() {
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
        allocated(r, 1000);
        return r;
    }

    private void allocated(HelpRequest r, int cumulative) {
        r.stockAllocated(
                "res-1",
                AllocationOutcome.RESERVED,
                List.of(new ReservedQuantity("n95-mask", "piece", BigDecimal.valueOf(cumulative))),
                List.of(),
                null,
                clock);
    }

    private static List<HelpRequestEvent.LoadedQuantity> load(int masks) {
        return List.of(new HelpRequestEvent.LoadedQuantity("n95-mask", "piece", BigDecimal.valueOf(masks)));
    }

    private static void trip(HelpRequest r, String trip, int masks) {
        r.transportScheduled(new HelpRequestEvent.TransportScheduled(
                trip,
                "FREIGHT",
                "veh-" + trip,
                "陕A·12345",
                "VAN",
                "carrier-1",
                "刘师傅",
                "13900000000",
                FROM,
                TO,
                load(masks),
                BigDecimal.ONE,
                BigDecimal.ONE,
                T,
                T.plusSeconds(7200),
                null,
                List.of(),
                T));
    }

    private static void pickedUpAndDelivered(HelpRequest r, String trip, int masks, int accepted, int rejected) {
        r.loadPickedUp(new HelpRequestEvent.LoadPickedUp(trip, load(masks), T));
        r.deliveryReported(new HelpRequestEvent.DeliveryReported(
                trip,
                "王主任",
                List.of(new HelpRequestEvent.DeliveredQuantity(
                        "n95-mask",
                        "piece",
                        BigDecimal.valueOf(accepted),
                        BigDecimal.valueOf(rejected),
                        rejected > 0 ? "包装破损" : null)),
                null,
                T));
    }

    /** 1,000 delivered, 5 rejected and confirmed: PARTIALLY_DELIVERED, inventory re-reserves the 5. */
    private HelpRequest fiveRejected() {
        HelpRequest r = masks();
        trip(r, "trip-1", 1000);
        pickedUpAndDelivered(r, "trip-1", 1000, 995, 5);
        r.confirmDeliveredReceipt("org-1/partner", clock);
        assertEquals(RequestStatus.PARTIALLY_DELIVERED, r.status());
        r.reservationReleased(
                "res-1", "REJECTED", List.of(new ReservedQuantity("n95-mask", "piece", new BigDecimal("5"))), clock);
        return r;
    }

    @Test
    void goodsDeliveredAwaitingTheReceiptCannotBeCancelledBackIntoStock() {
        HelpRequest r = masks();
        trip(r, "trip-1", 1000);
        pickedUpAndDelivered(r, "trip-1", 1000, 1000, 0);
        RuleViolation refused = assertThrows(() -> r.cancel("不需要了", "org-1/partner", clock));
        assertTrue(refused.isConflict());
        assertTrue(refused.message(false).contains("confirm the receipt first"), refused.message(false));
        r.confirmDeliveredReceipt("org-1/partner", clock);
        assertEquals(RequestStatus.FULFILLED, r.status());
    }

    @Test
    void aRequestWhoseGoodsAreOnTheRoadCanStillBeCancelledAndTheLoadGoesBack() {
        HelpRequest r = masks();
        trip(r, "trip-1", 1000);
        r.loadPickedUp(new HelpRequestEvent.LoadPickedUp("trip-1", load(1000), T));
        r.cancel("已从其他渠道获得物资", "org-1/partner", clock);
        assertEquals(RequestStatus.CANCELLED, r.status());
    }

    @Test
    void theRejectedUnitsAreReplacedByAFollowUpTripAndTheRequestIsThenFulfilled() {
        HelpRequest r = fiveRejected();
        allocated(r, 1005); // 995 issued + 5 quarantined + 5 reserved again
        assertEquals(RequestStatus.PARTIALLY_DELIVERED, r.status(), "the replacement waits for transport");
        assertEquals(new BigDecimal("5"), r.state().line("n95-mask").awaitingTransport());
        trip(r, "trip-2", 5);
        assertEquals(RequestStatus.TRANSPORT_SCHEDULED, r.status());
        pickedUpAndDelivered(r, "trip-2", 5, 5, 0);
        assertEquals(RequestStatus.DELIVERED, r.status());
        r.confirmDeliveredReceipt("org-1/partner", clock);
        assertEquals(RequestStatus.FULFILLED, r.status());
        assertEquals(new BigDecimal("1000"), r.state().line("n95-mask").delivered());
    }

    @Test
    void thePartnerMayAcceptTheShortfallInsteadWhichEndsTheRequest() {
        HelpRequest r = fiveRejected();
        allocated(r, 1005);
        trip(r, "trip-2", 5); // the follow-up is booked but not picked up: dispatch cancels it
        r.acceptShortfall("5 只破损口罩不必补发", "org-1/partner", clock);
        var accepted = assertInstanceOf(
                HelpRequestEvent.ShortfallAccepted.class,
                r.pendingEvents().get(r.pendingEvents().size() - 1));
        assertEquals(
                List.of(new HelpRequestEvent.ShortLine(
                        "n95-mask", "piece", new BigDecimal("1000"), new BigDecimal("995"), new BigDecimal("5"))),
                accepted.lines());
        assertEquals("org-1/partner", accepted.acceptedBy());
        assertEquals(RequestStatus.FULFILLED, r.status(), "the request ends with what was received");
        assertTrue(r.state().shortfallAccepted());
        assertTrue(
                assertThrows(() -> r.acceptShortfall(null, "org-1/partner", clock))
                        .isConflict(),
                "once");

        // what follows is what happened to the stock and the trip: on the timeline, status unchanged
        int events = r.pendingEvents().size();
        r.reservationReleased(
                "res-1",
                "SHORTFALL_ACCEPTED",
                List.of(new ReservedQuantity("n95-mask", "piece", new BigDecimal("5"))),
                clock);
        r.transportCancelled(new HelpRequestEvent.TransportCancelled("trip-2", "RESERVATION_RELEASED", false, T));
        allocated(r, 1010); // a late allocation of an ended request changes nothing
        assertEquals(events + 2, r.pendingEvents().size());
        assertEquals(RequestStatus.FULFILLED, r.status());
        var text = TimelineText.explain(accepted);
        assertTrue(text.en().contains("shortfall") && text.en().contains("n95-mask 5"), text.en());
        assertTrue(text.zh().contains("接受缺口"), text.zh());
    }

    @Test
    void theShortfallCanOnlyBeAcceptedAfterSomethingArrivedAndWhileNothingIsOnItsWay() {
        HelpRequest reservedOnly = masks();
        assertTrue(
                assertThrows(() -> reservedOnly.acceptShortfall(null, "p", clock))
                        .isConflict(),
                "nothing received yet: that is a cancellation");

        HelpRequest onTheRoad = fiveRejected();
        allocated(onTheRoad, 1005);
        trip(onTheRoad, "trip-2", 5);
        onTheRoad.loadPickedUp(new HelpRequestEvent.LoadPickedUp("trip-2", load(5), T));
        assertTrue(
                assertThrows(() -> onTheRoad.acceptShortfall(null, "p", clock)).isConflict(),
                "the replacement is on the truck: confirm its delivery first");
        onTheRoad.deliveryReported(new HelpRequestEvent.DeliveryReported(
                "trip-2",
                "王主任",
                List.of(new HelpRequestEvent.DeliveredQuantity(
                        "n95-mask", "piece", new BigDecimal("3"), new BigDecimal("2"), "破损")),
                null,
                T));
        assertTrue(
                assertThrows(() -> onTheRoad.acceptShortfall(null, "p", clock)).isConflict(),
                "a delivery awaits the receipt");
        onTheRoad.confirmDeliveredReceipt("org-1/partner", clock);
        onTheRoad.acceptShortfall(null, "p", clock);
        assertEquals(RequestStatus.FULFILLED, onTheRoad.status());
        var accepted = (HelpRequestEvent.ShortfallAccepted)
                onTheRoad.pendingEvents().get(onTheRoad.pendingEvents().size() - 1);
        assertEquals(new BigDecimal("2"), accepted.lines().get(0).shortfall());
    }

    private static RuleViolation assertThrows(org.junit.jupiter.api.function.Executable e) {
        return org.junit.jupiter.api.Assertions.assertThrows(RuleViolation.class, e);
    }
}
