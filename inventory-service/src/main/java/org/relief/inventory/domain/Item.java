package org.relief.inventory.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.regex.Pattern;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.AggregateRoot;

/** A catalogue item (what can be donated, stocked and requested), identified by its code. */
public final class Item extends AggregateRoot<ItemEvent> {
    public static final Pattern CODE = Pattern.compile("^[a-z0-9-]{1,64}$");

    private String code;
    private String unit;
    private boolean perishable;

    public static Item register(
            String code,
            String nameZh,
            String nameEn,
            ItemCategory category,
            String unit,
            BigDecimal unitWeightKg,
            BigDecimal unitVolumeM3,
            boolean perishable,
            Clock clock) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw RuleViolation.invalid(Texts.of("item.code-format"));
        }
        if (signum(unitWeightKg) < 0 || signum(unitVolumeM3) < 0) {
            throw RuleViolation.invalid(Texts.of("item.negative-weight-or-volume"));
        }
        Item item = new Item();
        item.raise(new ItemEvent.Registered(
                code, nameZh, nameEn, category, unit, unitWeightKg, unitVolumeM3, perishable, clock.instant()));
        return item;
    }

    private static int signum(BigDecimal v) {
        return v == null ? 0 : v.signum();
    }

    @Override
    protected void apply(ItemEvent event) {
        if (event instanceof ItemEvent.Registered r) {
            code = r.code();
            unit = r.unit();
            perishable = r.perishable();
        }
    }

    @Override
    public String id() {
        return code;
    }

    public String unit() {
        return unit;
    }

    public boolean perishable() {
        return perishable;
    }
}
