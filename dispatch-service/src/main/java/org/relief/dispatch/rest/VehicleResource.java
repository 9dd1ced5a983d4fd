package org.relief.dispatch.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.dispatch.domain.Texts;
import org.relief.dispatch.domain.Vehicle;
import org.relief.dispatch.domain.VehicleKind;
import org.relief.dispatch.projection.VehicleView;
import org.relief.dispatch.service.FleetQueries;
import org.relief.dispatch.service.FleetService;
import org.relief.dispatch.service.TripQueries;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.domain.TimeWindow;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.web.IdempotencyKeys;

/** Vehicles of the caller's carriers: registration, availability and dispatch windows. */
@Path("/vehicles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Vehicles")
@RolesAllowed({Roles.DISPATCHER, Roles.OPS})
public class VehicleResource {
    public static final String OPERATION = "vehicles";

    private final FleetService fleet;
    private final FleetQueries fleetQueries;
    private final Caller caller;
    private final SecurityIdentity identity;
    private final TripQueries trips;

    @Inject
    public VehicleResource(
            FleetService fleet,
            FleetQueries fleetQueries,
            Caller caller,
            SecurityIdentity identity,
            TripQueries trips) {
        this.fleet = fleet;
        this.fleetQueries = fleetQueries;
        this.caller = caller;
        this.identity = identity;
        this.trips = trips;
    }

    @Schema(name = "RegisterVehicle")
    public record Body(
            @NotBlank @Size(max = 100) String carrierId,
            @NotNull VehicleKind kind,
            @Schema(example = "陕A·12345") @NotBlank @Size(max = 20) String plate,
            @Schema(example = "8000") @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("60000")
                    BigDecimal payloadKg,
            @Schema(example = "30") @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("200")
                    BigDecimal volumeM3,
            @NotNull @Min(1) @Max(60) Integer seats,
            boolean wheelchairAccessible,
            @Schema(example = "雁塔区") @NotBlank @Size(max = 100) String homeDistrict,
            @Schema(example = "王师傅") @Size(max = 100) String driverName,
            @Schema(example = "13800138000") @Size(max = 30) @Pattern(regexp = CarrierResource.PHONE)
                    String driverPhone) {}

    @Schema(name = "ChangeAvailability")
    public record DutyBody(@NotNull Boolean available, @Schema(example = "发动机故障") @Size(max = 500) String reason) {}

    @Schema(name = "Window")
    public record WindowDto(@NotNull Instant from, @NotNull Instant to) {}

    @Schema(name = "SetWindows")
    public record WindowsBody(@NotNull @Size(max = Vehicle.MAX_WINDOWS) List<@Valid @NotNull WindowDto> windows) {}

    @Schema(name = "Vehicle")
    public record Dto(
            String id,
            String carrierId,
            String organisationId,
            VehicleKind kind,
            String plate,
            BigDecimal payloadKg,
            BigDecimal volumeM3,
            int seats,
            boolean wheelchairAccessible,
            String homeDistrict,
            String driverName,
            String driverPhone,
            boolean available,
            String availabilityReason,
            List<WindowDto> windows,
            java.time.Instant driverDataErasedAt) {
        static Dto of(VehicleView v) {
            return new Dto(
                    v.id,
                    v.carrierId,
                    v.organisationId,
                    VehicleKind.valueOf(v.kind),
                    v.plate,
                    plain(v.payloadKg),
                    plain(v.volumeM3),
                    v.seats,
                    v.wheelchairAccessible,
                    v.homeDistrict,
                    v.driverName,
                    v.driverPhone,
                    v.available,
                    v.availabilityReason,
                    v.windows.stream().map(w -> new WindowDto(w.from(), w.to())).toList(),
                    v.driverDataErasedAt);
        }
    }

    @Schema(name = "EraseDriverData")
    public record ErasureBody(@Schema(example = "司机本人要求删除个人信息") @NotBlank @Size(max = 500) String reason) {}

