package org.relief.requests.domain;

import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.AggregateRoot;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A help request from a partner organisation: the aggregate whose events tell the request's whole story. Commands
 * check the rules against {@link RequestState} and raise events; the status is always derived, never assigned.
 */
public final class HelpRequest extends AggregateRoot<HelpRequestEvent> {
    private RequestState state = RequestState.EMPTY;

    /** Starts a new request; {@code likelyDuplicateOf} links it to an earlier look-alike (stored anyway). */
    public static HelpRequest submit(SubmitHelpRequest cmd, String likelyDuplicateOf, Clock clock) {
        Instant now = clock.instant();
        RequestKind kind = cmd.kind() == null ? RequestKind.SUPPLIES : cmd.kind();
        List<SupplyLine> lines = cmd.linesOrEmpty();
        if (kind == RequestKind.SUPPLIES) {
            if (lines.isEmpty()) {
                throw RuleViolation.invalid("a supplies request needs at least one line", "物资求助至少需要一行物资");
            }
            Set<String> items = new HashSet<>();
            for (SupplyLine l : lines) {
                if (!items.add(l.item())) {
                    throw RuleViolation.invalid("item " + l.item() + " appears on more than one line",
                            "物资 " + l.item() + " 出现在多行中，请合并");
                }
            }
        } else if (!lines.isEmpty()) {
            throw RuleViolation.invalid("only a supplies request has lines", "只有物资求助可以填写物资行");
        }
        if (kind == RequestKind.RIDE) {
            RideDetails ride = require(cmd.ride(), "ride", kind);
            checkWindow(ride.windowStart(), ride.windowEnd(), "ride", now);
        } else if (cmd.ride() != null) {
            throw RuleViolation.invalid("ride is only for a RIDE request", "只有出行求助可以填写 ride");
        }
        if (kind == RequestKind.CARE) {
            CareDetails care = require(cmd.care(), "care", kind);
            checkWindow(care.windowStart(), care.windowEnd(), "care", now);
        } else if (cmd.care() != null) {
            throw RuleViolation.invalid("care is only for a CARE request", "只有照护求助可以填写 care");
        }
        if (cmd.neededBy() != null && cmd.neededBy().isBefore(now.minusSeconds(60))) {
            throw RuleViolation.invalid("neededBy lies in the past", "需要时间 (neededBy) 早于当前时间");
        }
        HelpRequest r = new HelpRequest();
        r.raise(new HelpRequestEvent.Submitted(UUID.randomUUID().toString(), cmd.organisationId(), kind,
                cmd.priority(), cmd.vulnerabilities() == null ? List.of() : List.copyOf(cmd.vulnerabilities()),
                cmd.community(), cmd.district(), cmd.address(), cmd.contactName(), cmd.contactPhone(),
                List.copyOf(lines), cmd.ride(), cmd.care(), cmd.neededBy(), cmd.note(), now, likelyDuplicateOf));
        return r;
    }

    private static <T> T require(T part, String name, RequestKind kind) {
        if (part == null) {
            throw RuleViolation.invalid(name + " is required for a " + kind + " request", kind + " 求助必须填写 " + name);
        }
        return part;
    }

    private static void checkWindow(Instant start, Instant end, String part, Instant now) {
        if (start != null && end != null && !start.isBefore(end)) {
            throw RuleViolation.invalid(part + ".windowStart must be before " + part + ".windowEnd",
                    part + ".windowStart 必须早于 " + part + ".windowEnd");
        }
        if (end != null && end.isBefore(now)) {
            throw RuleViolation.invalid(part + ".windowEnd lies in the past", part + ".windowEnd 早于当前时间");
        }
    }

    /**
     * Inventory opened a reservation. Repeating the same reservation changes nothing; a different one while one is
     * open is a contract violation. A request that has already ended (cancelled before inventory took it on, say)
     * ignores it: inventory releases what it reserves when it sees the cancellation, and parking the answer would
     * only block the request's later events.
     */
    public void reservationOpened(String reservationId, Clock clock) {
        if (reservationId.equals(state.reservationId()) || status().terminal()) {
            return;
        }
        if (status() != RequestStatus.SUBMITTED) {
            throw RuleViolation.conflict("request " + id() + " is " + status() + ", cannot open reservation " + reservationId,
                    "求助 " + id() + " 当前状态为 " + status() + "，不能再开启预留 " + reservationId);
        }
        raise(new HelpRequestEvent.ReservationOpened(reservationId, clock.instant()));
    }

