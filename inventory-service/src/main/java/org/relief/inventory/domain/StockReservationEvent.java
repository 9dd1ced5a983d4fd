package org.relief.inventory.domain;

import java.time.Instant;
import java.util.List;

/** Everything that happens to the reservation of stock for one help request. */
public sealed interface StockReservationEvent {

    /** Inventory took a supplies request on; allocation against the stock ledger follows. */
    record Opened(String reservationId, String requestId, String organisationId, String priority,
                  String district, List<ReservationLine> lines, Instant openedAt) implements StockReservationEvent {
    }
}
