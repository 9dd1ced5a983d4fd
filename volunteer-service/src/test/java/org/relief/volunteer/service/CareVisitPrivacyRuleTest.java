package org.relief.volunteer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.kernel.security.CallerScope;
import org.relief.kernel.security.Roles;

/** The need-to-know rule of {@link CareVisitPrivacy} on its own, without a database. */
class CareVisitPrivacyRuleTest {
    static final Instant T = Instant.parse("2026-12-01T08:00:00Z");

    static CallViews.Call call(String purpose, String status, String cancelReason) {
        return new CallViews.Call(
                "call-1",
                "req-1",
                null,
                "partner-org",
                purpose,
                "elderly-care",
                "requested skill '洗澡' is not in the catalogue",
                1,
                1,
                "碑林区",
                "东关小区, 东关正街 5 号",
                "visit 张桂兰 (ELDERLY_CARE)",
                T,
                T.plusSeconds(3600),
                status,
                false,
                null,
                T,
                null,
                null,
                cancelReason,
                null,
                null,
                null);
    }

    static CallViews.Assignment assignment(String org, String status, String reason) {
        return new CallViews.Assignment(
                "a-" + org, "call-1", "v-" + org, "李娜", org, status, null, reason, T, null, null, null);
    }

    static CallerScope coordinator(String org) {
        return CallerScope.of(org, Roles.VOLUNTEER_COORDINATOR);
    }

    static CallerScope partner(String org) {
        return CallerScope.of(org, Roles.PARTNER);
    }

    static final CallerScope A = coordinator("org-a");
    static final CallerScope B = coordinator("org-b");

    @Test
    void opsAndTheRequestingOrganisationAlwaysKnow() {
        for (String status : List.of("OPEN", "FILLED", "COMPLETED", "CANCELLED")) {
            CallViews.Call c = call("CARE_VISIT", status, null);
            assertTrue(CareVisitPrivacy.mayKnow(CallerScope.ops(), c, false));
            assertTrue(CareVisitPrivacy.mayKnow(partner("partner-org"), c, false));
            assertTrue(CareVisitPrivacy.mayKnow(coordinator("partner-org"), c, false));
        }
    }

    @Test
    void aCoordinatorKnowsOnlyWhileItsVolunteerIsBookedOnTheLiveVisit() {
        assertTrue(CareVisitPrivacy.mayKnow(A, call("CARE_VISIT", "OPEN", null), true));
        assertTrue(CareVisitPrivacy.mayKnow(A, call("CARE_VISIT", "FILLED", null), true));
        assertFalse(CareVisitPrivacy.mayKnow(A, call("CARE_VISIT", "COMPLETED", null), true));
        assertFalse(CareVisitPrivacy.mayKnow(A, call("CARE_VISIT", "CANCELLED", null), true));
        assertFalse(CareVisitPrivacy.mayKnow(B, call("CARE_VISIT", "FILLED", null), false));
        // another organisation's partner holds no volunteers
        assertFalse(CareVisitPrivacy.mayKnow(partner("org-a"), call("CARE_VISIT", "OPEN", null), true));
    }

    @Test
    void otherPurposesCarryNoSuchData() {
        assertTrue(CareVisitPrivacy.mayKnow(B, call("LOADING", "OPEN", null), false));
        assertTrue(CareVisitPrivacy.mayKnow(B, call("HAND_OUT", "COMPLETED", null), false));
    }

    @Test
    void theDetailsOfAnUnbookedCoordinatorLeaveThePersonOut() {
        var d = new CallViews.Details(
                call("CARE_VISIT", "FILLED", null),
                List.of(assignment("org-a", "OFFERED", null), assignment("org-b", "DECLINED", "家中有事")),
                List.of());
        assertSame(d, CareVisitPrivacy.details(A, d), "A's volunteer is booked on the live visit");
        var b = CareVisitPrivacy.details(B, d);
        assertEquals("WITHHELD", b.call().personalData());
        assertNull(b.call().place());
        assertNull(b.call().skillNote());
        assertEquals("care visit in 碑林区 / 碑林区上门探访", b.call().description());
        assertEquals("elderly-care", b.call().skill());
        assertEquals(1, b.call().needed());
        assertEquals("碑林区", b.call().district());
        assertEquals(
                List.of("WITHHELD", "WITHHELD"),
                b.assignments().stream().map(CallViews.Assignment::personalData).toList());
        assertEquals("家中有事", b.assignments().get(1).reason(), "its own volunteer's decline, in its own words");
        var c = CareVisitPrivacy.details(coordinator("org-c"), d);
        assertNull(c.assignments().get(1).reason(), "another organisation's decline reason");
    }

    @Test
    void ofAnEndedVisitsReasonsOnlyTheServicesWordsStay() {
        var d = new CallViews.Details(
                call("CARE_VISIT", "CANCELLED", "request cancelled: 张桂兰的女儿已到"),
                List.of(assignment("org-a", "RELEASED", "request cancelled: 张桂兰的女儿已到")),
                List.of());
        var a = CareVisitPrivacy.details(A, d);
        assertEquals("request cancelled", a.call().cancelReason());
        assertEquals("request cancelled", a.assignments().get(0).reason());
        assertFalse(a.toString().contains("张桂兰"), a.toString());
        assertNull(CareVisitPrivacy.serviceWords("张桂兰 moved"));
        assertEquals("did not show", CareVisitPrivacy.serviceWords("did not show"));
    }
}
