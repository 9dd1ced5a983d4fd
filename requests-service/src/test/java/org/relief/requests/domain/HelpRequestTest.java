package org.relief.requests.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.relief.requests.domain.HelpRequestEvent.ReservedQuantity;

class HelpRequestTest {
    private final Clock clock = Clock.fixed(Instant.parse("2021-12-24T08:00:00Z"), ZoneOffset.UTC);
    private static final BigDecimal SUITS = new BigDecimal("200");
    private static final BigDecimal MASKS = new BigDecimal("1000");

    private SubmitHelpRequest supplies(List<SupplyLine> lines, Instant neededBy) {
        return new SubmitHelpRequest(
                "org-1",
                RequestKind.SUPPLIES,
                Priority.CRITICAL,
                List.of(Vulnerability.ELDERLY_LIVING_ALONE),
                "锦业路小区",
                "雁塔区",
                null,
                "王女士",
                "+86 29 1234 5678",
                lines,
                null,
                null,
                neededBy,
                "我们社区缺少防护服");
    }

    private HelpRequest twoLines() {
        return Submissions.submit(
                supplies(
                        List.of(
                                new SupplyLine("protective-suit", SUITS, "piece"),
                                new SupplyLine("n95-mask", MASKS, "piece")),
                        null),
                null,
                clock);
    }

    private HelpRequest reserved(BigDecimal suits, BigDecimal masks) {
        HelpRequest r = twoLines();
        r.reservationOpened("res-1", clock);
        r.stockAllocated(
                "res-1",
                AllocationOutcome.PARTIALLY_RESERVED,
                List.of(
                        new ReservedQuantity("protective-suit", "piece", suits),
                        new ReservedQuantity("n95-mask", "piece", masks)),
                List.of("queue position 1"),
                null,
                clock);
        return r;
    }

    private RideDetails ride(Instant start, Instant end) {
        return new RideDetails(
                "李同学", "13800000000", "锦业路1号", "雁塔区", "西安交通大学", "碑林区", start, end, List.of(Accessibility.WHEELCHAIR));
    }

    private SubmitHelpRequest rideCommand(RideDetails ride) {
        return new SubmitHelpRequest(
                "org-1",
                RequestKind.RIDE,
                Priority.HIGH,
                List.of(),
                "锦业路小区",
                "雁塔区",
                null,
                null,
                null,
                null,
                ride,
                null,
                null,
                "考研考生");
    }

    @Test
    void submittingRaisesSubmittedV2AndStartsInStatusSubmitted() {
        HelpRequest r = twoLines();
        assertEquals(RequestStatus.SUBMITTED, r.status());
        var submitted = assertInstanceOf(
                HelpRequestEvent.Submitted.class, r.pendingEvents().get(0));
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
        var v1 = new HelpRequestEvent.Submitted(
                "r-1",
                "org-1",
                null,
                Priority.NORMAL,
                null,
                "c",
                "d",
                null,
                null,
                null,
                List.of(new SupplyLine("n95-mask", MASKS, "piece")),
                null,
                null,
                null,
                null,
                clock.instant(),
                null);
        RequestState s = RequestState.EMPTY.apply(v1);
        assertEquals(RequestKind.SUPPLIES, s.kind());
        assertEquals(RequestStatus.SUBMITTED, s.status());
    }

    @Test
    void invalidSuppliesRequestsAreRefused() {
        assertThrows(RuleViolation.class, () -> Submissions.submit(supplies(List.of(), null), null, clock));
        assertThrows(
                RuleViolation.class,
                () -> Submissions.submit(
                        supplies(
                                List.of(new SupplyLine("n95-mask", BigDecimal.TEN, "piece")),
                                clock.instant().minusSeconds(3600)),
                        null,
                        clock));
        assertThrows(
                RuleViolation.class,
                () -> Submissions.submit(
                        supplies(
                                List.of(
                                        new SupplyLine("n95-mask", BigDecimal.TEN, "piece"),
                                        new SupplyLine("n95-mask", BigDecimal.ONE, "box")),
                                null),
                        null,
                        clock),
                "an item on two lines");
        assertThrows(IllegalArgumentException.class, () -> new SupplyLine("n95-mask", BigDecimal.ZERO, "piece"));
    }

