package org.relief.requests.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;

/** Issue 11: ops correct a priority nothing verified at submission; an audited event, refused when it changes nothing. */
class PriorityCorrectionTest {
    private final Clock clock = Clock.fixed(Instant.parse("2021-12-24T08:00:00Z"), ZoneOffset.UTC);
    private static final List<Vulnerability> ALL = List.of(Vulnerability.values());

    private HelpRequest critical() {
        return Submissions.submit(
                new SubmitHelpRequest(
                        "org-1",
                        RequestKind.SUPPLIES,
                        Priority.CRITICAL,
                        ALL,
                        "锦业路小区",
                        "雁塔区",
                        null,
                        null,
                        null,
                        List.of(new SupplyLine("n95-mask", new BigDecimal("1000"), "piece")),
                        null,
                        null,
                        null,
                        null),
                null,
                clock);
    }

    @Test
    void aCorrectionIsRecordedWithBeforeAndAfterAndChangesThePriorityInForce() {
        HelpRequest r = critical();
        r.correctPriority(
                Priority.NORMAL, List.of(Vulnerability.ELDERLY_LIVING_ALONE), "  电话核实：只有一位独居老人 ", "ops:li", clock);
        var e = assertInstanceOf(
                HelpRequestEvent.PriorityCorrected.class, r.pendingEvents().get(1));
        assertEquals(
                new HelpRequestEvent.PriorityCorrected(
                        Priority.CRITICAL,
                        Priority.NORMAL,
                        ALL,
                        List.of(Vulnerability.ELDERLY_LIVING_ALONE),
                        "电话核实：只有一位独居老人",
                        "ops:li",
                        clock.instant()),
                e);
        assertEquals(Priority.NORMAL, r.state().priority());
        assertEquals(List.of(Vulnerability.ELDERLY_LIVING_ALONE), r.vulnerabilities());
        assertEquals(RequestStatus.SUBMITTED, r.status(), "a correction does not move the status");

        // only the priority: the flags stay as they are
        r.correctPriority(Priority.HIGH, null, "升级", "ops:li", clock);
        var second = assertInstanceOf(
                HelpRequestEvent.PriorityCorrected.class, r.pendingEvents().get(2));
        assertEquals(List.of(Vulnerability.ELDERLY_LIVING_ALONE), second.vulnerabilitiesAfter());
        assertEquals(second.vulnerabilitiesBefore(), second.vulnerabilitiesAfter());
    }

    @Test
    void onlyTheFlagsMayBeCorrected() {
        HelpRequest r = critical();
        r.correctPriority(Priority.CRITICAL, List.of(Vulnerability.PREGNANT), "只有孕妇", "ops:li", clock);
        assertEquals(Priority.CRITICAL, r.state().priority());
        assertEquals(List.of(Vulnerability.PREGNANT), r.vulnerabilities());
    }

    @Test
    void nothingChangingIsAConflict() {
        HelpRequest r = critical();
        var same = assertThrows(
                RuleViolation.class, () -> r.correctPriority(Priority.CRITICAL, null, "x", "ops:li", clock));
        assertTrue(same.isConflict());
        // the same flags in another order are the same flags
        var reordered = new java.util.ArrayList<>(ALL);
        java.util.Collections.reverse(reordered);
        assertTrue(assertThrows(
                        RuleViolation.class,
                        () -> r.correctPriority(Priority.CRITICAL, reordered, "x", "ops:li", clock))
                .isConflict());
        assertEquals(1, r.pendingEvents().size());
    }

    @Test
    void aReasonIsRequiredAndShort() {
        HelpRequest r = critical();
        assertFalse(
                assertThrows(RuleViolation.class, () -> r.correctPriority(Priority.HIGH, null, " ", "ops:li", clock))
                        .isConflict());
        assertFalse(assertThrows(
                        RuleViolation.class,
                        () -> r.correctPriority(Priority.HIGH, null, "x".repeat(501), "ops:li", clock))
                .isConflict());
        assertFalse(assertThrows(RuleViolation.class, () -> r.correctPriority(null, null, "x", "ops:li", clock))
                .isConflict());
    }

    @Test
    void anEndedRequestCannotBeCorrected() {
        HelpRequest r = critical();
        r.cancel("不需要了", "org-1/p", clock);
        assertTrue(
                assertThrows(RuleViolation.class, () -> r.correctPriority(Priority.NORMAL, null, "核实", "ops:li", clock))
                        .isConflict());
    }

    @Test
    void theTimelineSaysItInEnglishAndChinese() {
        var text = TimelineText.explain(new HelpRequestEvent.PriorityCorrected(
                Priority.CRITICAL,
                Priority.NORMAL,
                ALL,
                List.of(Vulnerability.ELDERLY_LIVING_ALONE),
                "电话核实",
                "ops:li",
                clock.instant()));
        assertTrue(text.en().startsWith("Ops corrected the priority CRITICAL → NORMAL"), text.en());
        assertTrue(text.en().contains("[ELDERLY_LIVING_ALONE]") && text.en().endsWith(": 电话核实"), text.en());
        assertTrue(text.zh().startsWith("运营人员更正了优先级 CRITICAL → NORMAL"), text.zh());
        assertTrue(text.zh().contains("弱势标记") && text.zh().endsWith("：电话核实"), text.zh());
        var onlyPriority = TimelineText.explain(new HelpRequestEvent.PriorityCorrected(
                Priority.CRITICAL, Priority.HIGH, ALL, ALL, "核实", "ops:li", clock.instant()));
        assertFalse(onlyPriority.en().contains("vulnerabilities"), onlyPriority.en());
    }

    @Test
    void aFractionalQuantityHasItsOwnWordsOnTheTimeline() {
        var half = new HelpRequestEvent.RejectedLine(
                "gloves", new BigDecimal("2.5"), "box", HelpRequestEvent.RejectedLine.FRACTIONAL_QUANTITY, "box");
        var text = TimelineText.explain(new HelpRequestEvent.LinesRejected("res-1", List.of(half), clock.instant()));
        assertTrue(text.en().contains("gloves (2.5 box): the catalogue counts it in whole box"), text.en());
        assertFalse(text.en().contains("not in the catalogue"), text.en());
        assertTrue(text.zh().contains("gloves（2.5 box）：物资目录按整 box 计数，不能填写小数"), text.zh());
        assertFalse(text.zh().contains("没有该编码"), text.zh());
    }
}