    /**
     * Inventory's latest allocation (cumulative per line: held, plus what receipts already issued or rejected). Late
     * answers for a request that has already ended are ignored: the stock comes back through inventory's own release.
     */
    public void stockAllocated(String reservationId, HelpRequestEvent.AllocationOutcome outcome,
                               List<HelpRequestEvent.ReservedQuantity> reserved, List<String> explanation,
                               Instant expiresAt, Clock clock) {
        if (status().terminal()) {
            return;
        }
        requireSupplies("a stock allocation");
        for (var q : reserved) {
            if (state.line(q.item()) == null) {
                throw RuleViolation.invalid("allocation for item " + q.item() + " that request " + id() + " did not ask for",
                        "预留中的物资 " + q.item() + " 不在求助 " + id() + " 中");
            }
            if (q.reserved() == null || q.reserved().signum() < 0) {
                throw RuleViolation.invalid("reserved quantity of " + q.item() + " must not be negative",
                        "物资 " + q.item() + " 的预留数量不能为负");
            }
        }
        raise(new HelpRequestEvent.StockAllocated(reservationId, outcome, List.copyOf(reserved),
                explanation == null ? List.of() : List.copyOf(explanation), expiresAt, clock.instant()));
    }

    /**
     * Inventory released reserved stock. CANCELLED after our own cancellation needs nothing more; EXPIRED ends the
     * request (the partner may submit again); both are ignored once the request has ended. REJECTED returns the units
     * the community rejected at a receipt: the receipt already counted them, so it changes no quantity and no status,
     * and it is recorded on the timeline even after the request ended (it is what happened to those units).
     */
    public void reservationReleased(String reservationId, String reason, List<HelpRequestEvent.ReservedQuantity> released,
                                    Clock clock) {
        boolean rejected = HelpRequestEvent.ReservationReleased.REJECTED.equals(reason);
        if (!rejected && !HelpRequestEvent.ReservationReleased.EXPIRED.equals(reason)
                && !HelpRequestEvent.ReservationReleased.CANCELLED.equals(reason)) {
            throw RuleViolation.invalid("unknown release reason " + reason, "未知的释放原因 " + reason);
        }
        if (status().terminal() && !rejected) {
            return;
        }
        raise(new HelpRequestEvent.ReservationReleased(reservationId, reason,
                released == null ? List.of() : List.copyOf(released), clock.instant()));
    }

    public void cancel(String reason, String cancelledBy, Clock clock) {
        if (status().terminal()) {
            throw RuleViolation.conflict("request " + id() + " is " + status() + " and can no longer be cancelled",
                    "求助 " + id() + " 当前状态为 " + status() + "，不能再取消");
        }
        if (reason == null || reason.isBlank()) {
            throw RuleViolation.invalid("a cancellation needs a reason", "取消必须说明原因");
        }
        raise(new HelpRequestEvent.Cancelled(reason, cancelledBy, clock.instant()));
    }

    /**
     * The partner confirms what arrived. A receipt settles only the lines it lists: per listed line the accepted units
     * count as delivered (inventory issues them) and the rejected ones as rejected (inventory releases them,
     * {@code REJECTED}); lines not listed, and whatever of a listed line is neither accepted nor rejected, stay
     * reserved and may be confirmed by a later receipt. Each line may account for at most what is reserved or in
     * transit and not yet received ({@link LineState#receivable()}); rejected units need a reason.
     */
    public void confirmReceipt(List<ReceiptLine> received, String confirmedBy, Clock clock) {
        if (state.kind() != RequestKind.SUPPLIES || !RequestStatus.RECEIVABLE.contains(status())) {
            throw RuleViolation.conflict("request " + id() + " is " + status() + ": nothing is reserved or on its way to confirm",
                    "求助 " + id() + " 当前状态为 " + status() + "，没有可确认收货的物资");
        }
        if (received == null || received.isEmpty()) {
            throw RuleViolation.invalid("a receipt needs at least one line", "收货确认至少需要一行");
        }
        Set<String> seen = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        List<HelpRequestEvent.ReceivedLine> lines = new java.util.ArrayList<>();
        for (ReceiptLine r : received) {
            LineState line = state.line(r.item());
            if (line == null) {
                throw RuleViolation.invalid("item " + r.item() + " is not on request " + id(), "物资 " + r.item() + " 不在本求助中");
            }
            if (!seen.add(r.item())) {
                throw RuleViolation.invalid("item " + r.item() + " appears twice in the receipt", "物资 " + r.item() + " 在收货确认中重复出现");
            }
            BigDecimal accepted = r.accepted() == null ? BigDecimal.ZERO : r.accepted();
            BigDecimal rejected = r.rejected() == null ? BigDecimal.ZERO : r.rejected();
            if (accepted.signum() < 0 || rejected.signum() < 0) {
                throw RuleViolation.invalid("accepted and rejected must not be negative", "接收和拒收数量不能为负");
            }
            if (rejected.signum() > 0 && (r.rejectionReason() == null || r.rejectionReason().isBlank())) {
                throw RuleViolation.invalid("rejected units of " + r.item() + " need a rejectionReason",
                        "物资 " + r.item() + " 有拒收数量，必须填写拒收原因 (rejectionReason)");
            }
            BigDecimal receivable = line.receivable();
            if (accepted.add(rejected).compareTo(receivable) > 0) {
                throw RuleViolation.conflict("accepted + rejected of " + r.item() + " (" + accepted.add(rejected).toPlainString()
                                + ") exceeds what is reserved or in transit for it (" + receivable.toPlainString() + ")",
                        "物资 " + r.item() + " 的接收加拒收数量 (" + accepted.add(rejected).toPlainString()
                                + ") 超过已预留或在途数量 (" + receivable.toPlainString() + ")");
            }
            total = total.add(accepted).add(rejected);
            lines.add(new HelpRequestEvent.ReceivedLine(r.item(), line.unit(), accepted, rejected,
                    rejected.signum() > 0 ? r.rejectionReason() : null));
        }
        if (total.signum() == 0) {
            throw RuleViolation.invalid("a receipt must accept or reject something", "收货确认的数量不能全为 0");
        }
        raise(new HelpRequestEvent.ReceiptConfirmed(List.copyOf(lines), confirmedBy, clock.instant()));
    }

