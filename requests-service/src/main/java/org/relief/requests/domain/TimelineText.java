package org.relief.requests.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A readable sentence for each step on a request's timeline, in English and Chinese, built from the stored event
 * alone (so an old step reads the same tomorrow). Who acted and what caused it travel beside it on the entry.
 */
public final class TimelineText {
    /** One step, said twice. */
    public record Text(String en, String zh) {}

    private TimelineText() {}

    public static Text explain(HelpRequestEvent event) {
        if (event instanceof HelpRequestEvent.Submitted s) {
            String kind = (s.kind() == null ? RequestKind.SUPPLIES : s.kind()).name();
            return new Text(
                    "Submitted a " + kind + " request (" + s.priority() + ") for " + s.community() + ", " + s.district()
                            + (s.likelyDuplicateOf() == null ? "" : "; looks like request " + s.likelyDuplicateOf()),
                    "提交了" + kind + "求助（" + s.priority() + "）：" + s.district() + s.community()
                            + (s.likelyDuplicateOf() == null ? "" : "；疑似与求助 " + s.likelyDuplicateOf() + " 重复"));
        }
        if (event instanceof HelpRequestEvent.ReservationOpened o) {
            return new Text("Inventory opened reservation " + o.reservationId(), "库存服务开启了预留 " + o.reservationId());
        }
        if (event instanceof HelpRequestEvent.StockAllocated a) {
            String q = a.lines().stream()
                    .map(l -> l.item() + " " + plain(l.reserved()))
                    .collect(Collectors.joining(", "));
            String why = a.explanation() == null || a.explanation().isEmpty()
                    ? ""
                    : " — " + String.join("; ", a.explanation());
            // allocations recorded before inventory explained in Chinese keep the English reasons in the Chinese text
            String whyZh = a.explanationZh() == null || a.explanationZh().isEmpty()
                    ? why
                    : " —— " + String.join("；", a.explanationZh());
            return new Text(
                    "Stock " + a.outcome() + ": reserved so far " + q + why,
                    "库存分配结果 " + a.outcome() + "：已预留 " + q + whyZh);
        }
        if (event instanceof HelpRequestEvent.ReservationReleased r
                && HelpRequestEvent.ReservationReleased.REJECTED.equals(r.reason())) {
            String q = r.released() == null
                    ? ""
                    : r.released().stream()
                            .map(l -> l.item() + " " + plain(l.reserved()))
                            .collect(Collectors.joining(", "));
            return new Text(
                    "Inventory took the rejected units into quarantine (" + q + "); the shortfall is reserved "
                            + "again for a follow-up trip unless the partner accepts it",
                    "库存服务已将拒收物资隔离（" + q + "）；缺口将重新预留并安排补送，除非求助方接受缺口");
        }
        if (event instanceof HelpRequestEvent.ReservationReleased r
                && HelpRequestEvent.ReservationReleased.SHORTFALL_ACCEPTED.equals(r.reason())) {
            return new Text(
                    "Inventory released what was still reserved for the accepted shortfall", "库存服务已释放为已接受的缺口预留的物资");
        }
        if (event instanceof HelpRequestEvent.ReservationReleased r) {
            String q = r.released() == null || r.released().isEmpty()
                    ? ""
                    : r.released().stream()
                            .map(l -> l.item() + " " + plain(l.reserved()))
                            .collect(Collectors.joining(", "));
            return new Text(
                    "Inventory released reserved stock (" + r.reason() + ")" + (q.isEmpty() ? "" : ": " + q),
                    "库存服务释放了预留物资（" + r.reason() + "）" + (q.isEmpty() ? "" : "：" + q));
        }
        if (event instanceof HelpRequestEvent.LinesRejected lr) {
            String en = lr.lines().stream().map(TimelineText::rejectedEn).collect(Collectors.joining("; "));
            String zh = lr.lines().stream().map(TimelineText::rejectedZh).collect(Collectors.joining("；"));
            return new Text(
                    "Inventory rejected line(s) that do not fit its catalogue, nothing will be reserved for them: "
                            + en,
                    "库存服务拒绝了与物资目录不符的物资行，不会为其预留：" + zh);
        }
        if (event instanceof HelpRequestEvent.PriorityCorrected pc) {
            String flags = sameFlags(pc)
                    ? ""
                    : "; vulnerabilities " + flags(pc.vulnerabilitiesBefore()) + " → "
                            + flags(pc.vulnerabilitiesAfter());
            String flagsZh = sameFlags(pc)
                    ? ""
                    : "；弱势标记 " + flags(pc.vulnerabilitiesBefore()) + " → " + flags(pc.vulnerabilitiesAfter());
            return new Text(
                    "Ops corrected the priority " + pc.from() + " → " + pc.to() + flags + ": " + pc.reason(),
                    "运营人员更正了优先级 " + pc.from() + " → " + pc.to() + flagsZh + "：" + pc.reason());
        }
        if (event instanceof HelpRequestEvent.PersonalDataErased e) {
            return new Text(
                    "Personal data erased (names, phones, addresses, notes): " + e.reason(),
                    "个人信息（姓名、电话、地址、备注）已删除：" + e.reason());
        }
        if (event instanceof HelpRequestEvent.Cancelled c) {
            return new Text("Cancelled: " + c.reason(), "已取消：" + c.reason());
        }
        if (event instanceof HelpRequestEvent.ReceiptConfirmed r) {
            String q = r.lines().stream()
                    .map(l -> l.item() + " accepted " + plain(l.accepted()) + ", rejected " + plain(l.rejected())
                            + (l.rejectionReason() == null ? "" : " (" + l.rejectionReason() + ")"))
                    .collect(Collectors.joining("; "));
            String qz = r.lines().stream()
                    .map(l -> l.item() + " 接收 " + plain(l.accepted()) + "，拒收 " + plain(l.rejected())
                            + (l.rejectionReason() == null ? "" : "（" + l.rejectionReason() + "）"))
                    .collect(Collectors.joining("；"));
            boolean fromProofs = r.trips() != null && !r.trips().isEmpty();
            return new Text(
                    "Receipt confirmed" + (fromProofs ? " as delivered by trip(s) " + String.join(", ", r.trips()) : "")
                            + ": " + q,
                    "确认收货" + (fromProofs ? "（按车次 " + String.join("、", r.trips()) + " 的送达记录）" : "") + "：" + qz);
        }
        if (event instanceof HelpRequestEvent.ShortfallAccepted sa) {
            String q = sa.lines().stream()
                    .map(l -> l.item() + " " + plain(l.shortfall()) + " of " + plain(l.requested()))
                    .collect(Collectors.joining(", "));
            String qz = sa.lines().stream()
                    .map(l -> l.item() + " 缺 " + plain(l.shortfall()) + "（共需 " + plain(l.requested()) + "）")
                    .collect(Collectors.joining("、"));
            String note = sa.note() == null ? "" : ": " + sa.note();
            return new Text(
                    "The partner accepted the shortfall (" + q + " will not come); the request ends with what "
                            + "was received" + note,
                    "求助方接受缺口（" + qz + "，不再补发），求助按已收到的物资结束" + (sa.note() == null ? "" : "：" + sa.note()));
        }
        if (event instanceof HelpRequestEvent.Escalated e) {
            return new Text(
                    "Overdue: no progress in " + e.status() + " by " + e.deadline(),
                    "已超时：在 " + e.status() + " 状态下截至 " + e.deadline() + " 仍无进展");
        }
        if (event instanceof HelpRequestEvent.TransportQueued q) {
            return new Text(
                    "Trip " + q.tripId() + " queued for a vehicle" + route(q.from(), q.to()) + load(q.lines()) + ": "
                            + q.reason(),
                    "车次 " + q.tripId() + " 正在排队等车" + routeZh(q.from(), q.to()) + loadZh(q.lines()) + "：" + q.reason());
        }
        if (event instanceof HelpRequestEvent.TransportScheduled t) {
            String vehicle = t.plate() + " (" + t.vehicleKind() + ")";
            String driver = t.driverName() == null ? "" : ", driver " + t.driverName();
            String window = " " + t.windowStart() + " – " + t.windowEnd();
            String replan = t.replanOf() == null ? "" : ", replacing failed trip " + t.replanOf();
            String why = t.explanation() == null || t.explanation().isEmpty()
                    ? ""
                    : " — " + String.join("; ", t.explanation());
            String weight =
                    t.weightKg() == null || t.weightKg().signum() == 0 ? "" : ", " + plain(t.weightKg()) + " kg";
            return new Text(
                    "Trip " + t.tripId() + " scheduled: " + vehicle + driver + window + route(t.from(), t.to())
                            + load(t.lines()) + weight + replan + why,
                    "车次 " + t.tripId() + " 已安排：" + t.plate() + "（" + t.vehicleKind() + "）"
                            + (t.driverName() == null ? "" : "，司机 " + t.driverName()) + window
                            + routeZh(t.from(), t.to())
                            + loadZh(t.lines()) + (weight.isEmpty() ? "" : "，" + plain(t.weightKg()) + " 公斤")
                            + (t.replanOf() == null ? "" : "，替代失败车次 " + t.replanOf()) + why);
        }
        if (event instanceof HelpRequestEvent.LoadPickedUp p) {
            return new Text(
                    "Trip " + p.tripId() + " picked up"
                            + (p.lines().isEmpty() ? " (passenger or nothing of this request)" : load(p.lines())),
                    "车次 " + p.tripId() + " 已提货/接人" + loadZh(p.lines()));
        }
        if (event instanceof HelpRequestEvent.DeliveryReported d) {
            if (d.lines() == null || d.lines().isEmpty()) {
                return new Text(
                        "Trip " + d.tripId() + " delivered" + (d.note() == null ? "" : ": " + d.note()),
                        "车次 " + d.tripId() + " 已送达" + (d.note() == null ? "" : "：" + d.note()));
            }
            String q = d.lines().stream()
                    .map(l -> l.item() + " accepted " + plain(l.accepted()) + ", rejected " + plain(l.rejected())
                            + (l.rejectionReason() == null ? "" : " (" + l.rejectionReason() + ")"))
                    .collect(Collectors.joining("; "));
            String qz = d.lines().stream()
                    .map(l -> l.item() + " 接收 " + plain(l.accepted()) + "，拒收 " + plain(l.rejected())
                            + (l.rejectionReason() == null ? "" : "（" + l.rejectionReason() + "）"))
                    .collect(Collectors.joining("；"));
            return new Text(
                    "Trip " + d.tripId() + " delivered, received by " + d.receivedBy() + ": " + q
                            + "; awaiting the partner's receipt",
                    "车次 " + d.tripId() + " 已送达，签收人 " + d.receivedBy() + "：" + qz + "；等待求助方确认收货");
        }
        if (event instanceof HelpRequestEvent.TransportFailed f) {
            String back = f.wasPickedUp() ? "; the load goes back to the warehouse" : "";
            String next = f.replacementTripId() == null
                    ? " (" + f.outcome() + ")"
                    : "; replanned as trip " + f.replacementTripId();
            return new Text(
                    "Trip " + f.tripId() + " failed: " + f.reason() + back + next,
                    "车次 " + f.tripId() + " 失败：" + f.reason() + (f.wasPickedUp() ? "；货物退回仓库" : "")
                            + (f.replacementTripId() == null
                                    ? "（" + f.outcome() + "）"
                                    : "；已重新安排为车次 " + f.replacementTripId()));
        }
        if (event instanceof HelpRequestEvent.TransportCancelled x) {
            return new Text(
                    "Trip " + x.tripId() + " cancelled (" + x.reason() + ")"
                            + (x.wasPickedUp() ? "; the load goes back" : ""),
                    "车次 " + x.tripId() + " 已取消（" + x.reason() + "）" + (x.wasPickedUp() ? "；货物退回" : ""));
        }
        if (event instanceof HelpRequestEvent.TransportWaitOverdue o) {
            return new Text(
                    "Trip " + o.tripId() + " has waited for a vehicle since " + o.queuedAt() + ", past " + o.deadline(),
                    "车次 " + o.tripId() + " 自 " + o.queuedAt() + " 起等车，已超过 " + o.deadline());
        }
        if (event instanceof HelpRequestEvent.VolunteerCallOpened o) {
            return new Text(
                    "Call " + o.callId() + " for " + o.needed() + " volunteer(s) (" + o.purpose() + ")"
                            + (o.skill() == null ? "" : ", skill " + o.skill())
                            + (o.place() == null ? "" : " at " + o.place()),
                    "招募 " + o.needed() + " 名志愿者（" + o.purpose() + "）" + (o.skill() == null ? "" : "，技能 " + o.skill())
                            + (o.place() == null ? "" : "，地点 " + o.place()));
        }
        if (event instanceof HelpRequestEvent.VolunteersShort s) {
            return new Text(
                    "Short of volunteers for " + s.purpose() + ": " + s.assigned() + " of " + s.needed()
                            + (s.reason() == null ? "" : " — " + s.reason()),
                    "志愿者不足（" + s.purpose() + "）：" + s.assigned() + "/" + s.needed()
                            + (s.reason() == null ? "" : "，" + s.reason()));
        }
        if (event instanceof HelpRequestEvent.VolunteerAssigned a) {
            return new Text(
                    a.volunteerName() + " assigned for " + a.purpose() + " (" + a.assigned() + " of " + a.needed()
                            + ")",
                    "志愿者 " + a.volunteerName() + " 已安排（" + a.purpose() + "，" + a.assigned() + "/" + a.needed() + "）");
        }
        if (event instanceof HelpRequestEvent.VolunteerAnswered a) {
            return a.accepted()
                    ? new Text(
                            "Volunteer " + a.volunteerId() + " accepted (" + a.purpose() + ")",
                            "志愿者 " + a.volunteerId() + " 已接受（" + a.purpose() + "）")
                    : new Text(
                            "Volunteer " + a.volunteerId() + " declined (" + a.purpose() + ")"
                                    + (a.reason() == null ? "" : ": " + a.reason()) + "; looking for someone else",
                            "志愿者 " + a.volunteerId() + " 已婉拒（" + a.purpose() + "）"
                                    + (a.reason() == null ? "" : "：" + a.reason()) + "；正在另找志愿者");
        }
        if (event instanceof HelpRequestEvent.VolunteerCallCancelled x) {
            return new Text(
                    "Volunteer call " + x.callId() + " (" + x.purpose() + ") cancelled"
                            + (x.reason() == null ? "" : ": " + x.reason()),
                    "志愿者招募 " + x.callId() + "（" + x.purpose() + "）已取消" + (x.reason() == null ? "" : "：" + x.reason()));
        }
        if (event instanceof HelpRequestEvent.VolunteerCallCompleted d) {
            return new Text(
                    d.purpose() + " done: " + d.personTimes() + " volunteer(s), " + plain(d.hours()) + " hours",
                    d.purpose() + " 已完成：" + d.personTimes() + " 人次，" + plain(d.hours()) + " 小时");
        }
        return new Text(event.getClass().getSimpleName(), event.getClass().getSimpleName());
    }

