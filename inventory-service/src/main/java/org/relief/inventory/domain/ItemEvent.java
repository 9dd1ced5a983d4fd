package org.relief.inventory.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** Everything that happens to a catalogue item. */
public sealed interface ItemEvent {

    /** An item entered the catalogue; its code is its identity (stream {@code item-<code>}). */
    record Registered(
            String code,
            String nameZh,
            String nameEn,
            ItemCategory category,
            String unit,
            BigDecimal unitWeightKg,
            BigDecimal unitVolumeM3,
            boolean perishable,
            Instant registeredAt)
            implements ItemEvent {}
}
