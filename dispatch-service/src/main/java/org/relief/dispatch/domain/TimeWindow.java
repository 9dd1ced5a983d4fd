package org.relief.dispatch.domain;

import java.time.Instant;

/** A period in which a vehicle can be dispatched, from inclusive to exclusive. */
public record TimeWindow(Instant from, Instant to) {
}
