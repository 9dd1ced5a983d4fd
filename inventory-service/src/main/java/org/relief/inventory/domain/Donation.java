package org.relief.inventory.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.AggregateRoot;

/** Goods a donor organisation handed over at one warehouse; the stock ledger receives its lots. */
public final class Donation extends AggregateRoot<DonationEvent> {
    private String donationId;
    private String donorOrganisationId;
    private String warehouseId;
    private BigDecimal valueYuan;
    private String note;
    private List<DonatedLot> lots = List.of();

    public static Donation receive(
            String donorOrganisationId,
            String warehouseId,
            BigDecimal valueYuan,
            String note,
            List<DonatedLot> lots,
            Clock clock) {
        if (lots == null || lots.isEmpty()) {
            throw RuleViolation.invalid(Texts.of("donation.no-lines"));
        }
        if (valueYuan != null && valueYuan.signum() < 0) {
            throw RuleViolation.invalid(Texts.of("donation.negative-value"));
        }
        for (DonatedLot l : lots) {
            if (l.quantity() == null || l.quantity().signum() <= 0) {
                throw RuleViolation.invalid(Texts.of("donation.quantity-not-positive"));
            }
        }
        Donation d = new Donation();
        d.raise(new DonationEvent.Received(
                UUID.randomUUID().toString(),
                donorOrganisationId,
                warehouseId,
                valueYuan,
                note,
                List.copyOf(lots),
                clock.instant()));
        return d;
    }

    @Override
    protected void apply(DonationEvent event) {
        if (event instanceof DonationEvent.Received r) {
            donationId = r.donationId();
            donorOrganisationId = r.donorOrganisationId();
            warehouseId = r.warehouseId();
            valueYuan = r.valueYuan();
            note = r.note();
            lots = r.lots();
        }
    }

    @Override
    public String id() {
        return donationId;
    }

    public String donorOrganisationId() {
        return donorOrganisationId;
    }

    public String warehouseId() {
        return warehouseId;
    }

    public BigDecimal valueYuan() {
        return valueYuan;
    }

    public String note() {
        return note;
    }

    public List<DonatedLot> lots() {
        return lots;
    }
}