    static final String REGISTER_EXAMPLE_ZH =
            """
            {"carrierId": "7c2e4f10-3b5a-4d8e-9f61-2a8b0c4d5e71", "kind": "TRUCK", "plate": "陕A·12345",
             "payloadKg": 8000, "volumeM3": 30, "seats": 2, "wheelchairAccessible": false,
             "homeDistrict": "雁塔区", "driverName": "王师傅", "driverPhone": "13800138000"}""";
    static final String REGISTER_EXAMPLE_EN =
            """
            {"carrierId": "4a9d2e6b-8c1f-4e3a-b5d7-9e0f1a2b3c64", "kind": "TAXI", "plate": "陕A·T6789",
             "payloadKg": 300, "volumeM3": 1.5, "seats": 4, "wheelchairAccessible": true,
             "homeDistrict": "Beilin", "driverName": "Zhang Wei", "driverPhone": "+86 139 2900 1234"}""";

    @POST
    @Operation(summary = "Register a vehicle of one of the caller's carriers")
    @APIResponse(
            responseCode = "201",
            content = @Content(schema = @Schema(implementation = Dto.class)),
            description = "Registered (or, with header Idempotent-Replayed: true, the "
                    + "vehicle an earlier POST with the same Idempotency-Key registered)")
    @APIResponse(responseCode = "400", description = "Invalid fields or plate (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown carrier, or another organisation's (problem+json)")
    @APIResponse(responseCode = "409", description = "The plate is already registered (problem+json)")
    @APIResponse(
            responseCode = "422",
            description = "Idempotency-Key already used with a different body (problem+json)")
    public Response register(
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "货运公司登记一辆 8 吨货车",
                                                        value = REGISTER_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "A wheelchair-accessible taxi of a taxi company",
                                                        value = REGISTER_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    Body body,
            @Parameter(description = IdempotencyKeys.HEADER_DOC) @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey,
            @Context UriInfo uri) {
        // the carrier decides the organisation; ops' keys are their own
        String scope = IdempotencyKeys.scope(caller.isOps() ? null : caller.organisationId(), identity);
        var key = IdempotencyKeys.of(scope, OPERATION, idempotencyKey, body);
        var spec = new Vehicle.Spec(
                body.carrierId(),
                null,
                body.kind(),
                body.plate(),
                body.payloadKg(),
                body.volumeM3(),
                body.seats(),
                body.wheelchairAccessible(),
                body.homeDistrict(),
                body.driverName(),
                body.driverPhone());
        var outcome =
                fleet.registerVehicle(spec, caller.scope(), key, EventContext.command(null, caller.actor(), null));
        VehicleView v = outcome.value();
        return IdempotencyKeys.created(uri.getAbsolutePathBuilder().path(v.id).build(), Dto.of(v), outcome.replayed());
    }

    @GET
    @Transactional
    @Operation(summary = "The vehicles the caller may see, filtered (dispatcher: own organisation's; ops: all)")
    @APIResponse(responseCode = "200", description = "The vehicles")
    @APIResponse(responseCode = "400", description = "Unknown kind or a non-boolean available (problem+json)")
    public List<Dto> list(
            @Parameter(description = "TRUCK, VAN or TAXI") @QueryParam("kind") String kind,
            @Parameter(description = "home district, e.g. 雁塔区") @QueryParam("district") String district,
            @Parameter(description = "true or false") @QueryParam("available") String available,
            @QueryParam("carrierId") String carrierId) {
        var filter = new FleetQueries.VehicleFilter(kind(kind), district, bool(available), carrierId);
        return fleetQueries.vehicles(caller.scope(), filter).stream()
                .map(Dto::of)
                .toList();
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(summary = "One vehicle")
    @APIResponse(responseCode = "200", description = "The vehicle")
    @APIResponse(responseCode = "404", description = "Unknown vehicle, or another organisation's (problem+json)")
    public Dto get(@PathParam("id") String id) {
        return Dto.of(fleetQueries.vehicle(id, caller.scope()));
    }

    @GET
    @Path("{id}/bookings")
    @Transactional
    @Operation(
            summary = "The vehicle's bookings: its trips and the periods they hold it (to null: until the trip ends)")
    @APIResponse(responseCode = "200", description = "Its bookings, earliest first")
    @APIResponse(responseCode = "404", description = "Unknown vehicle, or another organisation's (problem+json)")
    public List<TripQueries.BookingView> bookings(@PathParam("id") String id) {
        fleetQueries.vehicle(id, caller.scope());
        return trips.bookingsOf(id);
    }

    static final String DUTY_EXAMPLE_ZH = """
            {"available": false, "reason": "发动机故障，送修"}""";
    static final String DUTY_EXAMPLE_EN = """
            {"available": true, "reason": "Repaired; back on duty"}""";

    @POST
    @Path("{id}/availability")
    @Operation(summary = "Take a vehicle off duty or put it back")
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "404", description = "Unknown vehicle, or another organisation's (problem+json)")
    @APIResponse(responseCode = "409", description = "The vehicle already is what was asked (problem+json)")
    public Dto duty(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "车辆故障，停止调度",
                                                        value = DUTY_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Back on duty after repair",
                                                        value = DUTY_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    DutyBody body) {
        return Dto.of(fleet.setOnDuty(
                id, body.available(), body.reason(), caller.scope(), EventContext.command(null, caller.actor(), null)));
    }

