package org.relief.dispatch.domain;

import java.time.Instant;

/** Everything that happens to a carrier organisation. */
public sealed interface CarrierEvent {

    record Registered(
            String carrierId,
            String organisationId,
            String name,
            CarrierKind kind,
            String association,
            String contactPhone,
            Instant registeredAt)
            implements CarrierEvent {}
}
