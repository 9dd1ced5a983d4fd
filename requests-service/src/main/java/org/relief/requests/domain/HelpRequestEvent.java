package org.relief.requests.domain;

import java.time.Instant;
import java.util.List;

/** Everything that can happen to a help request; its state is the fold of these. */
public sealed interface HelpRequestEvent {

    record Submitted(String requestId, String organisationId, Priority priority, String community, String district,
                     String address, String contactName, String contactPhone, List<SupplyLine> lines,
                     Instant neededBy, String note, Instant submittedAt) implements HelpRequestEvent {
    }

    /** Inventory took the request on: a reservation is open for it. */
    record ReservationOpened(String reservationId, Instant openedAt) implements HelpRequestEvent {
    }
}