    private static String rejectedEn(HelpRequestEvent.RejectedLine l) {
        String what = l.item() + " (" + plain(l.quantity()) + " " + l.unit() + "): ";
        if (HelpRequestEvent.RejectedLine.WRONG_UNIT.equals(l.reason())) {
            return what + "the catalogue counts it in " + l.catalogueUnit() + ", not " + l.unit()
                    + "; submit it again in " + l.catalogueUnit();
        }
        if (HelpRequestEvent.RejectedLine.FRACTIONAL_QUANTITY.equals(l.reason())) {
            return what + "the catalogue counts it in whole " + l.catalogueUnit()
                    + "; submit it again as a whole number";
        }
        return what + "not in the catalogue; check the item code";
    }

    private static String rejectedZh(HelpRequestEvent.RejectedLine l) {
        String what = l.item() + "（" + plain(l.quantity()) + " " + l.unit() + "）：";
        if (HelpRequestEvent.RejectedLine.WRONG_UNIT.equals(l.reason())) {
            return what + "物资目录按 " + l.catalogueUnit() + " 计量，而不是 " + l.unit() + "，请按 " + l.catalogueUnit() + " 重新提交";
        }
        if (HelpRequestEvent.RejectedLine.FRACTIONAL_QUANTITY.equals(l.reason())) {
            return what + "物资目录按整 " + l.catalogueUnit() + " 计数，不能填写小数，请按整数重新提交";
        }
        return what + "物资目录中没有该编码，请核对物资编码";
    }

