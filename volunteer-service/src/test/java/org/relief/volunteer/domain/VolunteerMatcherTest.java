package org.relief.volunteer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.TimeWindow;

class VolunteerMatcherTest {
    static final Instant T = Instant.parse("2026-12-01T08:00:00Z");

    static Instant h(int hours) {
        return T.plusSeconds(3600L * hours);
    }

    static TimeWindow w(int from, int to) {
        return new TimeWindow(h(from), h(to));
    }

    static VolunteerMatcher.Candidate v(
            String id, String district, int bookings, List<String> skills, TimeWindow... windows) {
        return new VolunteerMatcher.Candidate(id, id, "org", district, skills, true, List.of(windows), bookings);
    }

    static VolunteerMatcher.Need need(Skill skill, boolean otherDistricts, String... excluded) {
        return new VolunteerMatcher.Need(skill, "雁塔区", h(1), h(3), otherDistricts, Set.of(excluded));
    }

    @Test
    void windowsMustCoverTheWholeCallTouchingOnesTogether() {
        assertTrue(VolunteerMatcher.covers(List.of(w(0, 4)), h(1), h(3)));
        assertTrue(VolunteerMatcher.covers(List.of(w(1, 3)), h(1), h(3)), "exactly the window");
        assertTrue(VolunteerMatcher.covers(List.of(w(2, 5), w(0, 2)), h(1), h(3)), "touching windows in any order");
        assertFalse(VolunteerMatcher.covers(List.of(w(0, 2), w(3, 5)), h(1), h(4)), "a gap from 2 to 3");
        assertFalse(VolunteerMatcher.covers(List.of(w(2, 6)), h(1), h(3)), "starts too late");
        assertFalse(VolunteerMatcher.covers(List.of(w(0, 2)), h(1), h(3)), "ends too early");
        assertFalse(VolunteerMatcher.covers(List.of(), h(1), h(3)));
    }

    @Test
    void theSkillHierarchyAndAnyone() {
        assertTrue(VolunteerMatcher.hasSkill(List.of("medical.nursing"), Skill.MEDICAL));
        assertFalse(VolunteerMatcher.hasSkill(List.of("medical"), Skill.NURSING));
        assertFalse(VolunteerMatcher.hasSkill(List.of("translation", "unknown-code"), Skill.LOADING));
        assertTrue(VolunteerMatcher.hasSkill(List.of("translation"), null), "null: anyone");
    }

    @Test
    void ownDistrictOnlyByDefaultAndFirstOtherwiseThenFewerBookings() {
        var far = v("far", "未央区", 0, List.of("loading"), w(0, 8));
        var busy = v("busy", "雁塔区", 3, List.of("loading"), w(0, 8));
        var idle = v("idle", "雁塔区", 0, List.of("loading"), w(0, 8));
        var noSkill = v("noSkill", "雁塔区", 0, List.of("translation"), w(0, 8));
        var late = v("late", "雁塔区", 0, List.of("loading"), w(2, 8));
        var asked = v("asked", "雁塔区", 0, List.of("loading"), w(0, 8));
        var inactive = new VolunteerMatcher.Candidate(
                "inactive", "x", "org", "雁塔区", List.of("loading"), false, List.of(w(0, 8)), 0);
        List<VolunteerMatcher.Candidate> all = List.of(far, busy, idle, noSkill, late, asked, inactive);

        assertEquals(List.of("idle", "busy"), ids(VolunteerMatcher.rank(need(Skill.LOADING, false, "asked"), all)));
        assertEquals(
                List.of("idle", "busy", "far"), ids(VolunteerMatcher.rank(need(Skill.LOADING, true, "asked"), all)));
        // a call for anyone takes the translator last: the work only the translator can do needs them free
        assertEquals(List.of("idle", "asked", "busy", "noSkill"), ids(VolunteerMatcher.rank(need(null, false), all)));
    }

    @Test
    void specialistsAreKeptForTheWorkOnlyTheyCanDo() {
        var carer = v("carer", "雁塔区", 0, List.of("elderly-care"), w(0, 8));
        var nurseWhoLoads = v("nurseWhoLoads", "雁塔区", 0, List.of("loading", "medical.nursing"), w(0, 8));
        var loader = v("loader", "雁塔区", 2, List.of("loading", "driving.truck"), w(0, 8));
        List<VolunteerMatcher.Candidate> all = List.of(carer, nurseWhoLoads, loader);
        assertEquals(
                List.of("loader", "carer", "nurseWhoLoads"),
                ids(VolunteerMatcher.rank(need(null, false), all)),
                "loading and driving are no specialisms; one specialism each for the other two");
        assertEquals(List.of("loader", "nurseWhoLoads"), ids(VolunteerMatcher.rank(need(Skill.LOADING, false), all)));
        assertEquals(List.of("nurseWhoLoads"), ids(VolunteerMatcher.rank(need(Skill.MEDICAL, false), all)));
        assertEquals(0, VolunteerMatcher.unusedSpecialisms(List.of("medical.nursing"), Skill.MEDICAL));
        assertEquals(
                1,
                VolunteerMatcher.unusedSpecialisms(List.of("medical", "loading"), Skill.NURSING),
                "a general medic is no nurse");
        assertEquals(2, VolunteerMatcher.unusedSpecialisms(List.of("translation", "elderly-care"), null));
    }

    static List<String> ids(List<VolunteerMatcher.Candidate> cs) {
        return cs.stream().map(VolunteerMatcher.Candidate::volunteerId).toList();
    }
}
