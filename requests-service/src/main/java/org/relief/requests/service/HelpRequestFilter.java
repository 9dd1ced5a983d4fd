package org.relief.requests.service;

import org.relief.requests.domain.Priority;
import org.relief.requests.domain.RequestKind;
import org.relief.requests.domain.RequestStatus;

import java.time.Instant;

/** List filters; a null field does not filter. {@code submittedTo} is exclusive. */
public record HelpRequestFilter(RequestStatus status, String district, Priority priority, String organisationId,
                                RequestKind kind, Instant submittedFrom, Instant submittedTo, Boolean overdue) {
}
