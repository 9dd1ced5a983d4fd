package org.relief.inventory.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.relief.inventory.domain.Allocation;
import org.relief.inventory.domain.StockReservation;
import org.relief.inventory.domain.StockReservationEvent;
import org.relief.kernel.eventstore.StoredEvent;

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
            // lines refused by the catalogue check are not lines of the reservation (never queued); they are named
            // in the explanation, and a reservation with no line left is REJECTED (closed) from the start
            List<org.relief.inventory.domain.RejectedLine> rejected =
                    o.rejectedLines() == null ? List.of() : o.rejectedLines();
            v.status = (o.lines().isEmpty() && !rejected.isEmpty()
                            ? StockReservation.Status.REJECTED
                            : StockReservation.Status.OPEN)
                    .name();
            v.lines = o.lines().stream()
                    .map(l -> new ReservationLineView(
                            l.item(),
                            l.unit(),
                            l.quantity(),
                            BigDecimal.ZERO,
                            List.of(),
                            BigDecimal.ZERO,
                            BigDecimal.ZERO,
                            BigDecimal.ZERO))
                    .toList();
            v.explanation = rejected.stream()
                    .map(org.relief.inventory.domain.RejectedLine::explain)
                    .toList();
            v.explanationZh = rejected.stream()
                    .map(org.relief.inventory.domain.RejectedLine::explainZh)
                    .toList();
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
            for (int i = 0; i < v.lines.size(); i++) {
                ReservationLineView l = v.lines.get(i);
                List<Allocation> held = new ArrayList<>(l.allocations());
                for (Allocation add : a.allocations()) {
                    if (add.line() == i) {
                        merge(held, add);
                    }
                }
                lines.add(withHeld(l, held, l.issuedOrZero(), l.rejectedOrZero(), l.quarantinedOrZero()));
            }
            v.lines = lines;
            v.status = status(lines).name();
            v.explanation = a.explanation();
            v.explanationZh = a.explanationZh() == null ? List.of() : a.explanationZh();
            v.expiresAt = a.expiresAt();
            v.updatedAt = a.allocatedAt();
        } else if (event instanceof StockReservationEvent.ReceiptSettled rs) {
            List<ReservationLineView> lines = new ArrayList<>();
            for (int i = 0; i < v.lines.size(); i++) {
                ReservationLineView l = v.lines.get(i);
                List<Allocation> held = new ArrayList<>(l.allocations());
                BigDecimal issued = l.issuedOrZero();
                BigDecimal rejected = l.rejectedOrZero();
                BigDecimal quarantined = l.quarantinedOrZero();
                for (Allocation a : rs.issued()) {
                    if (a.line() == i) {
                        take(held, a);
                        issued = issued.add(a.quantity());
                    }
                }
                for (Allocation a : rs.released()) {
                    if (a.line() == i) {
                        take(held, a);
                        rejected = rejected.add(a.quantity());
                    }
                }
                for (Allocation a : rs.quarantined()) {
                    if (a.line() == i) {
                        take(held, a);
                        quarantined = quarantined.add(a.quantity());
                    }
                }
                lines.add(withHeld(l, held, issued, rejected, quarantined));
            }
            v.lines = lines;
            v.status = status(lines).name();
            if (lines.stream().allMatch(l -> l.allocations().isEmpty())) {
                v.expiresAt = null;
            }
            v.updatedAt = rs.settledAt();
        } else if (event instanceof StockReservationEvent.Released r) {
            close(v, StockReservation.Status.RELEASED);
            v.updatedAt = r.releasedAt();
        } else if (event instanceof StockReservationEvent.ShortfallAccepted sa) {
            close(v, StockReservation.Status.ISSUED);
            v.updatedAt = sa.acceptedAt();
        } else if (event instanceof StockReservationEvent.TransportPickedUp t) {
            if (!t.afterClose()) {
                v.expiresAt = null;
                if (v.pickedUpAt == null) {
                    v.pickedUpAt = t.pickedUpAt();
                }
                v.updatedAt = t.pickedUpAt();
            }
        } else if (event instanceof StockReservationEvent.PriorityCorrected pc) {
            // the queue (Allocator, GET /reservations?status=WAITING) orders by these columns
            v.priority = pc.priority();
            v.vulnerabilities = pc.vulnerabilities() == null ? List.of() : pc.vulnerabilities();
            v.updatedAt = pc.correctedAt();
        } else if (event instanceof StockReservationEvent.Issued i) {
            close(v, StockReservation.Status.ISSUED);
            v.updatedAt = i.issuedAt();
        }
        v.version = stored.version();
    }

    /** Closed: nothing is held any more (the ledger keeps what was held, released and issued). */
    private static void close(ReservationView v, StockReservation.Status status) {
        v.lines = v.lines.stream()
                .map(l -> withHeld(l, List.of(), l.issuedOrZero(), l.rejectedOrZero(), l.quarantinedOrZero()))
                .toList();
        v.status = status.name();
        v.expiresAt = null;
    }

    private static ReservationLineView withHeld(
            ReservationLineView l,
            List<Allocation> held,
            BigDecimal issued,
            BigDecimal rejected,
            BigDecimal quarantined) {
        BigDecimal reserved = held.stream().map(Allocation::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new ReservationLineView(
                l.item(), l.unit(), l.requested(), reserved, List.copyOf(held), issued, rejected, quarantined);
    }

    /** The same rule as the aggregate ({@link StockReservation.Status#of}). */
    private static StockReservation.Status status(List<ReservationLineView> lines) {
        boolean all = lines.stream().allMatch(l -> l.covered().compareTo(l.requested()) >= 0);
        boolean any = lines.stream().anyMatch(l -> l.covered().signum() > 0);
        boolean held = lines.stream().anyMatch(l -> l.reserved().signum() > 0);
        return StockReservation.Status.of(all, any, held);
    }

    private static void take(List<Allocation> held, Allocation settled) {
        for (int i = 0; i < held.size(); i++) {
            if (held.get(i).lotId().equals(settled.lotId())) {
                BigDecimal rest = held.get(i).quantity().subtract(settled.quantity());
                if (rest.signum() > 0) {
                    held.set(i, held.get(i).withQuantity(rest));
                } else {
                    held.remove(i);
                }
                return;
            }
        }
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
