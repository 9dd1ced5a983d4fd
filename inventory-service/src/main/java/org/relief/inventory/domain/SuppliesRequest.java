package org.relief.inventory.domain;

import java.time.Instant;
import java.util.List;

/**
 * A supplies request inventory takes on (translated from requests' HelpRequestSubmitted by the messaging layer):
 * who asked, how urgent, and the lines a reservation must cover.
 */
public record SuppliesRequest(
        String requestId,
        String organisationId,
        String priority,
        String district,
        List<ReservationLine> lines,
        List<String> vulnerabilities,
        Instant submittedAt) {}
