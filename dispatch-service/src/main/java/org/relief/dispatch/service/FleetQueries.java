package org.relief.dispatch.service;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.relief.dispatch.domain.VehicleKind;
import org.relief.dispatch.projection.CarrierView;
import org.relief.dispatch.projection.VehicleView;
import org.relief.kernel.security.CallerScope;
import org.relief.kernel.web.ProblemException;

/**
 * Carriers and vehicles as the caller may see them (read models, in the caller's transaction). Something outside the
 * caller's scope answers 404 exactly like an unknown id.
 */
@ApplicationScoped
public class FleetQueries {

    /** Vehicle filters; null means any. */
    public record VehicleFilter(VehicleKind kind, String district, Boolean available, String carrierId) {}

    /** Ops: every organisation's; else the caller's organisation's. */
    public List<CarrierView> carriers(CallerScope scope) {
        String organisationId = scope.isOps() ? null : scope.organisationId();
        return organisationId == null
                ? CarrierView.list("order by name, id")
                : CarrierView.list("organisationId = ?1 order by name, id", organisationId);
    }

    public CarrierView carrier(String id, CallerScope scope) {
        CarrierView c = id == null ? null : CarrierView.findById(id);
        if (c == null || !scope.mayAccess(c.organisationId)) {
            throw ProblemException.notFound("carrier", id);
        }
        return c;
    }

    /** Ops: every organisation's; else the caller's organisation's. */
    public List<VehicleView> vehicles(CallerScope scope, VehicleFilter f) {
        String organisationId = scope.isOps() ? null : scope.organisationId();
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        if (organisationId != null) {
            where.add("organisationId = :org");
            p.and("org", organisationId);
        }
        if (f.kind() != null) {
            where.add("kind = :kind");
            p.and("kind", f.kind().name());
        }
        if (f.district() != null && !f.district().isBlank()) {
            where.add("homeDistrict = :district");
            p.and("district", f.district().strip());
        }
        if (f.available() != null) {
            where.add("available = :available");
            p.and("available", f.available());
        }
        if (f.carrierId() != null && !f.carrierId().isBlank()) {
            where.add("carrierId = :carrier");
            p.and("carrier", f.carrierId());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by plate";
        return VehicleView.list(query, p);
    }

    public VehicleView vehicle(String id, CallerScope scope) {
        VehicleView v = id == null ? null : VehicleView.findById(id);
        if (v == null || !scope.mayAccess(v.organisationId)) {
            throw ProblemException.notFound("vehicle", id);
        }
        return v;
    }
}
