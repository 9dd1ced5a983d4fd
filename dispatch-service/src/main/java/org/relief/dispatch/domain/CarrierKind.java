package org.relief.dispatch.domain;

/** What sort of organisation lends its vehicles and drivers. */
public enum CarrierKind {
    TRUCKING_COMPANY,
    TAXI_COMPANY,
    LOGISTICS_PARK,
    VOLUNTEER_DRIVERS
}