    /**
     * No progress before {@code deadline}: raises Escalated once per status (a later status may escalate again).
     *
     * @return whether an event was raised
     */
    public boolean escalate(Instant deadline, Clock clock) {
        if (status().terminal() || state.escalatedFor() == status()) {
            return false;
        }
        raise(new HelpRequestEvent.Escalated(status(), deadline, clock.instant()));
        return true;
    }

    // transport (next issue: dispatch-service events drive these)

    public void transportScheduled(String tripId, Clock clock) {
        requireSupplies("a trip");
        if (state.openTrips().contains(tripId)) {
            return;
        }
        if (status().terminal() || state.lines().stream().allMatch(l -> l.receivable().signum() == 0)) {
            throw RuleViolation.conflict("request " + id() + " is " + status() + ": nothing to transport",
                    "求助 " + id() + " 当前状态为 " + status() + "，没有可运输的物资");
        }
        raise(new HelpRequestEvent.TransportScheduled(tripId, clock.instant()));
    }

    public void loadPickedUp(String tripId, List<HelpRequestEvent.LoadedQuantity> loaded, Clock clock) {
        if (!state.openTrips().contains(tripId)) {
            throw RuleViolation.conflict("trip " + tripId + " is not scheduled for request " + id(),
                    "车次 " + tripId + " 未安排给求助 " + id());
        }
        for (var q : loaded) {
            LineState line = state.line(q.item());
            if (line == null || q.quantity().signum() <= 0) {
                throw RuleViolation.invalid("trip " + tripId + " loaded " + q.item() + " which the request does not need",
                        "车次 " + tripId + " 装载了求助中没有的物资 " + q.item());
            }
        }
        raise(new HelpRequestEvent.LoadPickedUp(tripId, List.copyOf(loaded), clock.instant()));
    }

    public void deliveryReported(String tripId, Clock clock) {
        if (!state.openTrips().contains(tripId)) {
            throw RuleViolation.conflict("trip " + tripId + " is not scheduled for request " + id(),
                    "车次 " + tripId + " 未安排给求助 " + id());
        }
        if (state.reportedTrips().contains(tripId)) {
            return;
        }
        raise(new HelpRequestEvent.DeliveryReported(tripId, clock.instant()));
    }

    private void requireSupplies(String what) {
        if (state.kind() != RequestKind.SUPPLIES) {
            throw RuleViolation.conflict(what + " does not fit " + state.kind() + " request " + id(),
                    state.kind() + " 求助 " + id() + " 不涉及物资");
        }
    }

    @Override
    protected void apply(HelpRequestEvent event) {
        state = state.apply(event);
    }

    @Override
    public String id() {
        return state.id();
    }

    public String organisationId() {
        return state.organisationId();
    }

    public RequestStatus status() {
        return state.status();
    }

    public RequestState state() {
        return state;
    }

    public List<LineState> lines() {
        return state.lines();
    }
}