    static final String ERASURE_EXAMPLE_ZH = """
            {"reason": "司机本人要求删除个人信息"}""";
    static final String ERASURE_EXAMPLE_EN =
            """
            {"reason": "The driver asked for his name and phone number to be deleted"}""";

    @POST
    @Path("{id}/driver-data-erasure")
    @Operation(
            summary = "Erase the driver's name and phone",
            description =
                    "Once the vehicle is off duty and carries "
                            + "no scheduled or picked-up trip: deletes the vehicle's data key here and, through personal-data.keys.v1, "
                            + "on every service (crypto-shredding). driverName and driverPhone then read \"[erased]\" in every answer of "
                            + "every service (vehicles, trips, requests' timelines); trips and figures stay. A repeat changes nothing.")
    @APIResponse(responseCode = "200", description = "Erased; the vehicle as it now stands")
    @APIResponse(responseCode = "404", description = "Unknown vehicle, or another organisation's (problem+json)")
    @APIResponse(responseCode = "409", description = "On duty or still carrying a trip (problem+json)")
    public Dto eraseDriverData(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "司机要求删除个人信息",
                                                        value = ERASURE_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "The driver asked to be erased",
                                                        value = ERASURE_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    ErasureBody body) {
        return Dto.of(fleet.eraseDriverData(
                id, body.reason(), caller.scope(), EventContext.command(null, caller.actor(), null)));
    }

    static final String WINDOWS_EXAMPLE_ZH =
            """
            {"windows": [{"from": "2026-12-02T00:00:00Z", "to": "2026-12-02T10:00:00Z"},
                         {"from": "2026-12-03T00:00:00Z", "to": "2026-12-03T10:00:00Z"}]}""";
    static final String WINDOWS_EXAMPLE_EN =
            """
            {"windows": [{"from": "2026-12-02T14:00:00Z", "to": "2026-12-02T22:00:00Z"}]}""";

    @PUT
    @Path("{id}/windows")
    @Operation(summary = "Replace the vehicle's dispatch windows (from before to, none overlapping, at most 50)")
    @APIResponse(responseCode = "200", description = "Set")
    @APIResponse(responseCode = "400", description = "Invalid or overlapping windows (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown vehicle, or another organisation's (problem+json)")
    public Dto setWindows(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "两天，每天北京时间 8:00–18:00 可调度",
                                                        value = WINDOWS_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "One night shift, 22:00–06:00 Beijing time",
                                                        value = WINDOWS_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    WindowsBody body) {
        List<TimeWindow> windows = body.windows().stream()
                .map(w -> new TimeWindow(w.from(), w.to()))
                .toList();
        return Dto.of(fleet.setWindows(id, windows, caller.scope(), EventContext.command(null, caller.actor(), null)));
    }

    /** 8000 rather than 8000.000 (the column's scale) or 8E+3 */
    private static BigDecimal plain(BigDecimal d) {
        return new BigDecimal(d.stripTrailingZeros().toPlainString());
    }

    private static VehicleKind kind(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return VehicleKind.valueOf(raw.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalid(Texts.of("vehicle.kind-invalid"));
        }
    }

    private static Boolean bool(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw RuleViolation.invalid(Texts.of("vehicle.available-filter"));
    }
}
