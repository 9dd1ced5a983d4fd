package org.relief.contracts.requests;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.relief.contracts.RequestedLine;

/**
 * A partner organisation submitted a help request. Published by requests-service on {@code requests.events.v1},
 * key = requestId. Consumed by inventory-service (SUPPLIES requests → reservation); dispatch-service (RIDE) and
 * volunteer-service (CARE) will consume it too.
 * <p>
 * v2 added {@code kind}, {@code vulnerabilities}, {@code ride}, {@code care} and {@code likelyDuplicateOf}; a v1
 * payload is a SUPPLIES request with no vulnerability flags (see {@link #upcastV1}).
 *
 * @param kind            SUPPLIES, RIDE or CARE
 * @param priority        CRITICAL, HIGH or NORMAL
 * @param vulnerabilities ELDERLY_LIVING_ALONE, DISABLED, CHRONIC_ILLNESS, PREGNANT, CHILD (may be empty)
 * @param lines           the supplies asked for (SUPPLIES only, else empty)
 * @param ride            the ride asked for (RIDE only, else null)
 * @param care            the visit asked for (CARE only, else null)
 * @param likelyDuplicateOf the id of an earlier request this one looks like (stored and linked, not dropped), or null
 */
public record HelpRequestSubmitted(
        String requestId,
        String organisationId,
        String kind,
        String priority,
        List<String> vulnerabilities,
        String community,
        String district,
        String address,
        List<RequestedLine> lines,
        RideDetails ride,
        CareDetails care,
        Instant neededBy,
        Instant submittedAt,
        String likelyDuplicateOf) {
    public static final String TYPE = "HelpRequestSubmitted";
    public static final int VERSION = 2;

    /** A ride for one person (an exam candidate, a patient) from a pickup to a drop-off within a time window. */
    public record RideDetails(
            String passengerName,
            String passengerPhone,
            String pickupAddress,
            String pickupDistrict,
            String dropoffAddress,
            String dropoffDistrict,
            Instant windowStart,
            Instant windowEnd,
            List<String> accessibility) {}

    /** A visit or help needing a skill (elderly care, disability support, psychological support...). */
    public record CareDetails(String need, String skill, String personName, Instant windowStart, Instant windowEnd) {}

    /** The v1 → v2 step for {@code EventTypeRegistry.upcaster}: v1 only knew supplies requests. */
    public static ObjectNode upcastV1(ObjectNode v1) {
        v1.put("kind", "SUPPLIES");
        v1.putArray("vulnerabilities");
        return v1;
    }
}
