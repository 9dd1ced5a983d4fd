package org.relief.dispatch.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.util.List;
import org.hibernate.exception.ConstraintViolationException;
import org.relief.dispatch.domain.CarrierEvent;
import org.relief.dispatch.domain.Texts;
import org.relief.dispatch.domain.VehicleEvent;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.StoredEvent;

/** Keeps the carrier and vehicle read models in step with their events, in the appending transaction. */
@ApplicationScoped
public class FleetProjector {
    static final String PLATE_INDEX = "vehicle_view_plate";

    public void carrier(String id, StoredEvent stored, CarrierEvent event) {
        if (event instanceof CarrierEvent.Registered r) {
            CarrierView v = new CarrierView();
            v.id = r.carrierId();
            v.organisationId = r.organisationId();
            v.name = r.name();
            v.kind = r.kind().name();
            v.association = r.association();
            v.contactPhone = r.contactPhone();
            v.registeredAt = r.registeredAt();
            v.version = stored.version();
            v.persist();
        }
    }

    public void vehicle(String id, StoredEvent stored, VehicleEvent event) {
        if (event instanceof VehicleEvent.Registered r) {
            VehicleView v = new VehicleView();
            v.id = r.vehicleId();
            v.carrierId = r.carrierId();
            v.organisationId = r.organisationId();
            v.kind = r.kind().name();
            v.plate = r.plate();
            v.payloadKg = r.payloadKg();
            v.volumeM3 = r.volumeM3();
            v.seats = r.seats();
            v.wheelchairAccessible = r.wheelchairAccessible();
            v.homeDistrict = r.homeDistrict();
            v.driverName = r.driverName();
            v.driverPhone = r.driverPhone();
            v.available = true;
            v.windows = List.of();
            v.registeredAt = r.registeredAt();
            v.version = stored.version();
            persistGuardingPlate(v);
        } else if (event instanceof VehicleEvent.AvailabilityChanged a) {
            VehicleView v = VehicleView.findById(id);
            v.available = a.available();
            v.availabilityReason = a.reason();
            v.version = stored.version();
        } else if (event instanceof VehicleEvent.DriverDataErased e) {
            VehicleView v = VehicleView.findById(id);
            v.driverDataErasedAt = e.erasedAt();
            v.version = stored.version();
        } else if (event instanceof VehicleEvent.WindowsSet w) {
            VehicleView v = VehicleView.findById(id);
            v.windows = w.windows();
            v.version = stored.version();
        }
    }

    /**
     * Flushes now so that the unique plate index speaks inside this transaction: a concurrent registration of the
     * same plate that passed the service's check becomes a 409 and rolls back with its event.
     */
    private static void persistGuardingPlate(VehicleView v) {
        try {
            v.persistAndFlush();
        } catch (PersistenceException e) {
            if (violates(e, PLATE_INDEX)) {
                throw RuleViolation.conflict(Texts.of("vehicle.plate-taken", v.plate));
            }
            throw e;
        }
    }

    private static boolean violates(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException c && constraint.equals(c.getConstraintName())) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains(constraint)) {
                return true;
            }
        }
        return false;
    }
}
