package org.relief.requests.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A readable sentence for each step on a request's timeline, in English and Chinese, built from the stored event
 * alone (so an old step reads the same tomorrow). Who acted and what caused it travel beside it on the entry. The
 * sentences are the {@code timeline.*} texts of {@link Texts}.
 */
public final class TimelineText {
    /** One step, said twice. */
    public record Text(String en, String zh) {}

    private TimelineText() {}

    public static Text explain(HelpRequestEvent event) {
        return new Text(explain(event, false), explain(event, true));
    }

    private static String explain(HelpRequestEvent event, boolean zh) {
        if (event instanceof HelpRequestEvent.Submitted s) {
            String kind = (s.kind() == null ? RequestKind.SUPPLIES : s.kind()).name();
            String duplicate =
                    s.likelyDuplicateOf() == null ? "" : say(zh, "timeline.submitted.duplicate", s.likelyDuplicateOf());
            return say(zh, "timeline.submitted", kind, s.priority(), s.community(), s.district(), duplicate);
        }
        if (event instanceof HelpRequestEvent.ReservationOpened o) {
            return say(zh, "timeline.reservation-opened", o.reservationId());
        }
        if (event instanceof HelpRequestEvent.StockAllocated a) {
            String q = a.lines().stream()
                    .map(l -> l.item() + " " + plain(l.reserved()))
                    .collect(Collectors.joining(", "));
            // allocations recorded before inventory explained in Chinese keep the English reasons in the Chinese text
            boolean inChinese =
                    zh && a.explanationZh() != null && !a.explanationZh().isEmpty();
            String why = inChinese ? reasons(true, a.explanationZh()) : reasons(false, a.explanation());
            return say(zh, "timeline.stock-allocated", a.outcome(), q, why);
        }
        if (event instanceof HelpRequestEvent.ReservationReleased r
                && HelpRequestEvent.ReservationReleased.REJECTED.equals(r.reason())) {
            String q = r.released() == null
                    ? ""
                    : r.released().stream()
                            .map(l -> l.item() + " " + plain(l.reserved()))
                            .collect(Collectors.joining(", "));
            return say(zh, "timeline.rejected-units-quarantined", q);
        }
        if (event instanceof HelpRequestEvent.ReservationReleased r
                && HelpRequestEvent.ReservationReleased.SHORTFALL_ACCEPTED.equals(r.reason())) {
            return say(zh, "timeline.shortfall-released");
        }
        if (event instanceof HelpRequestEvent.ReservationReleased r) {
            String q = r.released() == null || r.released().isEmpty()
                    ? ""
                    : r.released().stream()
                            .map(l -> l.item() + " " + plain(l.reserved()))
                            .collect(Collectors.joining(", "));
            return q.isEmpty()
                    ? say(zh, "timeline.stock-released", r.reason())
                    : say(zh, "timeline.stock-released.lines", r.reason(), q);
        }
        if (event instanceof HelpRequestEvent.LinesRejected lr) {
            return say(
                    zh,
                    "timeline.lines-rejected",
                    join(zh, "timeline.join.semicolon", lr.lines(), l -> rejected(zh, l)));
        }
        if (event instanceof HelpRequestEvent.PriorityCorrected pc) {
            return sameFlags(pc)
                    ? say(zh, "timeline.priority-corrected", pc.from(), pc.to(), pc.reason())
                    : say(
                            zh,
                            "timeline.priority-and-flags-corrected",
                            pc.from(),
                            pc.to(),
                            flags(pc.vulnerabilitiesBefore()),
                            flags(pc.vulnerabilitiesAfter()),
                            pc.reason());
        }
        if (event instanceof HelpRequestEvent.PersonalDataErased e) {
            return say(zh, "timeline.personal-data-erased", e.reason());
        }
        if (event instanceof HelpRequestEvent.Cancelled c) {
            return say(zh, "timeline.cancelled", c.reason());
        }
        if (event instanceof HelpRequestEvent.ReceiptConfirmed r) {
            String q = join(
                    zh,
                    "timeline.join.semicolon",
                    r.lines(),
                    l -> received(zh, l.item(), l.accepted(), l.rejected(), l.rejectionReason()));
            boolean fromProofs = r.trips() != null && !r.trips().isEmpty();
            return fromProofs
                    ? say(
                            zh,
                            "timeline.receipt-confirmed.from-proofs",
                            join(zh, "timeline.join.comma", r.trips(), t -> t),
                            q)
                    : say(zh, "timeline.receipt-confirmed", q);
        }
        if (event instanceof HelpRequestEvent.ShortfallAccepted sa) {
            String q = join(
                    zh,
                    "timeline.join.comma",
                    sa.lines(),
                    l -> say(zh, "timeline.short-line", l.item(), plain(l.shortfall()), plain(l.requested())));
            return sa.note() == null
                    ? say(zh, "timeline.shortfall-accepted", q)
                    : say(zh, "timeline.shortfall-accepted.note", q, sa.note());
        }
        if (event instanceof HelpRequestEvent.Escalated e) {
            return say(zh, "timeline.escalated", e.status(), e.deadline());
        }
        if (event instanceof HelpRequestEvent.TransportQueued q) {
            return say(
                    zh,
                    "timeline.trip-queued",
                    q.tripId(),
                    route(zh, q.from(), q.to()),
                    load(zh, q.lines()),
                    q.reason());
        }
        if (event instanceof HelpRequestEvent.TransportScheduled t) {
            String driver = t.driverName() == null ? "" : say(zh, "timeline.trip-scheduled.driver", t.driverName());
            String weight = t.weightKg() == null || t.weightKg().signum() == 0
                    ? ""
                    : say(zh, "timeline.trip-scheduled.weight", plain(t.weightKg()));
            String replan = t.replanOf() == null ? "" : say(zh, "timeline.trip-scheduled.replaces", t.replanOf());
            // dispatch explains in English only: its reasons read the same in both languages
            String why = reasons(false, t.explanation());
            return say(
                    zh,
                    "timeline.trip-scheduled",
                    t.tripId(),
                    t.plate(),
                    t.vehicleKind(),
                    driver,
                    t.windowStart(),
                    t.windowEnd(),
                    route(zh, t.from(), t.to()),
                    load(zh, t.lines()),
                    weight,
                    replan,
                    why);
        }
        if (event instanceof HelpRequestEvent.LoadPickedUp p) {
            return p.lines() == null || p.lines().isEmpty()
                    ? say(zh, "timeline.picked-up.nothing", p.tripId())
                    : say(zh, "timeline.picked-up", p.tripId(), load(zh, p.lines()));
        }
        if (event instanceof HelpRequestEvent.DeliveryReported d) {
            if (d.lines() == null || d.lines().isEmpty()) {
                return d.note() == null
                        ? say(zh, "timeline.delivered", d.tripId())
                        : say(zh, "timeline.delivered.note", d.tripId(), d.note());
            }
            String q = join(
                    zh,
                    "timeline.join.semicolon",
                    d.lines(),
                    l -> received(zh, l.item(), l.accepted(), l.rejected(), l.rejectionReason()));
            return say(zh, "timeline.delivered.lines", d.tripId(), d.receivedBy(), q);
        }
        if (event instanceof HelpRequestEvent.TransportFailed f) {
            String back = f.wasPickedUp() ? say(zh, "timeline.trip-failed.load-back") : "";
            String next = f.replacementTripId() == null
                    ? say(zh, "timeline.trip-failed.outcome", f.outcome())
                    : say(zh, "timeline.trip-failed.replanned", f.replacementTripId());
            return say(zh, "timeline.trip-failed", f.tripId(), f.reason(), back, next);
        }
        if (event instanceof HelpRequestEvent.TransportCancelled x) {
            return say(
                    zh,
                    x.wasPickedUp() ? "timeline.trip-cancelled.load-back" : "timeline.trip-cancelled",
                    x.tripId(),
                    x.reason());
        }
        if (event instanceof HelpRequestEvent.TransportWaitOverdue o) {
            return say(zh, "timeline.trip-wait-overdue", o.tripId(), o.queuedAt(), o.deadline());
        }
        if (event instanceof HelpRequestEvent.VolunteerCallOpened o) {
            return say(
                    zh,
                    "timeline.call-opened",
                    o.callId(),
                    o.needed(),
                    o.purpose(),
                    o.skill() == null ? "" : say(zh, "timeline.call-opened.skill", o.skill()),
                    o.place() == null ? "" : say(zh, "timeline.call-opened.place", o.place()));
        }
        if (event instanceof HelpRequestEvent.VolunteersShort s) {
            return s.reason() == null
                    ? say(zh, "timeline.volunteers-short", s.purpose(), s.assigned(), s.needed())
                    : say(zh, "timeline.volunteers-short.reason", s.purpose(), s.assigned(), s.needed(), s.reason());
        }
        if (event instanceof HelpRequestEvent.VolunteerAssigned a) {
            return say(zh, "timeline.volunteer-assigned", a.volunteerName(), a.purpose(), a.assigned(), a.needed());
        }
        if (event instanceof HelpRequestEvent.VolunteerAnswered a) {
            if (a.accepted()) {
                return say(zh, "timeline.volunteer-accepted", a.volunteerId(), a.purpose());
            }
            return a.reason() == null
                    ? say(zh, "timeline.volunteer-declined", a.volunteerId(), a.purpose())
                    : say(zh, "timeline.volunteer-declined.reason", a.volunteerId(), a.purpose(), a.reason());
        }
        if (event instanceof HelpRequestEvent.VolunteerCallCancelled x) {
            return x.reason() == null
                    ? say(zh, "timeline.call-cancelled", x.callId(), x.purpose())
                    : say(zh, "timeline.call-cancelled.reason", x.callId(), x.purpose(), x.reason());
        }
        if (event instanceof HelpRequestEvent.VolunteerCallCompleted d) {
            return say(zh, "timeline.call-completed", d.purpose(), d.personTimes(), plain(d.hours()));
        }
        return event.getClass().getSimpleName();
    }

