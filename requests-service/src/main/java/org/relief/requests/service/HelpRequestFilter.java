package org.relief.requests.service;

import java.time.Instant;
import org.relief.requests.domain.Priority;
import org.relief.requests.domain.RequestKind;
import org.relief.requests.domain.RequestStatus;

/**
 * List filters; a null field does not filter. {@code submittedTo} is exclusive; {@code updatedSince} inclusive (a
 * poller's next call passes the last {@code updatedAt} it saw and ignores what it already has).
 */
public record HelpRequestFilter(
        RequestStatus status,
        String district,
        Priority priority,
        String organisationId,
        RequestKind kind,
        Instant submittedFrom,
        Instant submittedTo,
        Boolean overdue,
        Instant updatedSince) {}
