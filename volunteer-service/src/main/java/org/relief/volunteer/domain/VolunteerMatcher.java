package org.relief.volunteer.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.relief.kernel.domain.TimeWindow;

/**
 * Who may answer a call, best first. The database preselects (active, skill, district, a window containing the start,
 * no overlapping booking: indexed queries) and the exclusion constraint on volunteer_booking has the last word on
 * double booking; this class holds the rules themselves: the skill hierarchy, whole-window coverage by possibly
 * touching availability windows, the district rule, and the order.
 * <p>
 * District rule: by default only volunteers of the call's district (in a lockdown people may not cross district
 * lines, and a stairwell hand-out is no job for someone an hour away); with {@code otherDistricts} the call's
 * district still comes first and others follow. Within that, volunteers whom the call would take away from work only
 * they can do come last (a carer or a nurse on a hand-out call for anyone leaves a care visit short), then the
 * volunteer with fewer current bookings first, so the work spreads; then the order the database gave (earliest
 * registered).
 */
public final class VolunteerMatcher {

    /** What a call needs. {@code skill} null: anyone. {@code excluded}: volunteers already asked on this call. */
    public record Need(
            Skill skill, String district, Instant start, Instant end, boolean otherDistricts, Set<String> excluded) {}

    /** A volunteer as the database found them, with how many bookings they hold now. */
    public record Candidate(
            String volunteerId,
            String name,
            String organisationId,
            String district,
            List<String> skills,
            boolean active,
            List<TimeWindow> availabilityWindows,
            int bookings) {}

    private VolunteerMatcher() {}

    public static List<Candidate> rank(Need need, List<Candidate> candidates) {
        List<Candidate> fit = new ArrayList<>();
        for (Candidate c : candidates) {
            if (fits(need, c)) {
                fit.add(c);
            }
        }
        // stable sort: equal candidates keep the database's order
        fit.sort(Comparator.comparing((Candidate c) -> !need.district().equals(c.district()))
                .thenComparingLong(c -> unusedSpecialisms(c.skills(), need.skill()))
                .thenComparingInt(Candidate::bookings));
        return fit;
    }

    public static boolean fits(Need need, Candidate c) {
        return c.active()
                && !need.excluded().contains(c.volunteerId())
                && (need.otherDistricts() || need.district().equals(c.district()))
                && hasSkill(c.skills(), need.skill())
                && covers(c.availabilityWindows(), need.start(), need.end());
    }

    /**
     * How many specialist skills (anything but loading and driving, which most volunteers can do) the volunteer
     * has that the call does not need: what the call would keep from other calls.
     */
    public static long unusedSpecialisms(List<String> codes, Skill required) {
        if (codes == null) {
            return 0;
        }
        return codes.stream()
                .map(Skill::of)
                .filter(java.util.Optional::isPresent)
                .map(java.util.Optional::get)
                .filter(s -> !s.satisfies(Skill.LOADING) && !s.satisfies(Skill.DRIVING))
                .filter(s -> required == null || !s.satisfies(required))
                .count();
    }

    /** One of the codes is the required skill or a more specific one; null required: anyone. */
    public static boolean hasSkill(List<String> codes, Skill required) {
        if (required == null) {
            return true;
        }
        return codes != null
                && codes.stream()
                        .map(Skill::of)
                        .anyMatch(s -> s.isPresent() && s.get().satisfies(required));
    }

    /**
     * The windows cover [start, end) without a gap. Windows never overlap but may touch (08–10 and 10–12 cover a
     * 09–11 call), so they are walked in order of start.
     */
    public static boolean covers(List<TimeWindow> windows, Instant start, Instant end) {
        if (windows == null || windows.isEmpty()) {
            return false;
        }
        List<TimeWindow> sorted =
                windows.stream().sorted(Comparator.comparing(TimeWindow::from)).toList();
        Instant reached = start;
        for (TimeWindow w : sorted) {
            if (!w.to().isAfter(reached)) {
                continue;
            }
            if (w.from().isAfter(reached)) {
                return false;
            }
            reached = w.to();
            if (!reached.isBefore(end)) {
                return true;
            }
        }
        return false;
    }
}
