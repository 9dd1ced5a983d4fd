package org.relief.kernel.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.domain.TimeWindow;
import org.relief.kernel.testing.TextBundleContract;

class TextBundleTest {
    @Test
    void theCoreBundleHasEveryTextInBothLanguages() {
        TextBundleContract.check("messages/kernel-core", TimeWindow.class);
    }

    @Test
    void aRuleViolationCarriesItsTextToTheEdgeInEitherLanguage() {
        Instant t = Instant.parse("2026-12-01T08:00:00Z");
        List<TimeWindow> windows = List.of(
                new TimeWindow(t, t.plusSeconds(3600)), new TimeWindow(t.plusSeconds(1800), t.plusSeconds(7200)));
        RuleViolation e = assertThrows(RuleViolation.class, () -> TimeWindow.validated(windows, 1000));
        assertEquals(
                "windows 2026-12-01T08:00:00Z–2026-12-01T09:00:00Z and 2026-12-01T08:30:00Z–2026-12-01T10:00:00Z overlap",
                e.getMessage());
        assertEquals(
                "时间窗 2026-12-01T08:00:00Z–2026-12-01T09:00:00Z 与 2026-12-01T08:30:00Z–2026-12-01T10:00:00Z 重叠",
                e.message(true));
        assertEquals(
                "时间窗最多 1 个",
                assertThrows(RuleViolation.class, () -> TimeWindow.validated(windows, 1))
                        .message(true));
    }

    @Test
    void aMissingKeyFailsWhereTheTextIsMade() {
        TextBundle bundle = TextBundle.of("messages/kernel-core", TimeWindow.class);
        assertThrows(IllegalStateException.class, () -> bundle.text("no.such.key"));
    }
}
