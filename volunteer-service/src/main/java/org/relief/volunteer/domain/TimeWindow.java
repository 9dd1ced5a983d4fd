package org.relief.volunteer.domain;

import java.time.Instant;

/** A period in which a volunteer can serve, from inclusive to exclusive. */
public record TimeWindow(Instant from, Instant to) {
    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
