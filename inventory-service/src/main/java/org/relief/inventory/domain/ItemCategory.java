package org.relief.inventory.domain;

/** Catalogue categories, as partners and donors group supplies. */
public enum ItemCategory {
    PPE,
    FOOD,
    MEDICAL,
    DAILY_NECESSITIES,
    OTHER
}
