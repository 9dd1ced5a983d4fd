package org.relief.requests.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.requests.domain.HelpRequest;
import org.relief.requests.domain.HelpRequestEvent;

/**
 * The saga's steps other services take for our requests, applied to the request inside the consuming transaction
 * ({@code c}). Who acted is the service that published the step; the cause is the consumed event ({@code cause}).
 */
@ApplicationScoped
public class HelpRequestSaga {
    /** the actor of inventory's steps */
    public static final String INVENTORY_SERVICE = "inventory-service";

    private final HelpRequestStore store;
    /** the service's one clock: the time of a step that carries none */
    private final Clock clock;

    public HelpRequestSaga(HelpRequestStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Inventory opened a reservation for the request and refused the {@code rejected} lines outright. */
    public void reservationOpened(
            Connection c,
            EventEnvelope cause,
            String requestId,
            String reservationId,
            List<HelpRequestEvent.RejectedLine> rejected,
            Instant openedAt) {
        HelpRequest request = store.about(c, requestId, cause);
        request.reservationOpened(reservationId, rejected, happened(openedAt, cause));
        store.save(c, request, EventContext.causedBy(cause, INVENTORY_SERVICE));
    }

    /** StockReserved, StockPartiallyReserved or StockUnavailable ({@code outcome}): inventory's latest cumulative allocation. */
    public void stockAllocated(
            Connection c,
            EventEnvelope cause,
            String requestId,
            String reservationId,
            HelpRequestEvent.AllocationOutcome outcome,
            List<HelpRequestEvent.ReservedQuantity> reserved,
            List<String> explanation,
            List<String> explanationZh,
            Instant expiresAt,
            Instant allocatedAt) {
        HelpRequest request = store.about(c, requestId, cause);
        request.stockAllocated(
                reservationId, outcome, reserved, explanation, explanationZh, expiresAt, happened(allocatedAt, cause));
        store.save(c, request, EventContext.causedBy(cause, INVENTORY_SERVICE));
    }

    /** Inventory gave reserved stock back, for {@code reason} (HelpRequestEvent.ReservationReleased's constants). */
    public void reservationReleased(
            Connection c,
            EventEnvelope cause,
            String requestId,
            String reservationId,
            String reason,
            List<HelpRequestEvent.ReservedQuantity> released,
            Instant releasedAt) {
        HelpRequest request = store.about(c, requestId, cause);
        request.reservationReleased(reservationId, reason, released, happened(releasedAt, cause));
        store.save(c, request, EventContext.causedBy(cause, INVENTORY_SERVICE));
    }

    /**
     * A step of dispatch's trips or volunteer-service's calls for the request, reported by {@code reportedBy} and
     * recorded on the request by {@code step} (one of its transport or volunteer reactions).
     */
    public void recordProgress(
            Connection c, EventEnvelope cause, String reportedBy, String requestId, Consumer<HelpRequest> step) {
        HelpRequest request = store.about(c, requestId, cause);
        step.accept(request);
        store.save(c, request, EventContext.causedBy(cause, reportedBy));
    }

    /**
     * A clock that reads when the step happened in the service that took it: the event's own time, else the
     * envelope's CloudEvents {@code time}, else now. The request's event then carries that time, so the timeline says
     * when it happened, not only when we heard of it (issue 10, path 6).
     */
    private Clock happened(Instant own, EventEnvelope cause) {
        Instant at = own != null ? own : cause.time();
        return at == null ? clock : Clock.fixed(at, ZoneOffset.UTC);
    }
}
