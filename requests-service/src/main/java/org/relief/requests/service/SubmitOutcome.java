package org.relief.requests.service;

import org.relief.requests.projection.HelpRequestView;

/** The request a submit created, or (replayed = true) the one an earlier POST with the same Idempotency-Key created. */
public record SubmitOutcome(HelpRequestView request, boolean replayed) {}
