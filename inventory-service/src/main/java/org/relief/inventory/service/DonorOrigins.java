package org.relief.inventory.service;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.relief.inventory.domain.Allocation;
import org.relief.inventory.domain.OriginVisibility;
import org.relief.inventory.projection.ReservationLineView;
import org.relief.inventory.projection.ReservationView;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;

/**
 * The one place where inventory's answers lose the donor origin (donor organisation, donation id) the caller may not
 * see (issue 11; the rule is {@link OriginVisibility}): stock by lot and the lots a reservation holds. Donations need
 * no filtering here: a donor reads only its own organisation's donations (another's answers 404). Quarantine and the
 * ledger entries carry no donor origin. Called on REST reads only: it needs the caller's identity.
 */
@ApplicationScoped
public class DonorOrigins {
    private final SecurityIdentity identity;

    public DonorOrigins(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** What the current caller may see. */
    public OriginVisibility viewer() {
        if (identity == null || identity.isAnonymous()) {
            return OriginVisibility.NONE;
        }
        Set<String> roles = identity.getRoles();
        return OriginVisibility.of(
                roles.contains(Roles.OPS),
                roles.contains(Roles.DONOR),
                Caller.organisationClaim(identity.getPrincipal()));
    }

    public List<StockRow> stock(List<StockRow> rows) {
        OriginVisibility viewer = viewer();
        return rows.stream().map(r -> r.seenBy(viewer)).toList();
    }

    public ReservationAnswer reservation(ReservationView v) {
        return ReservationAnswer.of(v, viewer());
    }

    public List<ReservationAnswer> reservations(List<ReservationView> views) {
        OriginVisibility viewer = viewer();
        return views.stream().map(v -> ReservationAnswer.of(v, viewer)).toList();
    }

    /** An allocation as {@code viewer} may see it (used by {@link ReservationAnswer}). */
    static ReservationAnswer.Held held(Allocation a, OriginVisibility viewer) {
        boolean shown = viewer.shows(a.donorOrganisationId());
        return new ReservationAnswer.Held(
                a.line(),
                a.item(),
                a.warehouseId(),
                a.warehouseName(),
                a.lotId(),
                shown ? a.donationId() : null,
                shown ? a.donorOrganisationId() : null,
                viewer.origin(a.donorOrganisationId()),
                a.quantity(),
                a.expiresOn());
    }

    static ReservationAnswer.Line line(ReservationLineView l, OriginVisibility viewer) {
        return new ReservationAnswer.Line(
                l.item(),
                l.unit(),
                l.requested(),
                l.reserved(),
                l.allocations() == null
                        ? List.of()
                        : l.allocations().stream().map(a -> held(a, viewer)).toList(),
                l.issued(),
                l.rejected(),
                l.quarantined());
    }
}
