package org.relief.requests.domain;

import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.AggregateRoot;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** A help request from a partner organisation: the aggregate whose events tell the request's whole story. */
public final class HelpRequest extends AggregateRoot<HelpRequestEvent> {
    private String id;
    private String organisationId;
    private RequestStatus status;
    private String reservationId;
    private List<SupplyLine> lines = List.of();

    /** Starts a new request. */
    public static HelpRequest submit(SubmitHelpRequest cmd, Clock clock) {
        if (cmd.lines() == null || cmd.lines().isEmpty()) {
            throw RuleViolation.invalid("a supplies request needs at least one line", "物资求助至少需要一行物资");
        }
        var now = clock.instant();
        if (cmd.neededBy() != null && cmd.neededBy().isBefore(now.minusSeconds(60))) {
            throw RuleViolation.invalid("neededBy lies in the past", "需要时间 (neededBy) 早于当前时间");
        }
        HelpRequest r = new HelpRequest();
        r.raise(new HelpRequestEvent.Submitted(UUID.randomUUID().toString(), cmd.organisationId(), cmd.priority(),
                cmd.community(), cmd.district(), cmd.address(), cmd.contactName(), cmd.contactPhone(),
                List.copyOf(cmd.lines()), cmd.neededBy(), cmd.note(), now));
        return r;
    }

    /**
     * Inventory opened a reservation. Repeating the same reservation changes nothing; a different one while one is
     * open is a contract violation.
     */
    public void reservationOpened(String reservationId, Clock clock) {
        if (reservationId.equals(this.reservationId)) {
            return;
        }
        if (status != RequestStatus.SUBMITTED) {
            throw RuleViolation.conflict("request " + id + " is " + status + ", cannot open reservation " + reservationId,
                    "求助 " + id + " 当前状态为 " + status + "，不能再开启预留 " + reservationId);
        }
        raise(new HelpRequestEvent.ReservationOpened(reservationId, clock.instant()));
    }

    @Override
    protected void apply(HelpRequestEvent event) {
        if (event instanceof HelpRequestEvent.Submitted s) {
            id = s.requestId();
            organisationId = s.organisationId();
            lines = s.lines();
            status = RequestStatus.SUBMITTED;
        } else if (event instanceof HelpRequestEvent.ReservationOpened o) {
            reservationId = o.reservationId();
            status = RequestStatus.RESERVATION_PENDING;
        }
    }

    @Override
    public String id() {
        return id;
    }

    public String organisationId() {
        return organisationId;
    }

    public RequestStatus status() {
        return status;
    }

    public List<SupplyLine> lines() {
        return lines;
    }
}
