package org.relief.requests.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fold of a request's events, as an immutable value. The aggregate decides with it and the projection caches it
 * in the read model, so both derive the status with the same code and a replay gives the same answer.
 *
 * @param allocated      inventory has answered at least once with an allocation
 * @param openTrips      trips scheduled for this request whose load is not yet fully received
 * @param reportedTrips  of those, the ones the carrier reported as delivered
 * @param escalatedFor   the status the request was last escalated in; cleared when the status changes
 */
public record RequestState(String id, String organisationId, RequestKind kind, Priority priority,
                           List<LineState> lines, String reservationId, boolean allocated, List<String> openTrips,
                           List<String> reportedTrips, boolean cancelled, boolean expired, RequestStatus escalatedFor,
                           RequestStatus status) {

    public static final RequestState EMPTY = new RequestState(null, null, null, null, List.of(), null, false,
            List.of(), List.of(), false, false, null, null);

    public RequestState apply(HelpRequestEvent event) {
        RequestState next = fold(event);
        RequestStatus derived = next.deriveStatus();
        RequestStatus escalated = event instanceof HelpRequestEvent.Escalated e ? e.status()
                : derived == status ? next.escalatedFor : null;
        return new RequestState(next.id, next.organisationId, next.kind, next.priority, next.lines, next.reservationId,
                next.allocated, next.openTrips, next.reportedTrips, next.cancelled, next.expired, escalated, derived);
    }

    private RequestState fold(HelpRequestEvent event) {
        if (event instanceof HelpRequestEvent.Submitted s) {
            // a stored v1 Submitted has no kind: v1 only knew supplies requests
            RequestKind k = s.kind() == null ? RequestKind.SUPPLIES : s.kind();
            List<LineState> ls = s.lines() == null ? List.of() : s.lines().stream().map(LineState::requested).toList();
            return new RequestState(s.requestId(), s.organisationId(), k, s.priority(), ls, null, false, List.of(),
                    List.of(), false, false, null, null);
        } else if (event instanceof HelpRequestEvent.ReservationOpened o) {
            return withReservation(o.reservationId(), allocated);
        } else if (event instanceof HelpRequestEvent.StockAllocated a) {
            Map<String, BigDecimal> reserved = new HashMap<>();
            a.lines().forEach(l -> reserved.put(l.item(), l.reserved()));
            List<LineState> ls = lines.stream()
                    .map(l -> reserved.containsKey(l.item()) ? l.withReserved(reserved.get(l.item())) : l).toList();
            return withLines(ls).withReservation(a.reservationId(), true);
        } else if (event instanceof HelpRequestEvent.ReservationReleased r) {
            if (HelpRequestEvent.ReservationReleased.REJECTED.equals(r.reason())) {
                // the receipt already counted these units as rejected; inventory's cumulative figure keeps them
                return this;
            }
            List<LineState> ls = lines.stream().map(l -> l.withReserved(BigDecimal.ZERO)).toList();
            RequestState released = withLines(ls);
            if (HelpRequestEvent.ReservationReleased.EXPIRED.equals(r.reason())) {
                return released.flags(cancelled, true);
            }
            return released;
        } else if (event instanceof HelpRequestEvent.Cancelled) {
            return flags(true, expired);
        } else if (event instanceof HelpRequestEvent.ReceiptConfirmed rc) {
            Map<String, HelpRequestEvent.ReceivedLine> byItem = new HashMap<>();
            rc.lines().forEach(l -> byItem.put(l.item(), l));
            List<LineState> ls = lines.stream().map(l -> {
                var r = byItem.get(l.item());
                return r == null ? l : l.received(r.accepted(), r.rejected());
            }).toList();
            boolean nothingInTransit = ls.stream().allMatch(l -> l.inTransit().signum() == 0);
            // trips whose whole load was received are closed
            return nothingInTransit ? withLines(ls).withTrips(List.of(), List.of()) : withLines(ls);
        } else if (event instanceof HelpRequestEvent.TransportScheduled t) {
            List<String> trips = new ArrayList<>(openTrips);
            if (!trips.contains(t.tripId())) {
                trips.add(t.tripId());
            }
            return withTrips(List.copyOf(trips), reportedTrips);
        } else if (event instanceof HelpRequestEvent.LoadPickedUp p) {
            Map<String, BigDecimal> loaded = new HashMap<>();
            p.lines().forEach(l -> loaded.merge(l.item(), l.quantity(), BigDecimal::add));
            return withLines(lines.stream()
                    .map(l -> loaded.containsKey(l.item()) ? l.loaded(loaded.get(l.item())) : l).toList());
        } else if (event instanceof HelpRequestEvent.DeliveryReported d) {
            List<String> reported = new ArrayList<>(reportedTrips);
            if (!reported.contains(d.tripId())) {
                reported.add(d.tripId());
            }
            return withTrips(openTrips, List.copyOf(reported));
        }
        // Escalated changes no quantity
        return this;
    }

    /**
     * The status follows from the flags and, for supplies, from the line quantities: delivery first, then transport,
     * then reservation.
     */
    public RequestStatus deriveStatus() {
        if (cancelled) {
            return RequestStatus.CANCELLED;
        }
        if (expired) {
            return RequestStatus.EXPIRED;
        }
        if (kind != RequestKind.SUPPLIES) {
            return RequestStatus.SUBMITTED;
        }
        if (!lines.isEmpty() && lines.stream().allMatch(LineState::fullyDelivered)) {
            return RequestStatus.FULFILLED;
        }
        if (lines.stream().anyMatch(l -> l.inTransit().signum() > 0)) {
            boolean allReported = !openTrips.isEmpty() && reportedTrips.containsAll(openTrips);
            return allReported ? RequestStatus.DELIVERED : RequestStatus.IN_TRANSIT;
        }
        if (!openTrips.isEmpty()) {
            return RequestStatus.TRANSPORT_SCHEDULED;
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
                ? RequestStatus.PARTIALLY_RESERVED : RequestStatus.WAITING_FOR_STOCK;
    }

    public Progress reservedProgress() {
        return Progress.overall(lines.stream().map(LineState::reservedProgress).toList());
    }

    public Progress inTransitProgress() {
        return Progress.overall(lines.stream().map(LineState::inTransitProgress).toList());
    }

    public Progress deliveredProgress() {
        return Progress.overall(lines.stream().map(LineState::deliveredProgress).toList());
    }

    public LineState line(String item) {
        return lines.stream().filter(l -> l.item().equals(item)).findFirst().orElse(null);
    }

    private RequestState withLines(List<LineState> ls) {
        return new RequestState(id, organisationId, kind, priority, ls, reservationId, allocated, openTrips,
                reportedTrips, cancelled, expired, escalatedFor, status);
    }

    private RequestState withReservation(String reservation, boolean isAllocated) {
        return new RequestState(id, organisationId, kind, priority, lines, reservation, isAllocated, openTrips,
                reportedTrips, cancelled, expired, escalatedFor, status);
    }

    private RequestState withTrips(List<String> open, List<String> reported) {
        return new RequestState(id, organisationId, kind, priority, lines, reservationId, allocated, open, reported,
                cancelled, expired, escalatedFor, status);
    }

    private RequestState flags(boolean isCancelled, boolean isExpired) {
        return new RequestState(id, organisationId, kind, priority, lines, reservationId, allocated, openTrips,
                reportedTrips, isCancelled, isExpired, escalatedFor, status);
    }
}
