package org.relief.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import org.relief.inventory.domain.AllocationPolicy;
import org.relief.inventory.domain.StockReservation;
import org.relief.inventory.projection.ReservationView;
import org.relief.kernel.web.ProblemException;

/** Reservations as REST callers read them (reservation_view), the held lots' donor origin filtered ({@link DonorOrigins}). */
@ApplicationScoped
public class ReservationQueries {
    private final DonorOrigins origins;

    public ReservationQueries(DonorOrigins origins) {
        this.origins = origins;
    }

    /** One reservation. */
    public ReservationAnswer get(String requestId) {
        ReservationView v = ReservationView.findById(requestId);
        if (v == null) {
            throw ProblemException.notFound("reservation for request", requestId);
        }
        return origins.reservation(v);
    }

    /**
     * Reservations of one status; WAITING means the whole queue (nothing or only part reserved), in allocation order.
     * {@code organisationId} null: every organisation's.
     */
    public List<ReservationAnswer> list(String status, String organisationId) {
        boolean queue = StockReservation.Status.WAITING.name().equals(status);
        Object statuses = queue ? Allocator.QUEUE_STATUSES : List.of(status);
        List<ReservationView> found = organisationId == null
                ? ReservationView.list("status in ?1", statuses)
                : ReservationView.list("status in ?1 and organisationId = ?2", statuses, organisationId);
        Comparator<ReservationView> order = Comparator.comparing(
                v -> new AllocationPolicy.Demand(
                        v.requestId, v.priority, v.vulnerabilities, v.submittedAt, v.district, List.of()),
                AllocationPolicy.QUEUE_ORDER);
        return origins.reservations(found.stream().sorted(order).toList());
    }
}
