package org.relief.inventory.domain;

/** Why a stock count was corrected by hand. */
public enum AdjustmentReason {
    DAMAGED,
    EXPIRED,
    LOST,
    FOUND,
    COUNT_CORRECTION
}
