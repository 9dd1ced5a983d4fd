package org.relief.dispatch.domain;

import java.time.Clock;
import java.util.UUID;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.AggregateRoot;

/** A trucking or taxi company, a logistics park or a group of volunteer drivers, belonging to one organisation. */
public final class Carrier extends AggregateRoot<CarrierEvent> {
    public static final int MAX_NAME = 200;
    private String carrierId;

    public static Carrier register(
            String organisationId,
            String name,
            CarrierKind kind,
            String association,
            String contactPhone,
            Clock clock) {
        if (organisationId == null || organisationId.isBlank()) {
            throw RuleViolation.invalid(Texts.of("carrier.organisation-required"));
        }
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
            throw RuleViolation.invalid(Texts.of("carrier.name", MAX_NAME));
        }
        if (kind == null) {
            throw RuleViolation.invalid(Texts.of("carrier.kind-required"));
        }
        if (contactPhone == null || contactPhone.isBlank()) {
            throw RuleViolation.invalid(Texts.of("carrier.contact-phone-required"));
        }
        Carrier c = new Carrier();
        c.raise(new CarrierEvent.Registered(
                UUID.randomUUID().toString(),
                organisationId,
                name.strip(),
                kind,
                association == null || association.isBlank() ? null : association.strip(),
                contactPhone.strip(),
                clock.instant()));
        return c;
    }

    @Override
    protected void apply(CarrierEvent event) {
        if (event instanceof CarrierEvent.Registered r) {
            carrierId = r.carrierId();
        }
    }

    @Override
    public String id() {
        return carrierId;
    }
}
