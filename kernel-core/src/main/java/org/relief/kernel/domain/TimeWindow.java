package org.relief.kernel.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.relief.kernel.text.TextBundle;

/** A period from inclusive to exclusive: when a vehicle can be dispatched, when a volunteer can serve. */
public record TimeWindow(Instant from, Instant to) {
    private static final TextBundle TEXTS = TextBundle.of("messages/kernel-core", TimeWindow.class);

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    /**
     * A set of windows checked and sorted: each starts before it ends, none overlaps another (touching is fine), at
     * most {@code max}. An empty list is valid (no availability).
     *
     * @throws RuleViolation (400) naming what is wrong, in English and Chinese
     */
    public static List<TimeWindow> validated(List<TimeWindow> requested, int max) {
        if (requested == null) {
            throw RuleViolation.invalid(TEXTS.text("window.required"));
        }
        if (requested.size() > max) {
            throw RuleViolation.invalid(TEXTS.text("window.too-many", max));
        }
        for (TimeWindow w : requested) {
            if (w == null || w.from() == null || w.to() == null || !w.from().isBefore(w.to())) {
                throw RuleViolation.invalid(TEXTS.text("window.from-before-to"));
            }
        }
        List<TimeWindow> sorted = new ArrayList<>(requested);
        sorted.sort(Comparator.comparing(TimeWindow::from));
        for (int i = 1; i < sorted.size(); i++) {
            TimeWindow a = sorted.get(i - 1);
            TimeWindow b = sorted.get(i);
            if (b.from().isBefore(a.to())) {
                throw RuleViolation.invalid(TEXTS.text("window.overlap", a.from(), a.to(), b.from(), b.to()));
            }
        }
        return List.copyOf(sorted);
    }
}