    @Test
    void eachKindNeedsItsOwnPartAndNoOther() {
        Instant start = clock.instant().plusSeconds(3600);
        assertThrows(RuleViolation.class, () -> Submissions.submit(rideCommand(null), null, clock), "ride missing");
        RuleViolation order = assertThrows(
                RuleViolation.class,
                () -> Submissions.submit(rideCommand(ride(start, start.minusSeconds(60))), null, clock));
        assertTrue(order.getMessage().contains("ride.windowStart"), order.getMessage());
        var withLines = new SubmitHelpRequest(
                "org-1",
                RequestKind.RIDE,
                Priority.HIGH,
                List.of(),
                "c",
                "d",
                null,
                null,
                null,
                List.of(new SupplyLine("n95-mask", MASKS, "piece")),
                ride(start, start.plusSeconds(600)),
                null,
                null,
                null);
        assertThrows(RuleViolation.class, () -> Submissions.submit(withLines, null, clock), "lines on a ride");
        var careOnSupplies = new SubmitHelpRequest(
                "org-1",
                RequestKind.SUPPLIES,
                Priority.HIGH,
                List.of(),
                "c",
                "d",
                null,
                null,
                null,
                List.of(new SupplyLine("n95-mask", MASKS, "piece")),
                null,
                new CareDetails(CareNeed.ELDERLY_CARE, "elderly-care", "张奶奶", null, null),
                null,
                null);
        assertThrows(RuleViolation.class, () -> Submissions.submit(careOnSupplies, null, clock), "care on supplies");
        var care = new SubmitHelpRequest(
                "org-1",
                RequestKind.CARE,
                Priority.NORMAL,
                List.of(Vulnerability.DISABLED),
                "c",
                "d",
                null,
                null,
                null,
                null,
                null,
                new CareDetails(CareNeed.DISABILITY_SUPPORT, null, "张奶奶", null, null),
                null,
                null);
        assertEquals(
                RequestStatus.SUBMITTED,
                Submissions.submit(care, "earlier-id", clock).status());
    }

