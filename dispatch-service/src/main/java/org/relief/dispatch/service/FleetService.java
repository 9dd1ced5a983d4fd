package org.relief.dispatch.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relief.dispatch.domain.Carrier;
import org.relief.dispatch.domain.CarrierEvent;
import org.relief.dispatch.domain.CarrierKind;
import org.relief.dispatch.domain.Texts;
import org.relief.dispatch.domain.Vehicle;
import org.relief.dispatch.domain.VehicleEvent;
import org.relief.dispatch.projection.CarrierView;
import org.relief.dispatch.projection.FleetProjector;
import org.relief.dispatch.projection.VehicleView;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.domain.TimeWindow;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.personaldata.DataSubjects;
import org.relief.kernel.runtime.TransactionRunner;
import org.relief.kernel.security.CallerScope;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.kernel.web.ProblemException;

/**
 * Carriers and their vehicles: event-sourced (streams {@code carrier-<id>}, {@code vehicle-<id>}). Every method takes
 * the caller's scope ({@link CallerScope}): something outside it answers 404 exactly like an unknown id.
 */
@ApplicationScoped
public class FleetService {
    private final EventStore eventStore;
    private final ObjectMapper json;
    private final FleetProjector projector;
    private final DataSubjects dataSubjects;
    private final TransactionRunner runner;
    private final DispatchQueue queue;
    private final FleetQueries queries;

    /** the service's one clock (kernel KernelBeans): tests move it instead of waiting */
    private final Clock clock;

    private EventSourcedRepository<Carrier, CarrierEvent> carriers;
    private EventSourcedRepository<Vehicle, VehicleEvent> vehicles;

    @Inject
    public FleetService(
            EventStore eventStore,
            ObjectMapper json,
            FleetProjector projector,
            DataSubjects dataSubjects,
            TransactionRunner runner,
            DispatchQueue queue,
            FleetQueries queries,
            Clock clock) {
        this.eventStore = eventStore;
        this.json = json;
        this.projector = projector;
        this.dataSubjects = dataSubjects;
        this.runner = runner;
        this.queue = queue;
        this.queries = queries;
        this.clock = clock;
    }

    @PostConstruct
    void init() {
        carriers = new EventSourcedRepository<>(
                eventStore, "carrier", new EventCodec<>(CarrierEvent.class, json), Carrier::new, projector::carrier);
        vehicles = new EventSourcedRepository<>(
                eventStore, "vehicle", new EventCodec<>(VehicleEvent.class, json), Vehicle::new, projector::vehicle);
    }

