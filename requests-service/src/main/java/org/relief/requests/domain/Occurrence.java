package org.relief.requests.domain;

import java.time.Instant;

/**
 * When a step of a request happened, in the service that took it (issue 10, path 6): each event carries its own time,
 * and for the steps of inventory, dispatch and volunteer-service that is their time (the integration event's own
 * time, else its CloudEvents {@code time}), not when requests-service heard of it. Null when an event has none.
 */
public final class Occurrence {
    private Occurrence() {}

    public static Instant of(HelpRequestEvent event) {
        if (event instanceof HelpRequestEvent.Submitted e) {
            return e.submittedAt();
        } else if (event instanceof HelpRequestEvent.ReservationOpened e) {
            return e.openedAt();
        } else if (event instanceof HelpRequestEvent.StockAllocated e) {
            return e.allocatedAt();
        } else if (event instanceof HelpRequestEvent.LinesRejected e) {
            return e.rejectedAt();
        } else if (event instanceof HelpRequestEvent.ReservationReleased e) {
            return e.releasedAt();
        } else if (event instanceof HelpRequestEvent.Cancelled e) {
            return e.cancelledAt();
        } else if (event instanceof HelpRequestEvent.ReceiptConfirmed e) {
            return e.confirmedAt();
        } else if (event instanceof HelpRequestEvent.Escalated e) {
            return e.escalatedAt();
        } else if (event instanceof HelpRequestEvent.TransportQueued e) {
            return e.queuedAt();
        } else if (event instanceof HelpRequestEvent.TransportScheduled e) {
            return e.scheduledAt();
        } else if (event instanceof HelpRequestEvent.LoadPickedUp e) {
            return e.pickedUpAt();
        } else if (event instanceof HelpRequestEvent.DeliveryReported e) {
            return e.deliveredAt();
        } else if (event instanceof HelpRequestEvent.TransportFailed e) {
            return e.failedAt();
        } else if (event instanceof HelpRequestEvent.TransportCancelled e) {
            return e.cancelledAt();
        } else if (event instanceof HelpRequestEvent.TransportWaitOverdue e) {
            return e.escalatedAt();
        } else if (event instanceof HelpRequestEvent.VolunteerCallOpened e) {
            return e.openedAt();
        } else if (event instanceof HelpRequestEvent.VolunteersShort e) {
            return e.at();
        } else if (event instanceof HelpRequestEvent.VolunteerAssigned e) {
            return e.assignedAt();
        } else if (event instanceof HelpRequestEvent.VolunteerAnswered e) {
            return e.answeredAt();
        } else if (event instanceof HelpRequestEvent.VolunteerCallCancelled e) {
            return e.cancelledAt();
        } else if (event instanceof HelpRequestEvent.VolunteerCallCompleted e) {
            return e.completedAt();
        }
        return null; // an event type added later without a case here: it counts as happened when recorded
    }
}
