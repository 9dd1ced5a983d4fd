package org.relief.requests.domain;

import java.time.Instant;

/** A visit or help needing a skill; the window is optional. */
public record CareDetails(CareNeed need, String skill, String personName, Instant windowStart, Instant windowEnd) {}
