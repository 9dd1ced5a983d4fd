package org.relief.volunteer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.domain.TimeWindow;

class VolunteerTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);
    static final Instant T = Instant.parse("2026-12-01T08:00:00Z");

    static Volunteer volunteer() {
        return register(
                "org-1", " 李娜 ", "13800138000", "雁塔区", List.of(Skill.NURSING, Skill.DRIVING, Skill.NURSING), null);
    }

    /** Personal fields left as written (sealing is tested in {@link #nameAndPhoneAreStoredOnlySealedAndErasedOnceInactive}). */
    static Volunteer register(String org, String name, String phone, String district, List<Skill> skills, String note) {
        return Volunteer.register("vol-1", org, name, phone, district, skills, note, CLOCK, (subject, text) -> text);
    }

    @Test
    void nameAndPhoneAreStoredOnlySealedAndErasedOnceInactive() {
        Volunteer v = Volunteer.register(
                "vol-9",
                "org-1",
                " 李娜 ",
                "13800138000",
                "雁塔区",
                List.of(Skill.LOADING),
                "只能周末",
                CLOCK,
                (subject, text) -> "sealed(" + subject + "):" + text);
        VolunteerEvent.Registered r = assertInstanceOf(
                VolunteerEvent.Registered.class, v.pendingEvents().get(0));
        assertEquals("sealed(vol-9):李娜", r.name());
        assertEquals("sealed(vol-9):13800138000", r.phone());
        assertEquals("sealed(vol-9):只能周末", r.note());
        assertEquals("雁塔区", r.district());

        assertThrows(RuleViolation.class, () -> v.erasePersonalData("本人要求", "coordinator", CLOCK), "still serving");
        v.deactivate("返乡", CLOCK);
        assertThrows(RuleViolation.class, () -> v.erasePersonalData(" ", "coordinator", CLOCK), "a reason is needed");
        assertTrue(v.erasePersonalData("本人要求", "coordinator", CLOCK));
        assertInstanceOf(
                VolunteerEvent.PersonalDataErased.class,
                v.pendingEvents().get(v.pendingEvents().size() - 1));
        int events = v.pendingEvents().size();
        assertFalse(v.erasePersonalData("again", "ops", CLOCK));
        assertEquals(events, v.pendingEvents().size());
    }

    static TimeWindow window(int fromHour, int toHour) {
        return new TimeWindow(T.plusSeconds(3600L * fromHour), T.plusSeconds(3600L * toHour));
    }

    @Test
    void registrationRaisesOneEventWithDistinctSkillsAndStartsActive() {
        Volunteer v = volunteer();
        VolunteerEvent.Registered r = assertInstanceOf(
                VolunteerEvent.Registered.class, v.pendingEvents().get(0));
        assertEquals(1, v.pendingEvents().size());
        assertEquals("李娜", r.name());
        assertEquals(List.of("medical.nursing", "driving"), r.skills());
        assertTrue(v.active());
        assertTrue(v.availabilityWindows().isEmpty());
    }

    @Test
    void aVolunteerNeedsSkillsNameAndOrganisation() {
        assertThrows(RuleViolation.class, () -> register("org-1", "李娜", "138", "雁塔区", List.of(), null));
        assertThrows(RuleViolation.class, () -> register("org-1", " ", "138", "雁塔区", List.of(Skill.LOADING), null));
        assertThrows(RuleViolation.class, () -> register(null, "李娜", "138", "雁塔区", List.of(Skill.LOADING), null));
    }

    @Test
    void windowsAreSortedAndAvailabilityIsInsideOne() {
        Volunteer v = volunteer();
        v.setAvailabilityWindows(List.of(window(4, 6), window(0, 2)), CLOCK);
        assertEquals(List.of(window(0, 2), window(4, 6)), v.availabilityWindows());
        assertTrue(v.availableAt(T), "from is inclusive");
        assertFalse(v.availableAt(T.plusSeconds(7200)), "to is exclusive");
        assertFalse(v.availableAt(T.plusSeconds(3 * 3600)), "between windows");
        assertTrue(v.availableAt(T.plusSeconds(5 * 3600)));
    }

    @Test
    void overlappingReversedAndTooManyWindowsAreRefusedTouchingIsFine() {
        Volunteer v = volunteer();
        assertThrows(RuleViolation.class, () -> v.setAvailabilityWindows(List.of(window(0, 3), window(2, 4)), CLOCK));
        assertThrows(RuleViolation.class, () -> v.setAvailabilityWindows(List.of(window(3, 1)), CLOCK));
        assertThrows(RuleViolation.class, () -> v.setAvailabilityWindows(List.of(window(1, 1)), CLOCK));
        List<TimeWindow> many = new ArrayList<>();
        for (int i = 0; i < Volunteer.MAX_WINDOWS + 1; i++) {
            many.add(window(2 * i, 2 * i + 1));
        }
        assertThrows(RuleViolation.class, () -> v.setAvailabilityWindows(many, CLOCK));
        v.setAvailabilityWindows(List.of(window(0, 2), window(2, 4)), CLOCK);
        assertEquals(2, v.availabilityWindows().size());
        int events = v.pendingEvents().size();
        v.setAvailabilityWindows(List.of(window(2, 4), window(0, 2)), CLOCK);
        assertEquals(events, v.pendingEvents().size(), "the same set again is no event");
    }

    @Test
    void deactivationEndsAvailabilityAndTwiceIsAConflict() {
        Volunteer v = volunteer();
        v.setAvailabilityWindows(List.of(window(0, 2)), CLOCK);
        v.deactivate("返乡", CLOCK);
        assertFalse(v.active());
        assertFalse(v.availableAt(T), "an inactive volunteer is available at no time");
        RuleViolation twice = assertThrows(RuleViolation.class, () -> v.deactivate("again", CLOCK));
        assertTrue(twice.isConflict());
        RuleViolation windows =
                assertThrows(RuleViolation.class, () -> v.setAvailabilityWindows(List.of(window(0, 1)), CLOCK));
        assertTrue(windows.isConflict());
    }
}
