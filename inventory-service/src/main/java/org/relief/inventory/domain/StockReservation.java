package org.relief.inventory.domain;

import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.AggregateRoot;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The reservation of stock for one help request (one per request, identified by the request id). Allocation of
 * stock lots, expiry and release build on this aggregate.
 */
public final class StockReservation extends AggregateRoot<StockReservationEvent> {
    public enum Status { OPEN }

    private String requestId;
    private String reservationId;
    private Status status;
    private List<ReservationLine> lines = List.of();

    public static StockReservation open(String requestId, String organisationId, String priority, String district,
                                        List<ReservationLine> lines, Clock clock) {
        if (lines == null || lines.isEmpty()) {
            throw RuleViolation.invalid("request " + requestId + " has no lines to reserve", "求助 " + requestId + " 没有需要预留的物资");
        }
        StockReservation r = new StockReservation();
        r.raise(new StockReservationEvent.Opened(UUID.randomUUID().toString(), requestId, organisationId, priority,
                district, List.copyOf(lines), clock.instant()));
        return r;
    }

    @Override
    protected void apply(StockReservationEvent event) {
        if (event instanceof StockReservationEvent.Opened o) {
            requestId = o.requestId();
            reservationId = o.reservationId();
            lines = o.lines();
            status = Status.OPEN;
        }
    }

    @Override
    public String id() {
        return requestId;
    }

    public String reservationId() {
        return reservationId;
    }

    public Status status() {
        return status;
    }

    public List<ReservationLine> lines() {
        return lines;
    }
}