    @Test
    void ridesAndCareStaySubmittedButCanBeCancelledAndEscalate() {
        Instant start = clock.instant().plusSeconds(3600);
        HelpRequest r = Submissions.submit(rideCommand(ride(start, start.plusSeconds(1800))), null, clock);
        assertEquals(RequestStatus.SUBMITTED, r.status());
        RuleViolation noStock = assertThrows(
                RuleViolation.class,
                () -> r.stockAllocated("res-1", AllocationOutcome.RESERVED, List.of(), List.of(), null, clock));
        assertTrue(noStock.isConflict());
        assertTrue(assertThrows(
                        RuleViolation.class,
                        () -> r.confirmReceipt(
                                List.of(new ReceiptLine("x", BigDecimal.ONE, BigDecimal.ZERO, null)), "p", clock))
                .isConflict());
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
    void aTripThatArrivesBeforeInventorysAnswersDoesNotBlockThem() {
        // dispatch.events.v1 and inventory.events.v1 are separate topics: the trip can be seen first
        HelpRequest r = twoLines();
        r.transportScheduled(scheduled("trip-1", "FREIGHT", "veh-1", null, load(200, 1000)));
        assertEquals(RequestStatus.TRANSPORT_SCHEDULED, r.status());
        r.reservationOpened("res-1", clock);
        r.stockAllocated(
                "res-1",
                AllocationOutcome.RESERVED,
                List.of(
                        new HelpRequestEvent.ReservedQuantity("protective-suit", "piece", SUITS),
                        new HelpRequestEvent.ReservedQuantity("n95-mask", "piece", MASKS)),
                List.of(),
                null,
                clock);
        assertEquals("res-1", r.state().reservationId());
        assertEquals(RequestStatus.TRANSPORT_SCHEDULED, r.status());
        assertTrue(assertThrows(RuleViolation.class, () -> r.reservationOpened("res-2", clock))
                .isConflict());
    }

    @Test
    void reservationStatusIsDerivedFromReservedQuantities() {
        HelpRequest r = twoLines();
        r.reservationOpened("res-1", clock);
        r.stockAllocated(
                "res-1",
                AllocationOutcome.UNAVAILABLE,
                List.of(new ReservedQuantity("protective-suit", "piece", BigDecimal.ZERO)),
                List.of("no stock"),
                null,
                clock);
        assertEquals(RequestStatus.WAITING_FOR_STOCK, r.status());
        assertEquals(Progress.NONE, r.state().reservedProgress());

        r.stockAllocated(
                "res-1",
                AllocationOutcome.PARTIALLY_RESERVED,
                List.of(
                        new ReservedQuantity("protective-suit", "piece", SUITS),
                        new ReservedQuantity("n95-mask", "piece", new BigDecimal("400"))),
                List.of("warehouse A"),
                null,
                clock);
        assertEquals(RequestStatus.PARTIALLY_RESERVED, r.status());
        assertEquals(Progress.COMPLETE, r.state().line("protective-suit").reservedProgress());
        assertEquals(Progress.PARTIAL, r.state().line("n95-mask").reservedProgress());
        assertEquals(Progress.PARTIAL, r.state().reservedProgress());

        // cumulative: the latest figure replaces the earlier one
        r.stockAllocated(
                "res-1",
                AllocationOutcome.RESERVED,
                List.of(new ReservedQuantity("n95-mask", "piece", MASKS)),
                List.of("donation D-7 arrived"),
                null,
                clock);
        assertEquals(RequestStatus.RESERVED, r.status());
        assertEquals(Progress.COMPLETE, r.state().reservedProgress());
        var last = assertInstanceOf(
                HelpRequestEvent.StockAllocated.class,
                r.pendingEvents().get(r.pendingEvents().size() - 1));
        assertEquals(List.of("donation D-7 arrived"), last.explanation());

        assertThrows(
                RuleViolation.class,
                () -> r.stockAllocated(
                        "res-1",
                        AllocationOutcome.RESERVED,
                        List.of(new ReservedQuantity("rice", "kg", BigDecimal.ONE)),
                        List.of(),
                        null,
                        clock),
                "an item never asked for");
    }

    private static final Instant T = Instant.parse("2021-12-24T09:00:00Z");
    private static final HelpRequestEvent.Place WAREHOUSE = new HelpRequestEvent.Place("曲江仓库", "雁塔区", "曲江路 1 号");
    private static final HelpRequestEvent.Place COMPOUND = new HelpRequestEvent.Place("锦业路小区", "雁塔区", "锦业路1号");

    private static List<HelpRequestEvent.LoadedQuantity> load(int suits, int masks) {
        return List.of(
                new HelpRequestEvent.LoadedQuantity("protective-suit", "piece", BigDecimal.valueOf(suits)),
                new HelpRequestEvent.LoadedQuantity("n95-mask", "piece", BigDecimal.valueOf(masks)));
    }

    static HelpRequestEvent.TransportScheduled scheduled(
            String trip, String kind, String vehicle, String replanOf, List<HelpRequestEvent.LoadedQuantity> lines) {
        return new HelpRequestEvent.TransportScheduled(
                trip,
                kind,
                vehicle,
                "陕A·12345",
                "VAN",
                "carrier-1",
                "刘师傅",
                "13900000000",
                WAREHOUSE,
                COMPOUND,
                lines,
                new BigDecimal("240"),
                new BigDecimal("3.5"),
                T,
                T.plusSeconds(7200),
                replanOf,
                List.of("nearest free van, 3.2 km from the warehouse"),
                T);
    }

    static HelpRequestEvent.TransportQueued queued(String trip, String kind) {
        return new HelpRequestEvent.TransportQueued(trip, kind, WAREHOUSE, COMPOUND, List.of(), "no free vehicle", T);
    }

    static HelpRequestEvent.DeliveryReported delivered(String trip, int suitsAccepted, int suitsRejected, int masks) {
        return new HelpRequestEvent.DeliveryReported(
                trip,
                "王主任",
                List.of(
                        new HelpRequestEvent.DeliveredQuantity(
                                "protective-suit",
                                "piece",
                                BigDecimal.valueOf(suitsAccepted),
                                BigDecimal.valueOf(suitsRejected),
                                suitsRejected > 0 ? "包装破损" : null),
                        new HelpRequestEvent.DeliveredQuantity(
                                "n95-mask", "piece", BigDecimal.valueOf(masks), BigDecimal.ZERO, null)),
                null,
                T);
    }

    @Test
    void transportThenDeliveryThenReceiptWalkThroughTheStatuses() {
        HelpRequest r = reserved(SUITS, MASKS);
        assertEquals(RequestStatus.RESERVED, r.status());
        r.transportQueued(queued("trip-1", "FREIGHT"));
        assertEquals(RequestStatus.WAITING_FOR_VEHICLE, r.status(), "reserved units wait for a vehicle");
        r.transportScheduled(scheduled("trip-1", "FREIGHT", "veh-1", null, load(200, 1000)));
        assertEquals(RequestStatus.TRANSPORT_SCHEDULED, r.status());
        int events = r.pendingEvents().size();
        r.transportScheduled(scheduled("trip-1", "FREIGHT", "veh-1", null, load(200, 1000)));
        r.transportQueued(queued("trip-1", "FREIGHT"));
        assertEquals(events, r.pendingEvents().size(), "a repeated booking and a stale queueing change nothing");
        r.loadPickedUp(new HelpRequestEvent.LoadPickedUp("trip-1", load(200, 1000), T));
        assertEquals(RequestStatus.IN_TRANSIT, r.status());
        assertEquals(Progress.COMPLETE, r.state().inTransitProgress());
        r.deliveryReported(delivered("trip-1", 200, 0, 1000));
        assertEquals(RequestStatus.DELIVERED, r.status());
        r.deliveryReported(delivered("trip-1", 200, 0, 1000));
        assertEquals(events + 2, r.pendingEvents().size(), "the same delivery reported twice is recorded once");
        r.confirmReceipt(
                List.of(
                        new ReceiptLine("protective-suit", SUITS, BigDecimal.ZERO, null),
                        new ReceiptLine("n95-mask", MASKS, BigDecimal.ZERO, null)),
                "partner:org-1",
                clock);
        assertEquals(RequestStatus.FULFILLED, r.status());
        assertEquals(Progress.COMPLETE, r.state().deliveredProgress());
        assertEquals(Progress.NONE, r.state().inTransitProgress());
        assertTrue(r.state().openTrips().isEmpty());
        // a late pickup of an unknown trip after the end is still recorded (it happened) without changing the status
        r.loadPickedUp(new HelpRequestEvent.LoadPickedUp("trip-9", List.of(), T));
        assertEquals(RequestStatus.FULFILLED, r.status());
    }

    @Test
    void aReceiptWithoutLinesConfirmsWhatTheProofsOfDeliverySay() {
        HelpRequest r = reserved(SUITS, MASKS);
        assertTrue(
                assertThrows(RuleViolation.class, () -> r.confirmDeliveredReceipt("p", clock))
                        .isConflict(),
                "nothing reported delivered yet");
        // the load is split over two trips; the first delivers with 10 suits rejected
        r.transportScheduled(scheduled("trip-1", "FREIGHT", "veh-1", null, load(200, 0)));
        r.transportScheduled(scheduled("trip-2", "FREIGHT", "veh-2", null, load(0, 1000)));
        r.loadPickedUp(new HelpRequestEvent.LoadPickedUp("trip-1", load(200, 0), T));
        r.loadPickedUp(new HelpRequestEvent.LoadPickedUp(
                "trip-2", List.of(new HelpRequestEvent.LoadedQuantity("n95-mask", "piece", MASKS)), T));
        r.deliveryReported(new HelpRequestEvent.DeliveryReported(
                "trip-1",
                "王主任",
                List.of(new HelpRequestEvent.DeliveredQuantity(
                        "protective-suit", "piece", new BigDecimal("190"), BigDecimal.TEN, null)),
                "门口交接",
                T));
        assertEquals(RequestStatus.IN_TRANSIT, r.status(), "trip-2 is still on the road");
        r.confirmDeliveredReceipt("partner:org-1", clock);
        var receipt = assertInstanceOf(
                HelpRequestEvent.ReceiptConfirmed.class,
                r.pendingEvents().get(r.pendingEvents().size() - 1));
        assertEquals(List.of("trip-1"), receipt.trips());
        assertEquals(1, receipt.lines().size());
        assertEquals(0, receipt.lines().get(0).accepted().compareTo(new BigDecimal("190")));
        assertEquals(0, receipt.lines().get(0).rejected().compareTo(BigDecimal.TEN));
        assertEquals(
                "rejected at delivery of trip trip-1", receipt.lines().get(0).rejectionReason());
        assertEquals(RequestStatus.IN_TRANSIT, r.status());

        r.deliveryReported(delivered("trip-2", 0, 0, 1000));
        assertEquals(RequestStatus.DELIVERED, r.status());
        r.confirmDeliveredReceipt("partner:org-1", clock);
        receipt = assertInstanceOf(
                HelpRequestEvent.ReceiptConfirmed.class,
                r.pendingEvents().get(r.pendingEvents().size() - 1));
        assertEquals(List.of("trip-2"), receipt.trips(), "trip-1's proof was confirmed before");
        assertEquals(RequestStatus.PARTIALLY_DELIVERED, r.status(), "10 suits were rejected");
        assertEquals(0, r.state().line("n95-mask").delivered().compareTo(MASKS));
        assertTrue(
                assertThrows(RuleViolation.class, () -> r.confirmDeliveredReceipt("p", clock))
                        .isConflict(),
                "every proof is confirmed");
    }

    @Test
    void aFailedTripPutsItsLoadBackAndTheReplacementIsScheduledAgain() {
        HelpRequest r = reserved(SUITS, MASKS);
        r.transportScheduled(scheduled("trip-1", "FREIGHT", "veh-1", null, load(200, 1000)));
        r.loadPickedUp(new HelpRequestEvent.LoadPickedUp("trip-1", load(200, 1000), T));
        assertEquals(RequestStatus.IN_TRANSIT, r.status());
        r.transportFailed(new HelpRequestEvent.TransportFailed("trip-1", "道路封闭", true, "REPLANNED", "trip-2", T));
        assertEquals(0, r.state().line("protective-suit").inTransit().signum(), "the load went back to the warehouse");
        assertEquals(0, r.state().line("protective-suit").reserved().compareTo(SUITS), "and is reserved again");
        assertEquals(RequestStatus.RESERVED, r.status());
        assertFalse(r.state().openTrips().contains("trip-1"));
        int events = r.pendingEvents().size();
        r.transportFailed(new HelpRequestEvent.TransportFailed("trip-1", "道路封闭", true, "REPLANNED", "trip-2", T));
        assertEquals(events, r.pendingEvents().size(), "a repeated failure changes nothing");
        r.transportScheduled(scheduled("trip-2", "FREIGHT", "veh-3", "trip-1", load(200, 1000)));
        assertEquals(RequestStatus.TRANSPORT_SCHEDULED, r.status());
        assertEquals(List.of("trip-2"), r.state().openTrips());

        // a dispatcher cancels the replacement after pickup: the load comes back once more
        r.loadPickedUp(new HelpRequestEvent.LoadPickedUp("trip-2", load(200, 1000), T));
        r.transportCancelled(new HelpRequestEvent.TransportCancelled("trip-2", "DISPATCHER", true, T));
        assertEquals(RequestStatus.RESERVED, r.status());
        assertEquals(0, r.state().line("n95-mask").inTransit().signum());
    }

    @Test
    void aRideFollowsItsTrip() {
        Instant start = clock.instant().plusSeconds(3600);
        HelpRequest r = Submissions.submit(rideCommand(ride(start, start.plusSeconds(3600))), null, clock);
        assertEquals(RequestStatus.SUBMITTED, r.status());
        r.transportQueued(queued("ride-1", "RIDE"));
        assertEquals(RequestStatus.WAITING_FOR_VEHICLE, r.status());
        r.transportScheduled(scheduled("ride-1", "RIDE", "taxi-1", null, List.of()));
        assertEquals(RequestStatus.TRANSPORT_SCHEDULED, r.status());
        r.transportFailed(new HelpRequestEvent.TransportFailed("ride-1", "车辆故障", false, "REPLANNED", "ride-2", T));
        r.transportQueued(queued("ride-2", "RIDE"));
        assertEquals(RequestStatus.WAITING_FOR_VEHICLE, r.status(), "the replacement waits for a taxi");
        r.transportScheduled(scheduled("ride-2", "RIDE", "taxi-2", "ride-1", List.of()));
        r.loadPickedUp(new HelpRequestEvent.LoadPickedUp("ride-2", List.of(), T));
        assertEquals(RequestStatus.IN_TRANSIT, r.status());
        r.deliveryReported(new HelpRequestEvent.DeliveryReported("ride-2", null, List.of(), "已到达考点", T));
        assertEquals(RequestStatus.FULFILLED, r.status());
        assertNull(r.state().escalatedFor());
    }

    @Test
    void aCareVisitFollowsItsVolunteerCall() {
        Instant start = clock.instant().plusSeconds(3600);
        HelpRequest r = Submissions.submit(
                new SubmitHelpRequest(
                        "org-1",
                        RequestKind.CARE,
                        Priority.NORMAL,
                        List.of(),
                        "锦业路小区",
                        "雁塔区",
                        null,
                        null,
                        null,
                        null,
                        null,
                        new CareDetails(CareNeed.ELDERLY_CARE, "elderly-care", "张奶奶", start, start.plusSeconds(7200)),
                        null,
                        null),
                null,
                clock);
        r.volunteerCallOpened(new HelpRequestEvent.VolunteerCallOpened(
                "call-1", null, "CARE_VISIT", "elderly-care", 1, "雁塔区", "锦业路小区", start, start.plusSeconds(7200), T));
        assertEquals(RequestStatus.SUBMITTED, r.status());
        r.volunteersShort(new HelpRequestEvent.VolunteersShort("call-1", null, "CARE_VISIT", 1, 0, "no one free", T));
        assertEquals(RequestStatus.WAITING_FOR_VOLUNTEER, r.status());
        int events = r.pendingEvents().size();
        r.volunteersShort(new HelpRequestEvent.VolunteersShort("call-1", null, "CARE_VISIT", 1, 0, "no one free", T));
        assertEquals(events, r.pendingEvents().size(), "still short: nothing new");
        r.volunteerAssigned(new HelpRequestEvent.VolunteerAssigned(
                "call-1", null, "CARE_VISIT", "as-1", "vol-1", "李阿姨", start, start.plusSeconds(7200), 1, 1, T));
        assertEquals(RequestStatus.VOLUNTEER_ASSIGNED, r.status());
        r.volunteerAnswered(
                new HelpRequestEvent.VolunteerAnswered("call-1", null, "CARE_VISIT", "as-1", "vol-1", false, "生病", T));
        assertEquals(RequestStatus.WAITING_FOR_VOLUNTEER, r.status(), "declined and nobody else yet");
        r.volunteerAssigned(new HelpRequestEvent.VolunteerAssigned(
                "call-1", null, "CARE_VISIT", "as-2", "vol-2", "赵叔叔", start, start.plusSeconds(7200), 1, 1, T));
        r.volunteerAnswered(
                new HelpRequestEvent.VolunteerAnswered("call-1", null, "CARE_VISIT", "as-2", "vol-2", true, null, T));
        assertEquals(RequestStatus.VOLUNTEER_ASSIGNED, r.status());
        r.volunteerCallCompleted(
                new HelpRequestEvent.VolunteerCallCompleted("call-1", null, "CARE_VISIT", 1, new BigDecimal("2.5"), T));
        assertEquals(RequestStatus.FULFILLED, r.status());
        events = r.pendingEvents().size();
        r.volunteerCallCompleted(
                new HelpRequestEvent.VolunteerCallCompleted("call-1", null, "CARE_VISIT", 1, new BigDecimal("2.5"), T));
        assertEquals(events, r.pendingEvents().size());
        assertTrue(TimelineText.explain(r.pendingEvents().get(events - 1)).en().contains("2.5 hours"));
    }

    @Test
    void loadingAndHandOutCallsAreOnTheTimelineOnlyAndAnEndedRequestRecordsOnlyWhatHappened() {
        HelpRequest r = reserved(SUITS, MASKS);
        r.transportScheduled(scheduled("trip-1", "FREIGHT", "veh-1", null, load(200, 1000)));
        r.volunteerCallOpened(new HelpRequestEvent.VolunteerCallOpened(
                "call-l", "trip-1", "LOADING", null, 2, "雁塔区", "曲江仓库", T, T.plusSeconds(3600), T));
        r.volunteersShort(new HelpRequestEvent.VolunteersShort("call-l", "trip-1", "LOADING", 2, 0, "none free", T));
        r.volunteerAssigned(new HelpRequestEvent.VolunteerAssigned(
                "call-l", "trip-1", "LOADING", "as-1", "vol-1", "小王", T, T.plusSeconds(3600), 1, 2, T));
        assertEquals(RequestStatus.TRANSPORT_SCHEDULED, r.status());

        r.cancel("已从其他渠道获得", "partner:org-1", clock);
        int events = r.pendingEvents().size();
        r.transportScheduled(scheduled("trip-2", "FREIGHT", "veh-2", null, load(1, 1)));
        r.transportQueued(queued("trip-3", "FREIGHT"));
        r.volunteerAssigned(new HelpRequestEvent.VolunteerAssigned(
                "call-l", "trip-1", "LOADING", "as-2", "vol-2", "小李", T, T.plusSeconds(3600), 2, 2, T));
        assertEquals(events, r.pendingEvents().size(), "plans for an ended request are not recorded");
        r.transportCancelled(new HelpRequestEvent.TransportCancelled("trip-1", "REQUEST_CANCELLED", false, T));
        r.volunteerCallCancelled(
                new HelpRequestEvent.VolunteerCallCancelled("call-l", "trip-1", "LOADING", "trip cancelled", T));
        assertEquals(events + 2, r.pendingEvents().size(), "what happened is");
        assertEquals(RequestStatus.CANCELLED, r.status());
        assertTrue(TimelineText.explain(r.pendingEvents().get(events)).zh().contains("已取消"));
    }

    @Test
    void aQueuedTripWithNothingWaitingLeavesTheStatusAlone() {
        HelpRequest r = twoLines();
        r.reservationOpened("res-1", clock);
        r.transportQueued(queued("trip-1", "FREIGHT"));
        assertEquals(RequestStatus.RESERVATION_PENDING, r.status(), "nothing reserved waits for transport yet");
        r.stockAllocated(
                "res-1",
                AllocationOutcome.PARTIALLY_RESERVED,
                List.of(new ReservedQuantity("protective-suit", "piece", SUITS)),
                List.of(),
                null,
                clock);
        assertEquals(RequestStatus.WAITING_FOR_VEHICLE, r.status());
        var scheduled = scheduled("trip-1", "FREIGHT", "veh-1", null, load(200, 0));
        String text = TimelineText.explain(scheduled).en();
        assertTrue(
                text.contains("陕A·12345")
                        && text.contains("VAN")
                        && text.contains("刘师傅")
                        && text.contains("曲江仓库")
                        && text.contains("锦业路小区")
                        && text.contains("200 piece protective-suit"),
                text);
    }

    @Test
    void aPartialReceiptIsPartiallyDeliveredAndAFullOneFulfils() {
        HelpRequest r = reserved(SUITS, MASKS);
        r.confirmReceipt(
                List.of(new ReceiptLine("protective-suit", new BigDecimal("150"), new BigDecimal("50"), "包装破损")),
                "partner:org-1",
                clock);
        assertEquals(RequestStatus.PARTIALLY_DELIVERED, r.status());
        LineState suits = r.state().line("protective-suit");
        assertEquals(0, suits.delivered().compareTo(new BigDecimal("150")));
        assertEquals(0, suits.rejected().compareTo(new BigDecimal("50")));
        assertEquals(Progress.PARTIAL, suits.deliveredProgress());
        assertEquals(0, suits.receivable().signum(), "all 200 reserved suits are accounted for");

        RuleViolation tooMany = assertThrows(
                RuleViolation.class,
                () -> r.confirmReceipt(
                        List.of(new ReceiptLine("protective-suit", BigDecimal.ONE, BigDecimal.ZERO, null)),
                        "p",
                        clock));
        assertTrue(tooMany.isConflict());

        r.confirmReceipt(List.of(new ReceiptLine("n95-mask", MASKS, BigDecimal.ZERO, null)), "partner:org-1", clock);
        assertEquals(RequestStatus.PARTIALLY_DELIVERED, r.status(), "50 suits are still missing");
        // inventory returns the 50 rejected suits to stock: on the timeline, nothing else changes
        int before = r.pendingEvents().size();
        r.reservationReleased(
                "res-1",
                "REJECTED",
                List.of(new ReservedQuantity("protective-suit", "piece", new BigDecimal("50"))),
                clock);
        assertEquals(before + 1, r.pendingEvents().size());
        assertEquals(RequestStatus.PARTIALLY_DELIVERED, r.status());
        assertEquals(suits.delivered(), r.state().line("protective-suit").delivered());
        // should inventory reserve 50 replacements, its cumulative figure grows to 250, and they arrive
        r.stockAllocated(
                "res-1",
                AllocationOutcome.RESERVED,
                List.of(new ReservedQuantity("protective-suit", "piece", new BigDecimal("250"))),
                List.of("replacement"),
                null,
                clock);
        assertEquals(0, r.state().line("protective-suit").receivable().compareTo(new BigDecimal("50")));
        r.confirmReceipt(
                List.of(new ReceiptLine("protective-suit", new BigDecimal("50"), BigDecimal.ZERO, null)), "p", clock);
        assertEquals(RequestStatus.FULFILLED, r.status());
    }

    /** R3: a receipt settles the lines it lists; the rest stays reserved and a later receipt can confirm it. */
    @Test
    void aReceiptSettlesOnlyWhatItListsAndTheRestStaysReserved() {
        HelpRequest r = reserved(SUITS, MASKS);
        r.confirmReceipt(
                List.of(new ReceiptLine("protective-suit", new BigDecimal("80"), new BigDecimal("20"), "湿了")),
                "p",
                clock);
        LineState suits = r.state().line("protective-suit");
        assertEquals(
                0,
                suits.reserved().compareTo(SUITS),
                "inventory's figure is cumulative: 100 held, 80 issued, 20 rejected");
        assertEquals(0, suits.receivable().compareTo(new BigDecimal("100")), "the 100 not yet received");
        LineState masks = r.state().line("n95-mask");
        assertEquals(0, masks.reserved().compareTo(MASKS), "a line the receipt did not list is untouched");
        assertEquals(0, masks.delivered().signum());
        assertEquals(RequestStatus.PARTIALLY_DELIVERED, r.status());
        // a REJECTED release for the 20 changes nothing: the receipt counted them
        r.reservationReleased(
                "res-1",
                "REJECTED",
                List.of(new ReservedQuantity("protective-suit", "piece", new BigDecimal("20"))),
                clock);
        assertEquals(0, r.state().line("protective-suit").receivable().compareTo(new BigDecimal("100")));
        assertTrue(assertThrows(
                        RuleViolation.class,
                        () -> r.confirmReceipt(
                                List.of(new ReceiptLine(
                                        "protective-suit", new BigDecimal("101"), BigDecimal.ZERO, null)),
                                "p",
                                clock))
                .isConflict());
        r.confirmReceipt(
                List.of(
                        new ReceiptLine("protective-suit", new BigDecimal("100"), BigDecimal.ZERO, null),
                        new ReceiptLine("n95-mask", MASKS, BigDecimal.ZERO, null)),
                "p",
                clock);
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
        cancelled.stockAllocated(
                "res-1",
                AllocationOutcome.PARTIALLY_RESERVED,
                List.of(new ReservedQuantity("protective-suit", "piece", new BigDecimal("100"))),
                List.of(),
                null,
                clock);
        cancelled.reservationReleased("res-1", "CANCELLED", null, clock);
        cancelled.reservationReleased("res-1", "EXPIRED", null, clock);
        // the release that answers the cancellation is what happened to the stock: on the timeline, once (path 6)
        assertEquals(events + 1, cancelled.pendingEvents().size());
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
        fulfilled.confirmReceipt(
                List.of(
                        new ReceiptLine("protective-suit", SUITS, BigDecimal.ZERO, null),
                        new ReceiptLine("n95-mask", MASKS, BigDecimal.ZERO, null)),
                "p",
                clock);
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
        assertTrue(
                assertThrows(
                                RuleViolation.class,
                                () -> pending.confirmReceipt(
                                        List.of(new ReceiptLine("n95-mask", BigDecimal.ONE, BigDecimal.ZERO, null)),
                                        "p",
                                        clock))
                        .isConflict(),
                "nothing reserved yet");

        HelpRequest r = reserved(new BigDecimal("100"), BigDecimal.ZERO);
        assertEquals(RequestStatus.PARTIALLY_RESERVED, r.status());
        assertTrue(assertThrows(
                        RuleViolation.class,
                        () -> r.confirmReceipt(
                                List.of(new ReceiptLine(
                                        "protective-suit", new BigDecimal("101"), BigDecimal.ZERO, null)),
                                "p",
                                clock))
                .isConflict());
        assertTrue(
                assertThrows(
                                RuleViolation.class,
                                () -> r.confirmReceipt(
                                        List.of(new ReceiptLine("n95-mask", BigDecimal.ONE, BigDecimal.ZERO, null)),
                                        "p",
                                        clock))
                        .isConflict(),
                "no mask is reserved");
        assertFalse(
                assertThrows(
                                RuleViolation.class,
                                () -> r.confirmReceipt(
                                        List.of(new ReceiptLine(
                                                "protective-suit", BigDecimal.ZERO, BigDecimal.TEN, " ")),
                                        "p",
                                        clock))
                        .isConflict(),
                "rejected units need a reason");
        assertFalse(assertThrows(
                        RuleViolation.class,
                        () -> r.confirmReceipt(
                                List.of(new ReceiptLine("rice", BigDecimal.ONE, BigDecimal.ZERO, null)), "p", clock))
                .isConflict());
        assertFalse(assertThrows(
                        RuleViolation.class,
                        () -> r.confirmReceipt(
                                List.of(new ReceiptLine("protective-suit", BigDecimal.ZERO, BigDecimal.ZERO, null)),
                                "p",
                                clock))
                .isConflict());
        assertEquals(2 + 1, r.pendingEvents().size(), "no refused receipt raised anything");
    }

    @Test
    void cancelRules() {
        HelpRequest r = reserved(SUITS, MASKS);
        assertFalse(assertThrows(RuleViolation.class, () -> r.cancel(" ", "p", clock))
                .isConflict());
        r.cancel("已从其他渠道获得", "partner:org-1", clock);
        assertEquals(RequestStatus.CANCELLED, r.status());
        assertTrue(assertThrows(RuleViolation.class, () -> r.cancel("again", "p", clock))
                .isConflict());
        int events = r.pendingEvents().size();
        // inventory's release after our cancellation is recorded (the timeline shows the compensation, issue 10 path
        // 6) without changing the status; late allocations are ignored
        r.reservationReleased("res-1", "CANCELLED", null, clock);
        r.stockAllocated("res-1", AllocationOutcome.RESERVED, List.of(), List.of(), null, clock);
        assertEquals(events + 1, r.pendingEvents().size());
        assertEquals(RequestStatus.CANCELLED, r.status());

        HelpRequest fulfilled = reserved(SUITS, MASKS);
        fulfilled.confirmReceipt(
                List.of(
                        new ReceiptLine("protective-suit", SUITS, BigDecimal.ZERO, null),
                        new ReceiptLine("n95-mask", MASKS, BigDecimal.ZERO, null)),
                "p",
                clock);
        assertEquals(RequestStatus.FULFILLED, fulfilled.status());
        assertTrue(assertThrows(RuleViolation.class, () -> fulfilled.cancel("too late", "p", clock))
                .isConflict());
    }

    @Test
    void anExpiredReservationEndsTheRequestWithNothingReserved() {
        HelpRequest r = reserved(SUITS, new BigDecimal("10"));
        r.reservationReleased("res-1", "EXPIRED", null, clock);
        assertEquals(RequestStatus.EXPIRED, r.status());
        assertTrue(r.lines().stream().allMatch(l -> l.reserved().signum() == 0));
        assertEquals(Progress.NONE, r.state().reservedProgress());
        assertTrue(assertThrows(RuleViolation.class, () -> r.cancel("x", "p", clock))
                .isConflict());
        assertThrows(RuleViolation.class, () -> r.reservationReleased("res-1", "STOLEN", null, clock));

        HelpRequest released = reserved(SUITS, MASKS);
        released.reservationReleased("res-1", "CANCELLED", null, clock);
        assertEquals(RequestStatus.WAITING_FOR_STOCK, released.status(), "released by inventory without our cancel");
    }

    @Test
    void escalationHappensOncePerStatus() {
        HelpRequest r = twoLines();
        assertTrue(r.escalate(clock.instant(), clock));
        var escalated = assertInstanceOf(
                HelpRequestEvent.Escalated.class, r.pendingEvents().get(1));
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
        r.stockAllocated(
                "res-1",
                AllocationOutcome.PARTIALLY_RESERVED,
                List.of(new ReservedQuantity("protective-suit", "piece", new BigDecimal("20"))),
                List.of(),
                null,
                clock);
        assertEquals(RequestStatus.PARTIALLY_RESERVED, r.status());
        assertFalse(r.escalate(clock.instant(), clock));
    }

    @Test
    void duplicateKeysIgnoreCaseWidthAndSpaces() {
        assertEquals(DuplicateKeys.normalize("锦业路 小区"), DuplicateKeys.normalize("锦业路小区"));
        assertEquals(DuplicateKeys.normalize("Block　A"), DuplicateKeys.normalize(" block a "));
        assertEquals(DuplicateKeys.normalize("ＡＢＣ"), DuplicateKeys.normalize("abc"));
        assertEquals(
                DuplicateKeys.matchKey(
                        RequestKind.SUPPLIES,
                        List.of(new SupplyLine("n95-mask", MASKS, "piece"), new SupplyLine("suit", SUITS, "piece")),
                        null,
                        null),
                DuplicateKeys.matchKey(
                        RequestKind.SUPPLIES,
                        List.of(
                                new SupplyLine("Suit", BigDecimal.ONE, "box"),
                                new SupplyLine("N95-mask", BigDecimal.ONE, "piece")),
                        null,
                        null));
    }
}
