package org.relief.requests.domain;

import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpRequestTest {
    private final Clock clock = Clock.fixed(Instant.parse("2021-12-24T08:00:00Z"), ZoneOffset.UTC);

    private SubmitHelpRequest command(List<SupplyLine> lines, Instant neededBy) {
        return new SubmitHelpRequest("org-1", Priority.CRITICAL, "锦业路小区", "雁塔区", null, "王女士", "+86 29 1234 5678",
                lines, neededBy, "我们社区缺少防护服");
    }

    @Test
    void submittingRaisesSubmittedAndStartsInStatusSubmitted() {
        HelpRequest r = HelpRequest.submit(command(List.of(new SupplyLine("protective-suit", new BigDecimal("200"), "piece")), null), clock);
        assertEquals(RequestStatus.SUBMITTED, r.status());
        var submitted = assertInstanceOf(HelpRequestEvent.Submitted.class, r.pendingEvents().get(0));
        assertEquals(r.id(), submitted.requestId());
        assertEquals("我们社区缺少防护服", submitted.note());
        assertEquals(clock.instant(), submitted.submittedAt());
    }

    @Test
    void aRequestWithoutLinesOrNeededInThePastIsRefused() {
        assertThrows(RuleViolation.class, () -> HelpRequest.submit(command(List.of(), null), clock));
        assertThrows(RuleViolation.class, () -> HelpRequest.submit(command(
                List.of(new SupplyLine("n95-mask", BigDecimal.TEN, "piece")), clock.instant().minusSeconds(3600)), clock));
        assertThrows(IllegalArgumentException.class, () -> new SupplyLine("n95-mask", BigDecimal.ZERO, "piece"));
    }

    @Test
    void anOpenedReservationMakesItPendingAndARepeatChangesNothing() {
        HelpRequest r = HelpRequest.submit(command(List.of(new SupplyLine("n95-mask", new BigDecimal("1000"), "piece")), null), clock);
        r.reservationOpened("res-1", clock);
        assertEquals(RequestStatus.RESERVATION_PENDING, r.status());
        assertEquals(2, r.pendingEvents().size());
        r.reservationOpened("res-1", clock);
        assertEquals(2, r.pendingEvents().size());
        RuleViolation other = assertThrows(RuleViolation.class, () -> r.reservationOpened("res-2", clock));
        assertTrue(other.isConflict());
    }
}
