package org.relief.requests.domain;

/** What the vehicle or driver must provide for a ride. */
public enum Accessibility {
    WHEELCHAIR,
    ESCORT,
    STRETCHER
}
