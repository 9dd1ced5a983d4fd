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
            throw RuleViolation.invalid("a carrier belongs to an organisation", "承运方必须属于某个组织");
        }
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
            throw RuleViolation.invalid(
                    "a carrier needs a name of at most " + MAX_NAME + " characters",
                    "承运方名称不能为空且不超过 " + MAX_NAME + " 个字符");
        }
        if (kind == null) {
            throw RuleViolation.invalid("a carrier needs a kind", "必须指明承运方类型");
        }
        if (contactPhone == null || contactPhone.isBlank()) {
            throw RuleViolation.invalid("a carrier needs a contact phone", "承运方必须有联系电话");
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
