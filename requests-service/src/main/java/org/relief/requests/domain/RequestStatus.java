package org.relief.requests.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a help request stands. Derived from its events (for supplies: from the line quantities), never set directly;
 * see {@link RequestState#deriveStatus()}.
 */
public enum RequestStatus {
    /** accepted from the partner organisation, not yet taken on */
    SUBMITTED,
    /** inventory has opened a reservation and is allocating stock (a semantic lock on the request) */
    RESERVATION_PENDING,
    /** inventory answered: nothing could be reserved yet, the request waits for the next donation */
    WAITING_FOR_STOCK,
    /** some units are reserved, the rest waits for stock */
    PARTIALLY_RESERVED,
    /** every line is fully reserved */
    RESERVED,
    /**
     * dispatch queued a trip and no vehicle can take it yet (supplies: only while reserved units wait for transport;
     * a ride: no taxi assigned yet)
     */
    WAITING_FOR_VEHICLE,
    /** a vehicle is booked: for reserved stock (supplies) or the passenger (a ride's taxi) */
    TRANSPORT_SCHEDULED,
    /** stock is on a truck, or the passenger in the taxi */
    IN_TRANSIT,
    /** the carrier reported the drop-off with its proof of delivery; the partner has yet to confirm receipt */
    DELIVERED,
    /** some, not all, of what was requested has been received */
    PARTIALLY_DELIVERED,
    /** a care visit waits for a volunteer (the call is short, or the booked volunteer declined) */
    WAITING_FOR_VOLUNTEER,
    /** a volunteer is booked for the care visit */
    VOLUNTEER_ASSIGNED,
    /** every line was received completely, the ride completed, or the care visit done */
    FULFILLED,
    CANCELLED,
    /** the reservation lapsed before pickup; the partner may submit again */
    EXPIRED,
    /**
     * inventory refused every line because none fits its item catalogue (unknown item code, or not the catalogue's
     * unit; each line says why): nothing was reserved, the partner may submit again with the catalogue's codes and units
     */
    REJECTED;

    public static final Set<RequestStatus> TERMINAL = EnumSet.of(FULFILLED, CANCELLED, EXPIRED, REJECTED);
    /** something is reserved or on its way or delivered: a receipt can be confirmed */
    public static final Set<RequestStatus> RECEIVABLE = EnumSet.of(
            PARTIALLY_RESERVED,
            RESERVED,
            WAITING_FOR_VEHICLE,
            TRANSPORT_SCHEDULED,
            IN_TRANSIT,
            DELIVERED,
            PARTIALLY_DELIVERED);

    public boolean terminal() {
        return TERMINAL.contains(this);
    }
}
