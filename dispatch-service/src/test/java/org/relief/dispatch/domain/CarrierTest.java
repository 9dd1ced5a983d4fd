package org.relief.dispatch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;

class CarrierTest {
    @Test
    void registrationKeepsChineseTextAndDropsABlankAssociation() {
        Carrier c = Carrier.register(
                "org-1",
                " 西安顺达货运有限公司 ",
                CarrierKind.TRUCKING_COMPANY,
                "西安市道路货物运输协会",
                "029-88886666",
                Clock.systemUTC());
        CarrierEvent.Registered r = assertInstanceOf(
                CarrierEvent.Registered.class, c.pendingEvents().get(0));
        assertEquals("西安顺达货运有限公司", r.name());
        assertEquals("西安市道路货物运输协会", r.association());
        assertEquals(c.id(), r.carrierId());
        Carrier noAssociation = Carrier.register(
                "org-1", "志愿司机队", CarrierKind.VOLUNTEER_DRIVERS, " ", "13800138000", Clock.systemUTC());
        assertNull(((CarrierEvent.Registered) noAssociation.pendingEvents().get(0)).association());
    }

    @Test
    void nameKindOrganisationAndPhoneAreRequired() {
        Clock clock = Clock.systemUTC();
        assertThrows(
                RuleViolation.class,
                () -> Carrier.register("org-1", "长".repeat(201), CarrierKind.TAXI_COMPANY, null, "1", clock));
        assertThrows(
                RuleViolation.class, () -> Carrier.register("org-1", " ", CarrierKind.TAXI_COMPANY, null, "1", clock));
        assertThrows(RuleViolation.class, () -> Carrier.register("org-1", "出租车公司", null, null, "1", clock));
        assertThrows(
                RuleViolation.class, () -> Carrier.register(null, "出租车公司", CarrierKind.TAXI_COMPANY, null, "1", clock));
        assertThrows(
                RuleViolation.class,
                () -> Carrier.register("org-1", "出租车公司", CarrierKind.TAXI_COMPANY, null, null, clock));
        Carrier.register("org-1", "长".repeat(200), CarrierKind.LOGISTICS_PARK, null, "1", clock);
    }
}
