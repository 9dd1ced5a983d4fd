package org.relief.requests.domain;

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

/** What a request stores of the people it is about, and when that may be erased. */
class PersonalDataTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T02:00:00Z"), ZoneOffset.UTC);
    private final Instant start = clock.instant().plusSeconds(3600);

    @Test
    void everyPersonalFieldIsStoredOnlyAsTheSealerMadeIt() {
        List<String> sealed = new ArrayList<>();
        HelpRequest r = HelpRequest.submit(
                "req-1",
                new SubmitHelpRequest(
                        "org-1",
                        RequestKind.RIDE,
                        Priority.HIGH,
                        List.of(),
                        "锦业路小区",
                        "雁塔区",
                        "锦业路 1 号 3 栋",
                        "王主任",
                        "+86 29 8888 0000",
                        null,
                        new RideDetails(
                                "李同学",
                                "13800000000",
                                "锦业路 1 号",
                                "雁塔区",
                                "西安交大考点",
                                "碑林区",
                                start,
                                start.plusSeconds(1800),
                                List.of()),
                        null,
                        null,
                        "李同学坐轮椅"),
                null,
                clock,
                (subject, text) -> {
                    assertEquals("req-1", subject, "sealed under the request's own key");
                    sealed.add(text);
                    return text == null ? null : "sealed:" + text;
                });
        var s = assertInstanceOf(
                HelpRequestEvent.Submitted.class, r.pendingEvents().get(0));
        for (String field : List.of(
                s.address(),
                s.contactName(),
                s.contactPhone(),
                s.note(),
                s.ride().passengerName(),
                s.ride().passengerPhone(),
                s.ride().pickupAddress(),
                s.ride().dropoffAddress())) {
            assertTrue(field.startsWith("sealed:"), field);
        }
        assertEquals("锦业路小区", s.community(), "the compound and district are not about one person: they route the help");
        assertEquals("雁塔区", s.ride().pickupDistrict());
        assertEquals(8, sealed.size());

        HelpRequest care = HelpRequest.submit(
                "req-2",
                new SubmitHelpRequest(
                        "org-1",
                        RequestKind.CARE,
                        Priority.NORMAL,
                        List.of(),
                        "锦业路小区",
                        "雁塔区",
                        null,
                        null,
                        null,
                        null,
                        null,
                        new CareDetails(CareNeed.ELDERLY_CARE, "elderly-care", "张奶奶", start, start.plusSeconds(7200)),
                        null,
                        null),
                null,
                clock,
                (subject, text) -> text == null ? null : "sealed:" + text);
        var c = assertInstanceOf(
                HelpRequestEvent.Submitted.class, care.pendingEvents().get(0));
        assertEquals("sealed:张奶奶", c.care().personName());
    }

    @Test
    void personalDataIsErasedOnceTheRequestHasEndedAndOnlyOnce() {
        HelpRequest r = Submissions.submit(
                new SubmitHelpRequest(
                        "org-1",
                        RequestKind.CARE,
                        Priority.NORMAL,
                        List.of(),
                        "锦业路小区",
                        "雁塔区",
                        null,
                        null,
                        null,
                        null,
                        null,
                        new CareDetails(CareNeed.ELDERLY_CARE, "elderly-care", "张奶奶", start, start.plusSeconds(7200)),
                        null,
                        null),
                null,
                clock);
        var open = assertThrows(RuleViolation.class, () -> r.erasePersonalData("本人要求", "partner:org-1", clock));
        assertTrue(open.getMessage().contains("still needed"), open.getMessage());
        assertThrows(RuleViolation.class, () -> r.erasePersonalData(" ", "partner:org-1", clock), "a reason is needed");

        r.cancel("已由家人照顾", "partner:org-1", clock);
        assertTrue(r.erasePersonalData("本人要求", "partner:org-1", clock));
        assertInstanceOf(
                HelpRequestEvent.PersonalDataErased.class,
                r.pendingEvents().get(r.pendingEvents().size() - 1));
        assertTrue(r.personalDataErased());
        int events = r.pendingEvents().size();
        assertFalse(r.erasePersonalData("again", "ops:li", clock), "a repeat records nothing");
        assertEquals(events, r.pendingEvents().size());
        assertEquals(RequestStatus.CANCELLED, r.status(), "erasing changes no status");
    }
}
