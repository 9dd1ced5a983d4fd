package org.relief.volunteer.domain;

import java.time.Instant;

/**
 * What a new call asks for.
 *
 * @param skill     null: anyone may answer
 * @param skillNote why the skill is what it is when it had to be chosen by fallback, else null
 */
public record OpenCall(
        String requestId,
        String tripId,
        String organisationId,
        CallPurpose purpose,
        Skill skill,
        String skillNote,
        int needed,
        String district,
        String place,
        String description,
        Instant windowStart,
        Instant windowEnd) {}
