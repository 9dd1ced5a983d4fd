package org.relief.requests.domain;

/** Where a help request stands. Derived from its events, never set directly. */
public enum RequestStatus {
    /** accepted from the partner organisation, not yet taken on by inventory */
    SUBMITTED,
    /** inventory has opened a reservation and is allocating stock (a semantic lock on the request) */
    RESERVATION_PENDING
}
