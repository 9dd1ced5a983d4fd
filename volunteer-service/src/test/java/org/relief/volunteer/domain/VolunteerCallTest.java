package org.relief.volunteer.domain;

import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VolunteerCallTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);
    static final Instant T = Instant.parse("2026-12-01T08:00:00Z");

    static OpenCall spec(int needed) {
        return new OpenCall(null, null, "yanta-community", CallPurpose.COMMUNITY, Skill.MEDICAL, null, needed, "雁塔区",
                "锦业路小区", "核酸采样", T, T.plusSeconds(3 * 3600 + 1800));
    }

    static VolunteerCall call(int needed) {
        return VolunteerCall.open("call-1", spec(needed), CLOCK);
    }

    @Test
    void anOpenedCallIsOpenAndRaisesOneEvent() {
        VolunteerCall call = call(2);
        var opened = assertInstanceOf(VolunteerCallEvent.Opened.class, call.pendingEvents().get(0));
        assertEquals(1, call.pendingEvents().size());
        assertEquals("medical", opened.skill());
        assertEquals(CallStatus.OPEN, call.status());
        assertEquals(2, call.openSlots());
        assertEquals("call-1", call.key(), "no request: the call is its own key");
        assertEquals(new BigDecimal("3.50"), call.defaultHours());
    }

    @Test
    void badCallsAreRefused() {
        for (int needed : new int[]{0, -1, VolunteerCall.MAX_NEEDED + 1}) {
            assertThrows(RuleViolation.class, () -> call(needed));
        }
        var reversed = new OpenCall(null, null, "org", CallPurpose.COMMUNITY, null, null, 1, "雁塔区", "x", null,
                T, T);
        assertThrows(RuleViolation.class, () -> VolunteerCall.open(null, reversed, CLOCK));
        var orphan = new OpenCall(null, null, null, CallPurpose.COMMUNITY, null, null, 1, "雁塔区", "x", null,
                T, T.plusSeconds(60));
        assertThrows(RuleViolation.class, () -> VolunteerCall.open(null, orphan, CLOCK));
        var noDistrict = new OpenCall(null, null, "org", CallPurpose.COMMUNITY, null, null, 1, " ", "x", null,
                T, T.plusSeconds(60));
        assertThrows(RuleViolation.class, () -> VolunteerCall.open(null, noDistrict, CLOCK));
    }

    @Test
    void assignmentsFillTheCallAndNobodyIsAskedTwice() {
        VolunteerCall call = call(2);
        call.assign("a1", "v1", "甲", "org-a", CLOCK);
        assertEquals(CallStatus.OPEN, call.status());
        assertEquals(1, call.openSlots());
        assertThrows(RuleViolation.class, () -> call.assign("a2", "v1", "甲", "org-a", CLOCK));
        call.assign("a2", "v2", "乙", "org-b", CLOCK);
        assertEquals(CallStatus.FILLED, call.status());
        assertEquals(0, call.openSlots());
        RuleViolation full = assertThrows(RuleViolation.class, () -> call.assign("a3", "v3", "丙", "org-a", CLOCK));
        assertTrue(full.isConflict());
    }

    @Test
    void shortIsRaisedOncePerShortageAndAgainAfterTheCallWasFilled() {
        VolunteerCall call = call(2);
        assertTrue(call.reportShort("nobody", CLOCK));
        assertFalse(call.reportShort("still nobody", CLOCK), "not on every unsuccessful search");
        call.assign("a1", "v1", "甲", "org-a", CLOCK);
        assertFalse(call.reportShort("one of two", CLOCK), "still the same shortage");
        call.assign("a2", "v2", "乙", "org-a", CLOCK);
        assertFalse(call.reportShort("filled", CLOCK), "a filled call is not short");
        call.decline("a2", "生病", CLOCK);
        assertEquals(CallStatus.OPEN, call.status());
        assertTrue(call.reportShort("a decline made it short again", CLOCK));
        long shorts = call.pendingEvents().stream().filter(e -> e instanceof VolunteerCallEvent.Short).count();
        assertEquals(2, shorts);
    }

    @Test
    void acceptDeclineAndTheirConflicts() {
        VolunteerCall call = call(1);
        call.assign("a1", "v1", "甲", "org-a", CLOCK);
        call.accept("a1", CLOCK);
        assertEquals(AssignmentStatus.ACCEPTED, call.assignment("a1").status());
        assertTrue(assertThrows(RuleViolation.class, () -> call.accept("a1", CLOCK)).isConflict());
        call.decline("a1", "临时有事", CLOCK);
        assertEquals(AssignmentStatus.DECLINED, call.assignment("a1").status());
        assertEquals(CallStatus.OPEN, call.status());
        assertEquals(Set.of("v1"), call.volunteersAsked(), "the one who declined is not asked again");
        assertTrue(assertThrows(RuleViolation.class, () -> call.decline("a1", "again", CLOCK)).isConflict());
        assertThrows(RuleViolation.class, () -> call.accept("nope", CLOCK));
    }

    @Test
    void completionLogsDefaultOrGivenHoursAndLeavesOutNoShows() {
        VolunteerCall call = call(3);
        call.assign("a1", "v1", "甲", "org-a", CLOCK);
        call.assign("a2", "v2", "乙", "org-a", CLOCK);
        call.assign("a3", "v3", "丙", "org-a", CLOCK);
        call.accept("a1", CLOCK);
        call.complete(Map.of("a2", new BigDecimal("1.25")), Set.of("v3"), CLOCK);
        var done = assertInstanceOf(VolunteerCallEvent.Completed.class,
                call.pendingEvents().get(call.pendingEvents().size() - 1));
        assertEquals(List.of(new VolunteerCallEvent.Served("a1", "v1", new BigDecimal("3.50")),
                new VolunteerCallEvent.Served("a2", "v2", new BigDecimal("1.25"))), done.served());
        assertEquals(List.of("a3"), done.noShows());
        assertEquals(CallStatus.COMPLETED, call.status());
        assertEquals(AssignmentStatus.NO_SHOW, call.assignment("a3").status());
        assertTrue(assertThrows(RuleViolation.class, () -> call.cancel("late", CLOCK)).isConflict());
    }

    @Test
    void completionRefusesBadHoursUnknownAssignmentsAndNobodyServing() {
        VolunteerCall call = call(2);
        call.assign("a1", "v1", "甲", "org-a", CLOCK);
        assertThrows(RuleViolation.class, () -> call.complete(Map.of("a1", BigDecimal.ZERO), Set.of(), CLOCK));
        assertThrows(RuleViolation.class, () -> call.complete(Map.of("a1", new BigDecimal("24.5")), Set.of(), CLOCK));
        assertThrows(RuleViolation.class, () -> call.complete(Map.of("zz", BigDecimal.ONE), Set.of(), CLOCK));
        assertThrows(RuleViolation.class, () -> call.complete(Map.of(), Set.of("stranger"), CLOCK));
        assertTrue(assertThrows(RuleViolation.class, () -> call.complete(Map.of(), Set.of("v1"), CLOCK)).isConflict(),
                "nobody served: cancel instead");
        assertEquals(CallStatus.OPEN, call.status());
    }

    @Test
    void cancellationReleasesEveryHeldAssignment() {
        VolunteerCall call = call(3);
        call.assign("a1", "v1", "甲", "org-a", CLOCK);
        call.assign("a2", "v2", "乙", "org-a", CLOCK);
        call.decline("a2", null, CLOCK);
        call.cancel("活动取消", CLOCK);
        var cancelled = assertInstanceOf(VolunteerCallEvent.Cancelled.class,
                call.pendingEvents().get(call.pendingEvents().size() - 1));
        assertEquals(List.of("a1"), cancelled.released());
        assertEquals(AssignmentStatus.RELEASED, call.assignment("a1").status());
        assertEquals(AssignmentStatus.DECLINED, call.assignment("a2").status());
        assertEquals(CallStatus.CANCELLED, call.status());
        assertEquals(0, call.openSlots());
        assertTrue(assertThrows(RuleViolation.class, () -> call.cancel("twice", CLOCK)).isConflict());
    }
}
