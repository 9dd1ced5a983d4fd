package org.relief.inventory.projection;

import jakarta.enterprise.context.ApplicationScoped;
import org.relief.inventory.domain.Allocation;
import org.relief.inventory.domain.StockReservation;
import org.relief.inventory.domain.StockReservationEvent;
import org.relief.kernel.eventstore.StoredEvent;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Keeps {@link ReservationView} in step with reservation events, in the appending transaction. */
@ApplicationScoped
public class ReservationProjector {

    public void project(String requestId, StoredEvent stored, StockReservationEvent event) {
        if (event instanceof StockReservationEvent.Opened o) {
            ReservationView v = new ReservationView();
            v.requestId = requestId;
            v.reservationId = o.reservationId();
            v.organisationId = o.organisationId();
            v.priority = o.priority();
            v.vulnerabilities = o.vulnerabilities() == null ? List.of() : o.vulnerabilities();
            v.district = o.district();
            v.status = StockReservation.Status.OPEN.name();
            v.lines = o.lines().stream()
                    .map(l -> new ReservationLineView(l.item(), l.unit(), l.quantity(), BigDecimal.ZERO, List.of())).toList();
            v.explanation = List.of();
            v.openedAt = o.openedAt();
            v.submittedAt = o.submittedAt() == null ? o.openedAt() : o.submittedAt();
            v.updatedAt = o.openedAt();
            v.version = stored.version();
            v.persist();
            return;
        }
        ReservationView v = ReservationView.findById(requestId);
        if (event instanceof StockReservationEvent.Allocated a) {
            List<ReservationLineView> lines = new ArrayList<>();
            boolean all = true;
            boolean any = false;
            for (int i = 0; i < v.lines.size(); i++) {
                ReservationLineView l = v.lines.get(i);
                List<Allocation> held = new ArrayList<>(l.allocations());
                for (Allocation add : a.allocations()) {
                    if (add.line() == i) {
                        merge(held, add);
                    }
                }
                BigDecimal reserved = held.stream().map(Allocation::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
                any |= reserved.signum() > 0;
                all &= reserved.compareTo(l.requested()) >= 0;
                lines.add(new ReservationLineView(l.item(), l.unit(), l.requested(), reserved, List.copyOf(held)));
            }
            v.lines = lines;
            v.status = (all ? StockReservation.Status.RESERVED : any ? StockReservation.Status.PARTIALLY_RESERVED
                    : StockReservation.Status.WAITING).name();
            v.explanation = a.explanation();
            v.expiresAt = a.expiresAt();
            v.updatedAt = a.allocatedAt();
        } else if (event instanceof StockReservationEvent.Released r) {
            close(v, StockReservation.Status.RELEASED);
            v.updatedAt = r.releasedAt();
        } else if (event instanceof StockReservationEvent.Issued i) {
            close(v, StockReservation.Status.ISSUED);
            v.updatedAt = i.issuedAt();
        }
        v.version = stored.version();
    }

    /** Closed: nothing is held any more (the ledger keeps what was held, released and issued). */
    private static void close(ReservationView v, StockReservation.Status status) {
        v.lines = v.lines.stream()
                .map(l -> new ReservationLineView(l.item(), l.unit(), l.requested(), BigDecimal.ZERO, List.of())).toList();
        v.status = status.name();
        v.expiresAt = null;
    }

    private static void merge(List<Allocation> held, Allocation add) {
        for (int i = 0; i < held.size(); i++) {
            if (held.get(i).lotId().equals(add.lotId())) {
                held.set(i, held.get(i).withQuantity(held.get(i).quantity().add(add.quantity())));
                return;
            }
        }
        held.add(add);
    }
}