    public IdempotencyKeys.Outcome<CarrierView> registerCarrier(
            String organisationId,
            String name,
            CarrierKind kind,
            String association,
            String contactPhone,
            IdempotencyKeys.Key idempotencyKey,
            EventContext ctx) {
        return runner.inTransaction(c -> {
            Optional<String> earlier = IdempotencyKeys.earlier(c, idempotencyKey);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(CarrierView.<CarrierView>findById(earlier.get()));
            }
            Carrier carrier = Carrier.register(organisationId, name, kind, association, contactPhone, clock);
            earlier = IdempotencyKeys.claim(c, idempotencyKey, carrier.id());
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(CarrierView.<CarrierView>findById(earlier.get()));
            }
            carriers.save(c, carrier, ctx.withCorrelation(carrier.id()));
            return IdempotencyKeys.Outcome.created(CarrierView.<CarrierView>findById(carrier.id()));
        });
    }

    /**
     * A plate already registered is a 409 (checked here for a clear answer, guarded by the unique index for races).
     * The key is looked up first, so a retry of a registration that succeeded gets the vehicle, not that 409.
     */
    public IdempotencyKeys.Outcome<VehicleView> registerVehicle(
            Vehicle.Spec spec, CallerScope scope, IdempotencyKeys.Key idempotencyKey, EventContext ctx) {
        var outcome = register(spec, scope, idempotencyKey, ctx);
        if (!outcome.replayed()) {
            queue.retrySoon(); // a new vehicle may take a waiting trip
        }
        return outcome;
    }

    private IdempotencyKeys.Outcome<VehicleView> register(
            Vehicle.Spec spec, CallerScope scope, IdempotencyKeys.Key idempotencyKey, EventContext ctx) {
        return runner.inTransaction(c -> {
            Optional<String> earlier = IdempotencyKeys.earlier(c, idempotencyKey);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(VehicleView.<VehicleView>findById(earlier.get()));
            }
            CarrierView carrier = carrier(spec.carrierId(), scope);
            Vehicle.Spec owned = new Vehicle.Spec(
                    carrier.id,
                    carrier.organisationId,
                    spec.kind(),
                    spec.plate(),
                    spec.payloadKg(),
                    spec.volumeM3(),
                    spec.seats(),
                    spec.wheelchairAccessible(),
                    spec.homeDistrict(),
                    spec.driverName(),
                    spec.driverPhone());
            String id = UUID.randomUUID().toString();
            // the driver is the vehicle's data subject: its own key seals their name and phone
            Vehicle vehicle = Vehicle.register(id, owned, clock, dataSubjects.open(c, id, ctx.withCorrelation(id)));
            String plate = Vehicle.normalisePlate(spec.plate());
            if (VehicleView.count("plate", plate) > 0) {
                throw RuleViolation.conflict(Texts.of("vehicle.plate-taken", plate));
            }
            earlier = IdempotencyKeys.claim(c, idempotencyKey, vehicle.id());
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(VehicleView.<VehicleView>findById(earlier.get()));
            }
            vehicles.save(c, vehicle, ctx.withCorrelation(vehicle.id()));
            return IdempotencyKeys.Outcome.created(VehicleView.<VehicleView>findById(vehicle.id()));
        });
    }

    /**
     * Erases the driver's name and phone of a vehicle that is off duty and carries no trip (409 otherwise). A repeat
     * changes nothing and answers the same.
     */
    public VehicleView eraseDriverData(String vehicleId, String reason, CallerScope scope, EventContext ctx) {
        return runner.inTransaction(c -> {
            vehicle(vehicleId, scope);
            Vehicle v = vehicles.load(c, vehicleId).orElseThrow(() -> ProblemException.notFound("vehicle", vehicleId));
            long carrying = ((Number) VehicleView.getEntityManager()
                            .createNativeQuery(
                                    "select count(*) from trip_view where vehicle_id = ?1 and status in ('SCHEDULED', 'PICKED_UP')")
                            .setParameter(1, vehicleId)
                            .getSingleResult())
                    .longValue();
            if (v.eraseDriverData(reason, ctx.actor(), carrying > 0, clock)) {
                EventContext context = ctx.withCorrelation(vehicleId);
                vehicles.save(c, v, context);
                dataSubjects.erase(c, vehicleId, reason.strip(), clock.instant(), context);
            }
            return VehicleView.<VehicleView>findById(vehicleId);
        });
    }

    /** On or off duty; back on duty, it may take a waiting trip. */
    public VehicleView setOnDuty(
            String vehicleId, boolean available, String reason, CallerScope scope, EventContext ctx) {
        VehicleView view = runner.inTransaction(c -> {
            vehicle(vehicleId, scope);
            Vehicle v = vehicles.load(c, vehicleId).orElseThrow(() -> ProblemException.notFound("vehicle", vehicleId));
            v.setOnDuty(available, reason, clock);
            vehicles.save(c, v, ctx.withCorrelation(vehicleId));
            return VehicleView.<VehicleView>findById(vehicleId);
        });
        if (available) {
            queue.retrySoon();
        }
        return view;
    }

    public VehicleView setWindows(String vehicleId, List<TimeWindow> windows, CallerScope scope, EventContext ctx) {
        VehicleView view = runner.inTransaction(c -> {
            vehicle(vehicleId, scope);
            Vehicle v = vehicles.load(c, vehicleId).orElseThrow(() -> ProblemException.notFound("vehicle", vehicleId));
            v.setWindows(windows, clock);
            vehicles.save(c, v, ctx.withCorrelation(vehicleId));
            return VehicleView.<VehicleView>findById(vehicleId);
        });
        queue.retrySoon(); // new windows may fit a waiting trip
        return view;
    }

    private CarrierView carrier(String id, CallerScope scope) {
        return queries.carrier(id, scope);
    }

    private VehicleView vehicle(String id, CallerScope scope) {
        return queries.vehicle(id, scope);
    }
}
