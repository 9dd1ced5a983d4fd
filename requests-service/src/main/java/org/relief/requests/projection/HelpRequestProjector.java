package org.relief.requests.projection;

import jakarta.enterprise.context.ApplicationScoped;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.requests.domain.HelpRequestEvent;
import org.relief.requests.domain.RequestStatus;

/** Keeps {@link HelpRequestView} in step with the request's events, in the transaction that appends them. */
@ApplicationScoped
public class HelpRequestProjector {

    public void project(String requestId, StoredEvent stored, HelpRequestEvent event) {
        if (event instanceof HelpRequestEvent.Submitted s) {
            HelpRequestView v = new HelpRequestView();
            v.id = requestId;
            v.organisationId = s.organisationId();
            v.status = RequestStatus.SUBMITTED;
            v.priority = s.priority();
            v.community = s.community();
            v.district = s.district();
            v.address = s.address();
            v.contactName = s.contactName();
            v.contactPhone = s.contactPhone();
            v.lines = s.lines();
            v.note = s.note();
            v.neededBy = s.neededBy();
            v.submittedAt = s.submittedAt();
            v.updatedAt = stored.occurredAt();
            v.version = stored.version();
            v.persist();
            return;
        }
        HelpRequestView v = HelpRequestView.findById(requestId);
        if (event instanceof HelpRequestEvent.ReservationOpened o) {
            v.reservationId = o.reservationId();
            v.status = RequestStatus.RESERVATION_PENDING;
        }
        v.updatedAt = stored.occurredAt();
        v.version = stored.version();
    }
}
