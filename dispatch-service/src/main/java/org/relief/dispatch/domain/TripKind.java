package org.relief.dispatch.domain;

/** Goods from a warehouse to a community (FREIGHT), or one passenger in a taxi (RIDE). */
public enum TripKind {
    FREIGHT,
    RIDE
}