    private static boolean sameFlags(HelpRequestEvent.PriorityCorrected pc) {
        return java.util.Objects.equals(pc.vulnerabilitiesBefore(), pc.vulnerabilitiesAfter());
    }

    private static String flags(List<Vulnerability> v) {
        return v == null || v.isEmpty() ? "[]" : v.stream().map(Enum::name).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String route(HelpRequestEvent.Place from, HelpRequestEvent.Place to) {
        return from == null && to == null ? "" : " from " + place(from) + " to " + place(to);
    }

    private static String routeZh(HelpRequestEvent.Place from, HelpRequestEvent.Place to) {
        return from == null && to == null ? "" : "，从 " + place(from) + " 到 " + place(to);
    }

    private static String place(HelpRequestEvent.Place p) {
        if (p == null) {
            return "?";
        }
        String name = p.name() == null ? "" : p.name();
        return p.district() == null || name.contains(p.district()) ? name : p.district() + " " + name;
    }

    private static String load(List<HelpRequestEvent.LoadedQuantity> lines) {
        return lines == null || lines.isEmpty()
                ? ""
                : ", load "
                        + lines.stream()
                                .map(l ->
                                        plain(l.quantity()) + " " + (l.unit() == null ? "" : l.unit() + " ") + l.item())
                                .collect(Collectors.joining(", "));
    }

    private static String loadZh(List<HelpRequestEvent.LoadedQuantity> lines) {
        return lines == null || lines.isEmpty()
                ? ""
                : "，装载 "
                        + lines.stream()
                                .map(l -> l.item() + " " + plain(l.quantity()))
                                .collect(Collectors.joining("、"));
    }

    private static String plain(BigDecimal b) {
        return b == null ? "0" : b.stripTrailingZeros().toPlainString();
    }
}
