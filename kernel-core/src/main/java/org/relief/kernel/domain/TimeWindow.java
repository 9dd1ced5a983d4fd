package org.relief.kernel.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A period from inclusive to exclusive: when a vehicle can be dispatched, when a volunteer can serve. */
public record TimeWindow(Instant from, Instant to) {

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
            throw RuleViolation.invalid("windows are required (an empty list clears them)", "必须提供时间窗（空列表表示清除）");
        }
        if (requested.size() > max) {
            throw RuleViolation.invalid("at most " + max + " windows", "时间窗最多 " + max + " 个");
        }
        for (TimeWindow w : requested) {
            if (w == null || w.from() == null || w.to() == null || !w.from().isBefore(w.to())) {
                throw RuleViolation.invalid("each window needs from before to", "每个时间窗的开始时间必须早于结束时间");
            }
        }
        List<TimeWindow> sorted = new ArrayList<>(requested);
        sorted.sort(Comparator.comparing(TimeWindow::from));
        for (int i = 1; i < sorted.size(); i++) {
            TimeWindow a = sorted.get(i - 1);
            TimeWindow b = sorted.get(i);
            if (b.from().isBefore(a.to())) {
                throw RuleViolation.invalid(
                        "windows " + a.from() + "–" + a.to() + " and " + b.from() + "–" + b.to() + " overlap",
                        "时间窗 " + a.from() + "–" + a.to() + " 与 " + b.from() + "–" + b.to() + " 重叠");
            }
        }
        return List.copyOf(sorted);
    }
}
