package org.relief.inventory.projection;

import jakarta.enterprise.context.ApplicationScoped;
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
            v.district = o.district();
            v.status = StockReservation.Status.OPEN.name();
            v.lines = o.lines();
            v.openedAt = o.openedAt();
            v.version = stored.version();
            v.persist();
        }
    }
}
