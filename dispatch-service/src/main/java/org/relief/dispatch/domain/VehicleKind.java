package org.relief.dispatch.domain;

/** Trucks and vans carry goods; taxis carry people (and small parcels). */
public enum VehicleKind {
    TRUCK,
    VAN,
    TAXI
}
