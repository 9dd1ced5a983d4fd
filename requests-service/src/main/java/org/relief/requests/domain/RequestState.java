package org.relief.requests.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The fold of a request's events, as an immutable value. The aggregate decides with it and the projection caches it
 * in the read model, so both derive the status with the same code and a replay gives the same answer.
 *
 * @param allocated      inventory has answered at least once with an allocation
 * @param openTrips      trips booked or under way, or delivered and not yet accounted for by a receipt (derived from
 *                       {@code trips})
 * @param reportedTrips  of those, the ones the carrier reported as delivered (derived from {@code trips})
 * @param escalatedFor   the status the request was last escalated in; cleared when the status changes
 * @param trips          every trip dispatch planned for the request, in the order they appeared
 * @param calls          every volunteer call about the request
 * @param shortfallAccepted the partner accepted that the rest will not come (issue 10): the request is FULFILLED with
 *                       what was received (false in states cached before)
 */
public record RequestState(
        String id,
        String organisationId,
        RequestKind kind,
        Priority priority,
        List<LineState> lines,
        String reservationId,
        boolean allocated,
        List<String> openTrips,
        List<String> reportedTrips,
        boolean cancelled,
        boolean expired,
        RequestStatus escalatedFor,
        RequestStatus status,
        List<TripState> trips,
        List<CallState> calls,
        boolean shortfallAccepted) {

    public static final RequestState EMPTY = new RequestState(
            null, null, null, null, List.of(), null, false, List.of(), List.of(), false, false, null, null, List.of(),
            List.of(), false);

    /** Without the shortfall flag (views written before issue 10 and code that never ends with an accepted shortfall). */
    public RequestState(
            String id,
            String organisationId,
            RequestKind kind,
            Priority priority,
            List<LineState> lines,
            String reservationId,
            boolean allocated,
            List<String> openTrips,
            List<String> reportedTrips,
            boolean cancelled,
            boolean expired,
            RequestStatus escalatedFor,
            RequestStatus status,
            List<TripState> trips,
            List<CallState> calls) {
        this(
                id,
                organisationId,
                kind,
                priority,
                lines,
                reservationId,
                allocated,
                openTrips,
                reportedTrips,
                cancelled,
                expired,
                escalatedFor,
                status,
                trips,
                calls,
                false);
    }

    /** States cached before trips and calls existed read with them null. */
    public RequestState {
        lines = lines == null ? List.of() : lines;
        trips = trips == null ? List.of() : trips;
        calls = calls == null ? List.of() : calls;
        openTrips = trips.stream()
                .filter(t -> t.status() == TripState.Status.SCHEDULED
                        || t.status() == TripState.Status.PICKED_UP
                        || (t.status() == TripState.Status.DELIVERED && !t.settled()))
                .map(TripState::tripId)
                .toList();
        reportedTrips = trips.stream()
                .filter(t -> t.status() == TripState.Status.DELIVERED && !t.settled())
                .map(TripState::tripId)
                .toList();
    }

    public RequestState apply(HelpRequestEvent event) {
        RequestState next = fold(event);
        RequestStatus derived = next.deriveStatus();
        RequestStatus escalated = event instanceof HelpRequestEvent.Escalated e
                ? e.status()
                : derived == status ? next.escalatedFor : null;
        return new RequestState(
                next.id,
                next.organisationId,
                next.kind,
                next.priority,
                next.lines,
                next.reservationId,
                next.allocated,
                null,
                null,
                next.cancelled,
                next.expired,
                escalated,
                derived,
                next.trips,
                next.calls,
                next.shortfallAccepted);
    }

    private RequestState fold(HelpRequestEvent event) {
        if (event instanceof HelpRequestEvent.Submitted s) {
            // a stored v1 Submitted has no kind: v1 only knew supplies requests
            RequestKind k = s.kind() == null ? RequestKind.SUPPLIES : s.kind();
            List<LineState> ls = s.lines() == null
                    ? List.of()
                    : s.lines().stream().map(LineState::requested).toList();
            return new RequestState(
                    s.requestId(),
                    s.organisationId(),
                    k,
                    s.priority(),
                    ls,
                    null,
                    false,
                    null,
                    null,
                    false,
                    false,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    false);
        } else if (event instanceof HelpRequestEvent.ReservationOpened o) {
            return withReservation(o.reservationId(), allocated);
        } else if (event instanceof HelpRequestEvent.StockAllocated a) {
            Map<String, BigDecimal> reserved = new HashMap<>();
            a.lines().forEach(l -> reserved.put(l.item(), l.reserved()));
            List<LineState> ls = lines.stream()
                    .map(l -> reserved.containsKey(l.item()) ? l.withReserved(reserved.get(l.item())) : l)
                    .toList();
            return withLines(ls).withReservation(a.reservationId(), true);
        } else if (event instanceof HelpRequestEvent.ReservationReleased r) {
            if (HelpRequestEvent.ReservationReleased.REJECTED.equals(r.reason())
                    || HelpRequestEvent.ReservationReleased.SHORTFALL_ACCEPTED.equals(r.reason())) {
                // REJECTED: the receipt already counted these units as rejected; inventory's cumulative figure keeps
                // them. SHORTFALL_ACCEPTED: the request has ended; the release is on the timeline only
                return this;
            }
            List<LineState> ls =
                    lines.stream().map(l -> l.withReserved(BigDecimal.ZERO)).toList();
            RequestState released = withLines(ls);
            if (HelpRequestEvent.ReservationReleased.EXPIRED.equals(r.reason())) {
                return released.flags(cancelled, true);
            }
            return released;
        } else if (event instanceof HelpRequestEvent.LinesRejected lr) {
            Map<String, HelpRequestEvent.RejectedLine> refused = new HashMap<>();
            lr.lines().forEach(l -> refused.put(l.item(), l));
            return withLines(lines.stream()
                    .map(l -> refused.containsKey(l.item())
                            ? l.rejectedByCatalogue(new CatalogueRejection(
                                    refused.get(l.item()).reason(),
                                    refused.get(l.item()).catalogueUnit()))
                            : l)
                    .toList());
        } else if (event instanceof HelpRequestEvent.Cancelled) {
            return flags(true, expired);
        } else if (event instanceof HelpRequestEvent.PriorityCorrected pc) {
            return new RequestState(
                    id,
                    organisationId,
                    kind,
                    pc.to(),
                    lines,
                    reservationId,
                    allocated,
                    null,
                    null,
                    cancelled,
                    expired,
                    escalatedFor,
                    status,
                    trips,
                    calls,
                    shortfallAccepted);
        } else if (event instanceof HelpRequestEvent.ShortfallAccepted) {
            return new RequestState(
                    id,
                    organisationId,
                    kind,
                    priority,
                    lines,
                    reservationId,
                    allocated,
                    null,
                    null,
                    cancelled,
                    expired,
                    escalatedFor,
                    status,
                    trips,
                    calls,
                    true);
        } else if (event instanceof HelpRequestEvent.ReceiptConfirmed rc) {
            Map<String, HelpRequestEvent.ReceivedLine> byItem = new HashMap<>();
            rc.lines().forEach(l -> byItem.put(l.item(), l));
            List<LineState> ls = lines.stream()
                    .map(l -> {
                        var r = byItem.get(l.item());
                        return r == null ? l : l.received(r.accepted(), r.rejected());
                    })
                    .toList();
            List<String> confirmed = rc.trips() == null ? List.of() : rc.trips();
            boolean nothingInTransit = ls.stream().allMatch(l -> l.inTransit().signum() == 0);
            // the trips whose proof the receipt confirmed are settled; with nothing left in transit, every loaded trip
            // is
            List<TripState> ts = trips.stream()
                    .map(t ->
                            confirmed.contains(t.tripId()) || (nothingInTransit && t.carrying()) ? t.markSettled() : t)
                    .toList();
            return withLines(ls).withTrips(ts, calls);
        } else if (event instanceof HelpRequestEvent.TransportQueued q) {
            return trip(q.tripId(), q.tripKind(), t -> t.with(TripState.Status.QUEUED));
        } else if (event instanceof HelpRequestEvent.TransportScheduled t) {
            return trip(t.tripId(), t.tripKind(), x -> x.with(TripState.Status.SCHEDULED));
        } else if (event instanceof HelpRequestEvent.LoadPickedUp p) {
            Map<String, BigDecimal> loaded = new HashMap<>();
            p.lines().forEach(l -> loaded.merge(l.item(), l.quantity(), BigDecimal::add));
            return withLines(lines.stream()
                            .map(l -> loaded.containsKey(l.item()) ? l.loaded(loaded.get(l.item())) : l)
                            .toList())
                    .trip(p.tripId(), null, t -> t.loaded(p.lines()));
        } else if (event instanceof HelpRequestEvent.DeliveryReported d) {
            return trip(d.tripId(), null, t -> t.delivered(d.lines()));
        } else if (event instanceof HelpRequestEvent.TransportFailed f) {
            return unload(f.tripId()).trip(f.tripId(), null, t -> t.with(TripState.Status.FAILED));
        } else if (event instanceof HelpRequestEvent.TransportCancelled x) {
            return unload(x.tripId()).trip(x.tripId(), null, t -> t.with(TripState.Status.CANCELLED));
        } else if (event instanceof HelpRequestEvent.TransportWaitOverdue o) {
            return trip(o.tripId(), null, TripState::markOverdue);
        } else if (event instanceof HelpRequestEvent.VolunteerCallOpened o) {
            return call(o.callId(), o.purpose(), o.tripId(), o.needed(), c -> c);
        } else if (event instanceof HelpRequestEvent.VolunteersShort s) {
            return call(s.callId(), s.purpose(), s.tripId(), s.needed(), c -> c.waiting(s.needed(), true));
        } else if (event instanceof HelpRequestEvent.VolunteerAssigned a) {
            return call(
                    a.callId(),
                    a.purpose(),
                    a.tripId(),
                    a.needed(),
                    c -> c.assigned(a.assignmentId(), a.needed(), a.assigned()));
        } else if (event instanceof HelpRequestEvent.VolunteerAnswered a) {
            return call(a.callId(), a.purpose(), a.tripId(), 0, c -> c.answered(a.assignmentId(), a.accepted()));
        } else if (event instanceof HelpRequestEvent.VolunteerCallCancelled x) {
            return call(x.callId(), x.purpose(), x.tripId(), 0, CallState::cancelledNow);
        } else if (event instanceof HelpRequestEvent.VolunteerCallCompleted d) {
            return call(d.callId(), d.purpose(), d.tripId(), 0, CallState::completedNow);
        }
        // Escalated changes no quantity
        return this;
    }

    /**
     * A failed or cancelled trip's load goes back to the warehouse with the vehicle: its units leave in transit and
     * count as reserved again (inventory's cumulative figure still holds them), ready for the next trip.
     */
    private RequestState unload(String tripId) {
        TripState t = trip(tripId);
        if (t == null || !t.carrying()) {
            return this;
        }
        Map<String, BigDecimal> back = new HashMap<>();
        t.loaded().forEach(l -> back.merge(l.item(), l.quantity(), BigDecimal::add));
        return withLines(lines.stream()
                .map(l -> back.containsKey(l.item()) ? l.unloaded(back.get(l.item())) : l)
                .toList());
    }

    private RequestState trip(String tripId, String kind, UnaryOperator<TripState> change) {
        List<TripState> ts = new ArrayList<>(trips);
        for (int i = 0; i < ts.size(); i++) {
            if (ts.get(i).tripId().equals(tripId)) {
                ts.set(i, change.apply(ts.get(i).withKind(kind)));
                return withTrips(List.copyOf(ts), calls);
            }
        }
        // a step of a trip not seen before (its earlier events went elsewhere): start from it
        ts.add(change.apply(TripState.of(tripId, kind, TripState.Status.QUEUED)));
        return withTrips(List.copyOf(ts), calls);
    }

    private RequestState call(
            String callId, String purpose, String tripId, int needed, UnaryOperator<CallState> change) {
        List<CallState> cs = new ArrayList<>(calls);
        for (int i = 0; i < cs.size(); i++) {
            if (cs.get(i).callId().equals(callId)) {
                cs.set(i, change.apply(cs.get(i)));
                return withTrips(trips, List.copyOf(cs));
            }
        }
        cs.add(change.apply(CallState.of(callId, purpose, tripId, needed)));
        return withTrips(trips, List.copyOf(cs));
    }

    /**
     * The status follows from the flags and, per kind, from the trips (RIDE), the care-visit call (CARE) or the line
     * quantities and trips (SUPPLIES: delivery first, then transport, then reservation).
     */
    public RequestStatus deriveStatus() {
        if (cancelled) {
            return RequestStatus.CANCELLED;
        }
        if (expired) {
            return RequestStatus.EXPIRED;
        }
        if (kind == RequestKind.RIDE) {
            return rideStatus();
        }
        if (kind == RequestKind.CARE) {
            return careStatus();
        }
        if (kind != RequestKind.SUPPLIES) {
            return RequestStatus.SUBMITTED;
        }
        // lines inventory's catalogue refused never come: the status follows the others; with none left it is REJECTED
        List<LineState> lines = live();
        if (lines.isEmpty() && !this.lines.isEmpty()) {
            return RequestStatus.REJECTED;
        }
        if (!lines.isEmpty() && lines.stream().allMatch(LineState::fullyDelivered)) {
            return RequestStatus.FULFILLED;
        }
        if (shortfallAccepted) {
            return RequestStatus.FULFILLED; // with what was received: the partner accepted the rest will not come
        }
        if (trips.stream().anyMatch(t -> t.status() == TripState.Status.PICKED_UP && !t.settled())) {
            return RequestStatus.IN_TRANSIT;
        }
        if (trips.stream().anyMatch(t -> t.status() == TripState.Status.DELIVERED && !t.settled())) {
            // the proof of delivery is in; the partner's receipt settles it
            return RequestStatus.DELIVERED;
        }
        if (lines.stream().anyMatch(l -> l.inTransit().signum() > 0)) {
            return RequestStatus.IN_TRANSIT; // loaded on a trip whose steps were not recorded here
        }
        if (trips.stream().anyMatch(t -> t.status() == TripState.Status.SCHEDULED)) {
            return RequestStatus.TRANSPORT_SCHEDULED;
        }
        if (trips.stream().anyMatch(t -> t.status() == TripState.Status.QUEUED)
                && lines.stream().anyMatch(l -> l.awaitingTransport().signum() > 0)) {
            return RequestStatus.WAITING_FOR_VEHICLE;
        }
        if (lines.stream().anyMatch(l -> l.delivered().signum() > 0)) {
            return RequestStatus.PARTIALLY_DELIVERED;
        }
        if (reservationId == null) {
            return RequestStatus.SUBMITTED;
        }
        if (!allocated) {
            return RequestStatus.RESERVATION_PENDING;
        }
        if (lines.stream().allMatch(l -> l.reservedProgress() == Progress.COMPLETE)) {
            return RequestStatus.RESERVED;
        }
        return lines.stream().anyMatch(l -> l.reserved().signum() > 0)
                ? RequestStatus.PARTIALLY_RESERVED
                : RequestStatus.WAITING_FOR_STOCK;
    }

    /** A ride is done when a trip delivered its passenger; otherwise its latest live trip says where it stands. */
    private RequestStatus rideStatus() {
        if (trips.stream().anyMatch(t -> t.status() == TripState.Status.DELIVERED)) {
            return RequestStatus.FULFILLED;
        }
        if (trips.stream().anyMatch(t -> t.status() == TripState.Status.PICKED_UP)) {
            return RequestStatus.IN_TRANSIT;
        }
        if (trips.stream().anyMatch(t -> t.status() == TripState.Status.SCHEDULED)) {
            return RequestStatus.TRANSPORT_SCHEDULED;
        }
        if (trips.stream().anyMatch(t -> t.status() == TripState.Status.QUEUED)) {
            return RequestStatus.WAITING_FOR_VEHICLE;
        }
        return RequestStatus.SUBMITTED;
    }

    /** A care request follows its CARE_VISIT call: done when completed, assigned while someone is booked. */
    private RequestStatus careStatus() {
        List<CallState> visits = calls.stream().filter(CallState::careVisit).toList();
        if (visits.stream().anyMatch(CallState::completed)) {
            return RequestStatus.FULFILLED;
        }
        if (visits.stream().anyMatch(c -> c.open() && !c.assignments().isEmpty())) {
            return RequestStatus.VOLUNTEER_ASSIGNED;
        }
        if (visits.stream().anyMatch(c -> c.open() && c.waiting())) {
            return RequestStatus.WAITING_FOR_VOLUNTEER;
        }
        return RequestStatus.SUBMITTED;
    }

    public Progress reservedProgress() {
        return Progress.overall(live().stream().map(LineState::reservedProgress).toList());
    }

    public Progress inTransitProgress() {
        return Progress.overall(
                live().stream().map(LineState::inTransitProgress).toList());
    }

    public Progress deliveredProgress() {
        return Progress.overall(
                live().stream().map(LineState::deliveredProgress).toList());
    }

    /** The lines still asked for: all but those inventory's catalogue refused. */
    public List<LineState> live() {
        return lines.stream().filter(l -> l.catalogueRejection() == null).toList();
    }

    public LineState line(String item) {
        return lines.stream().filter(l -> l.item().equals(item)).findFirst().orElse(null);
    }

    public TripState trip(String tripId) {
        return trips.stream().filter(t -> t.tripId().equals(tripId)).findFirst().orElse(null);
    }

    public CallState call(String callId) {
        return calls.stream().filter(c -> c.callId().equals(callId)).findFirst().orElse(null);
    }

    private RequestState withLines(List<LineState> ls) {
        return new RequestState(
                id,
                organisationId,
                kind,
                priority,
                ls,
                reservationId,
                allocated,
                null,
                null,
                cancelled,
                expired,
                escalatedFor,
                status,
                trips,
                calls,
                shortfallAccepted);
    }

    private RequestState withReservation(String reservation, boolean isAllocated) {
        return new RequestState(
                id,
                organisationId,
                kind,
                priority,
                lines,
                reservation,
                isAllocated,
                null,
                null,
                cancelled,
                expired,
                escalatedFor,
                status,
                trips,
                calls,
                shortfallAccepted);
    }

    private RequestState withTrips(List<TripState> ts, List<CallState> cs) {
        return new RequestState(
                id,
                organisationId,
                kind,
                priority,
                lines,
                reservationId,
                allocated,
                null,
                null,
                cancelled,
                expired,
                escalatedFor,
                status,
                ts,
                cs,
                shortfallAccepted);
    }

    private RequestState flags(boolean isCancelled, boolean isExpired) {
        return new RequestState(
                id,
                organisationId,
                kind,
                priority,
                lines,
                reservationId,
                allocated,
                null,
                null,
                isCancelled,
                isExpired,
                escalatedFor,
                status,
                trips,
                calls,
                shortfallAccepted);
    }
}
