package org.relief.volunteer.domain;

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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;

class VolunteerCallTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);
    static final Instant T = Instant.parse("2026-12-01T08:00:00Z");
    /** after the window (T to T + 3.5 h) */
    static final Clock AFTER = Clock.fixed(T.plusSeconds(10 * 3600), ZoneOffset.UTC);

    static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    static OpenCall spec(int needed) {
        return new OpenCall(
                null,
                null,
                "yanta-community",
                CallPurpose.COMMUNITY,
                Skill.MEDICAL,
                null,
                needed,
                "雁塔区",
                "锦业路小区",
                "核酸采样",
                T,
                T.plusSeconds(3 * 3600 + 1800));
    }

    static VolunteerCall call(int needed) {
        return VolunteerCall.open("call-1", spec(needed), CLOCK);
    }

    @Test
    void anOpenedCallIsOpenAndRaisesOneEvent() {
        VolunteerCall call = call(2);
        var opened = assertInstanceOf(
                VolunteerCallEvent.Opened.class, call.pendingEvents().get(0));
        assertEquals(1, call.pendingEvents().size());
        assertEquals("medical", opened.skill());
        assertEquals(CallStatus.OPEN, call.status());
        assertEquals(2, call.openSlots());
        assertEquals("call-1", call.key(), "no request: the call is its own key");
        assertEquals(new BigDecimal("3.50"), call.defaultHours());
    }

    @Test
    void badCallsAreRefused() {
        for (int needed : new int[] {0, -1, VolunteerCall.MAX_NEEDED + 1}) {
            assertThrows(RuleViolation.class, () -> call(needed));
        }
        var reversed = new OpenCall(null, null, "org", CallPurpose.COMMUNITY, null, null, 1, "雁塔区", "x", null, T, T);
        assertThrows(RuleViolation.class, () -> VolunteerCall.open(null, reversed, CLOCK));
        var orphan = new OpenCall(
                null, null, null, CallPurpose.COMMUNITY, null, null, 1, "雁塔区", "x", null, T, T.plusSeconds(60));
        assertThrows(RuleViolation.class, () -> VolunteerCall.open(null, orphan, CLOCK));
        var noDistrict = new OpenCall(
                null, null, "org", CallPurpose.COMMUNITY, null, null, 1, " ", "x", null, T, T.plusSeconds(60));
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
        long shorts = call.pendingEvents().stream()
                .filter(e -> e instanceof VolunteerCallEvent.Short)
                .count();
        assertEquals(2, shorts);
    }

    @Test
    void acceptDeclineAndTheirConflicts() {
        VolunteerCall call = call(1);
        call.assign("a1", "v1", "甲", "org-a", CLOCK);
        call.accept("a1", CLOCK);
        assertEquals(AssignmentStatus.ACCEPTED, call.assignment("a1").status());
        assertTrue(assertThrows(RuleViolation.class, () -> call.accept("a1", CLOCK))
                .isConflict());
        call.decline("a1", "临时有事", CLOCK);
        assertEquals(AssignmentStatus.DECLINED, call.assignment("a1").status());
        assertEquals(CallStatus.OPEN, call.status());
        assertEquals(Set.of("v1"), call.volunteersAsked(), "the one who declined is not asked again");
        assertTrue(assertThrows(RuleViolation.class, () -> call.decline("a1", "again", CLOCK))
                .isConflict());
        assertThrows(RuleViolation.class, () -> call.accept("nope", CLOCK));
    }

    @Test
    void completionLogsDefaultOrGivenHoursAndLeavesOutNoShows() {
        VolunteerCall call = call(3);
        call.assign("a1", "v1", "甲", "org-a", CLOCK);
        call.assign("a2", "v2", "乙", "org-a", CLOCK);
        call.assign("a3", "v3", "丙", "org-a", CLOCK);
        call.accept("a1", CLOCK);
        call.complete(Map.of("a2", new BigDecimal("1.25")), Set.of("v3"), AFTER);
        var done = assertInstanceOf(
                VolunteerCallEvent.Completed.class,
                call.pendingEvents().get(call.pendingEvents().size() - 1));
        assertEquals(
                List.of(
                        new VolunteerCallEvent.Served("a1", "v1", new BigDecimal("3.50")),
                        new VolunteerCallEvent.Served("a2", "v2", new BigDecimal("1.25"))),
                done.served());
        assertEquals(List.of("a3"), done.noShows());
        assertEquals(CallStatus.COMPLETED, call.status());
        assertEquals(AssignmentStatus.NO_SHOW, call.assignment("a3").status());
        assertTrue(assertThrows(RuleViolation.class, () -> call.cancel("late", CLOCK))
                .isConflict());
    }

    @Test
    void completionRefusesBadHoursUnknownAssignmentsAndNobodyServing() {
        VolunteerCall call = call(2);
        call.assign("a1", "v1", "甲", "org-a", CLOCK);
        assertThrows(RuleViolation.class, () -> call.complete(Map.of("a1", BigDecimal.ZERO), Set.of(), AFTER));
        assertThrows(RuleViolation.class, () -> call.complete(Map.of("a1", new BigDecimal("24.5")), Set.of(), AFTER));
        assertThrows(RuleViolation.class, () -> call.complete(Map.of("zz", BigDecimal.ONE), Set.of(), AFTER));
        assertThrows(RuleViolation.class, () -> call.complete(Map.of(), Set.of("stranger"), AFTER));
        assertTrue(
                assertThrows(RuleViolation.class, () -> call.complete(Map.of(), Set.of("v1"), AFTER))
                        .isConflict(),
                "nobody served: cancel instead");
        assertEquals(CallStatus.OPEN, call.status());
    }

    @Test
    void aCallIsNotCompletedBeforeItsWindowStarts() {
        VolunteerCall call = call(1);
        call.assign("a1", "v1", "甲", "org-a", CLOCK);
        call.accept("a1", CLOCK);
        RuleViolation early =
                assertThrows(RuleViolation.class, () -> call.complete(Map.of(), Set.of(), at(T.minusSeconds(1))));
        assertTrue(early.isConflict(), early.getMessage());
        assertTrue(early.getMessage().contains("before its window starts at " + T), early.getMessage());
        assertThrows(RuleViolation.class, () -> call.complete(Map.of(), Set.of(), at(T)), "nothing served yet");
        assertEquals(CallStatus.FILLED, call.status());
    }

    @Test
    void defaultHoursAreWhatWasServedFromTheWindowStartOrTheAcceptanceToNowCappedAtTheWindowEnd() {
        VolunteerCall call = call(3);
        call.assign("a1", "v1", "甲", "org-a", CLOCK);
        call.assign("a2", "v2", "乙", "org-a", CLOCK);
        call.assign("a3", "v3", "丙", "org-a", CLOCK);
        call.accept("a1", CLOCK); // before the window: counts from its start
        call.accept("a2", at(T.plusSeconds(3600))); // an hour into it: counts from then
        call.complete(Map.of(), Set.of(), at(T.plusSeconds(2 * 3600 + 15 * 60)));
        var done = assertInstanceOf(
                VolunteerCallEvent.Completed.class,
                call.pendingEvents().get(call.pendingEvents().size() - 1));
        assertEquals(
                List.of(
                        new VolunteerCallEvent.Served("a1", "v1", new BigDecimal("2.25")),
                        new VolunteerCallEvent.Served("a2", "v2", new BigDecimal("1.25")),
                        new VolunteerCallEvent.Served("a3", "v3", new BigDecimal("2.25"))),
                done.served());

        // completed long after the window: never more than the window (3.5 h)
        VolunteerCall late = call(1);
        late.assign("a1", "v1", "甲", "org-a", CLOCK);
        late.accept("a1", CLOCK);
        assertEquals(new BigDecimal("3.50"), late.servedHours("a1", T.plusSeconds(50 * 3600)));
        late.complete(Map.of(), Set.of(), at(T.plusSeconds(50 * 3600)));
        assertEquals(new BigDecimal("3.50"), late.assignment("a1").hours());
    }

    @Test
    void givenHoursAboveWhatWasServedAreRefused() {
        VolunteerCall call = call(1);
        call.assign("a1", "v1", "甲", "org-a", CLOCK);
        call.accept("a1", CLOCK);
        Clock twoHoursIn = at(T.plusSeconds(2 * 3600));
        RuleViolation tooMany = assertThrows(
                RuleViolation.class, () -> call.complete(Map.of("a1", new BigDecimal("3")), Set.of(), twoHoursIn));
        assertFalse(tooMany.isConflict());
        assertTrue(tooMany.getMessage().contains("at most 2.00"), tooMany.getMessage());
        // after the window the window is the limit
        assertThrows(RuleViolation.class, () -> call.complete(Map.of("a1", new BigDecimal("3.51")), Set.of(), AFTER));
        call.complete(Map.of("a1", new BigDecimal("1.5")), Set.of(), twoHoursIn);
        assertEquals(new BigDecimal("1.50"), call.assignment("a1").hours());
    }

    @Test
    void aCallEndsWithItsTripCompletedForThoseWhoAcceptedAndTheOffersReleased() {
        VolunteerCall call = call(3);
        call.assign("a1", "v1", "甲", "org-a", CLOCK);
        call.assign("a2", "v2", "乙", "org-a", CLOCK);
        call.accept("a1", CLOCK);
        assertTrue(call.endWithTrip("trip t-1 delivered", T.plusSeconds(90 * 60), CLOCK));
        var done = assertInstanceOf(
                VolunteerCallEvent.Completed.class,
                call.pendingEvents().get(call.pendingEvents().size() - 1));
        assertEquals(List.of(new VolunteerCallEvent.Served("a1", "v1", new BigDecimal("1.50"))), done.served());
        assertEquals(List.of("a2"), done.released());
        assertEquals(CallStatus.COMPLETED, call.status());
        assertEquals(AssignmentStatus.RELEASED, call.assignment("a2").status());
        assertEquals(0, call.openSlots(), "an ended call takes nobody");
        assertTrue(assertThrows(RuleViolation.class, () -> call.assign("a3", "v3", "丙", "org-a", CLOCK))
                .isConflict());
        assertFalse(call.endWithTrip("again", T.plusSeconds(2 * 3600), CLOCK), "ends once");
    }

    @Test
    void aCallNobodyServedOnIsClosedAsNoLongerNeeded() {
        VolunteerCall shortCall = call(2);
        shortCall.assign("a1", "v1", "甲", "org-a", CLOCK);
        assertTrue(shortCall.endWithTrip("trip t-1 delivered", T.plusSeconds(3600), CLOCK));
        var closed = assertInstanceOf(
                VolunteerCallEvent.Cancelled.class,
                shortCall.pendingEvents().get(shortCall.pendingEvents().size() - 1));
        assertTrue(
                closed.reason().startsWith(VolunteerCall.NO_LONGER_NEEDED + ": trip t-1 delivered"), closed.reason());
        assertEquals(List.of("a1"), closed.released());
        assertEquals(CallStatus.CANCELLED, shortCall.status());

        // the trip ended before the window began: nobody can have served, even those who accepted
        VolunteerCall early = call(1);
        early.assign("a1", "v1", "甲", "org-a", CLOCK);
        early.accept("a1", CLOCK);
        assertTrue(early.endWithTrip("trip t-2 delivered", T.minusSeconds(600), CLOCK));
        assertInstanceOf(
                VolunteerCallEvent.Cancelled.class,
                early.pendingEvents().get(early.pendingEvents().size() - 1));
        assertEquals(AssignmentStatus.RELEASED, early.assignment("a1").status());
    }

    @Test
    void cancellationReleasesEveryHeldAssignment() {
        VolunteerCall call = call(3);
        call.assign("a1", "v1", "甲", "org-a", CLOCK);
        call.assign("a2", "v2", "乙", "org-a", CLOCK);
        call.decline("a2", null, CLOCK);
        call.cancel("活动取消", CLOCK);
        var cancelled = assertInstanceOf(
                VolunteerCallEvent.Cancelled.class,
                call.pendingEvents().get(call.pendingEvents().size() - 1));
        assertEquals(List.of("a1"), cancelled.released());
        assertEquals(AssignmentStatus.RELEASED, call.assignment("a1").status());
        assertEquals(AssignmentStatus.DECLINED, call.assignment("a2").status());
        assertEquals(CallStatus.CANCELLED, call.status());
        assertEquals(0, call.openSlots());
        assertTrue(assertThrows(RuleViolation.class, () -> call.cancel("twice", CLOCK))
                .isConflict());
    }
}