    private static String say(boolean zh, String key, Object... args) {
        return Texts.BUNDLE.format(zh, key, args);
    }

    /** The items of {@code list} as {@code each} says them, joined by the pattern {@code joinKey}. */
    private static <T> String join(boolean zh, String joinKey, List<T> list, Function<T, String> each) {
        return list.stream().map(each).reduce((a, b) -> say(zh, joinKey, a, b)).orElse("");
    }

    /** " — reason; reason", or nothing without reasons. */
    private static String reasons(boolean zh, List<String> reasons) {
        return reasons == null || reasons.isEmpty()
                ? ""
                : say(zh, "timeline.reasons", join(zh, "timeline.join.semicolon", reasons, r -> r));
    }

    private static String rejected(boolean zh, HelpRequestEvent.RejectedLine l) {
        String key;
        if (HelpRequestEvent.RejectedLine.WRONG_UNIT.equals(l.reason())) {
            key = "timeline.line-rejected.wrong-unit";
        } else if (HelpRequestEvent.RejectedLine.FRACTIONAL_QUANTITY.equals(l.reason())) {
            key = "timeline.line-rejected.fractional";
        } else {
            key = "timeline.line-rejected.unknown-item";
        }
        return say(zh, key, l.item(), plain(l.quantity()), l.unit(), l.catalogueUnit());
    }

    private static String received(boolean zh, String item, BigDecimal accepted, BigDecimal rejected, String why) {
        return why == null
                ? say(zh, "timeline.received-line", item, plain(accepted), plain(rejected))
                : say(zh, "timeline.received-line.rejection", item, plain(accepted), plain(rejected), why);
    }

    private static boolean sameFlags(HelpRequestEvent.PriorityCorrected pc) {
        return java.util.Objects.equals(pc.vulnerabilitiesBefore(), pc.vulnerabilitiesAfter());
    }

    private static String flags(List<Vulnerability> v) {
        return v == null || v.isEmpty() ? "[]" : v.stream().map(Enum::name).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String route(boolean zh, HelpRequestEvent.Place from, HelpRequestEvent.Place to) {
        return from == null && to == null ? "" : say(zh, "timeline.route", place(from), place(to));
    }

    private static String place(HelpRequestEvent.Place p) {
        if (p == null) {
            return "?";
        }
        String name = p.name() == null ? "" : p.name();
        return p.district() == null || name.contains(p.district()) ? name : p.district() + " " + name;
    }

    private static String load(boolean zh, List<HelpRequestEvent.LoadedQuantity> lines) {
        return lines == null || lines.isEmpty()
                ? ""
                : say(
                        zh,
                        "timeline.load",
                        join(
                                zh,
                                "timeline.join.comma",
                                lines,
                                l -> l.unit() == null
                                        ? say(zh, "timeline.loaded", plain(l.quantity()), l.item())
                                        : say(zh, "timeline.loaded.unit", plain(l.quantity()), l.unit(), l.item())));
    }

    private static String plain(BigDecimal b) {
        return b == null ? "0" : b.stripTrailingZeros().toPlainString();
    }
}
