package org.relief.dispatch.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.dispatch.domain.CarrierKind;
import org.relief.dispatch.projection.CarrierView;
import org.relief.dispatch.service.FleetQueries;
import org.relief.dispatch.service.FleetService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.web.IdempotencyKeys;

/** Carrier organisations: dispatchers register and see their own organisation's, ops all. */
@Path("/carriers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Carriers")
@RolesAllowed({Roles.DISPATCHER, Roles.OPS})
public class CarrierResource {
    public static final String OPERATION = "carriers";
    static final String PHONE = "^\\+?[0-9][0-9 \\-]{4,28}$";

    private final FleetService fleet;
    private final FleetQueries fleetQueries;
    private final Caller caller;
    private final SecurityIdentity identity;

    @Inject
    public CarrierResource(FleetService fleet, FleetQueries fleetQueries, Caller caller, SecurityIdentity identity) {
        this.fleet = fleet;
        this.fleetQueries = fleetQueries;
        this.caller = caller;
        this.identity = identity;
    }

    @Schema(name = "RegisterCarrier")
    public record Body(
            @Schema(example = "西安顺达货运有限公司") @NotBlank @Size(max = 200) String name,
            @NotNull CarrierKind kind,
            @Schema(example = "西安市道路货物运输协会") @Size(max = 200) String association,
            @Schema(example = "029-88886666") @NotBlank @Size(max = 30) @Pattern(regexp = PHONE) String contactPhone,
            @Schema(description = "the organisation the carrier belongs to: defaults to the caller's; ops must name it")
                    @Size(max = 100)
                    String organisationId) {}

    @Schema(name = "Carrier")
    public record Dto(
            String id, String organisationId, String name, CarrierKind kind, String association, String contactPhone) {
        static Dto of(CarrierView v) {
            return new Dto(v.id, v.organisationId, v.name, CarrierKind.valueOf(v.kind), v.association, v.contactPhone);
        }
    }

    static final String REGISTER_EXAMPLE_ZH =
            """
            {"name": "西安顺达货运有限公司", "kind": "TRUCKING_COMPANY",
             "association": "西安市道路货物运输协会", "contactPhone": "029-88886666"}""";
    static final String REGISTER_EXAMPLE_EN =
            """
            {"name": "Xi'an Dahua Taxi Co.", "kind": "TAXI_COMPANY",
             "association": "Xi'an Taxi Association", "contactPhone": "+86 29 8765 4321",
             "organisationId": "xian-taxi-association"}""";

    @POST
    @Operation(summary = "Register a carrier organisation (dispatcher: for their own organisation; ops: for any)")
    @APIResponse(
            responseCode = "201",
            content = @Content(schema = @Schema(implementation = Dto.class)),
            description = "Registered (or, with header Idempotent-Replayed: true, the "
                    + "carrier an earlier POST with the same Idempotency-Key registered)")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    @APIResponse(responseCode = "403", description = "Naming another organisation (problem+json)")
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
                                                        summary = "货运公司经西安市道路货物运输协会登记",
                                                        value = REGISTER_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary =
                                                                "Ops register a taxi company for the taxi association",
                                                        value = REGISTER_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    Body body,
            @Parameter(description = IdempotencyKeys.HEADER_DOC) @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey,
            @Context UriInfo uri) {
        String org = caller.actingFor(body.organisationId());
        // hashed as it acts: a retry that leaves out the organisation the token implies is the same body
        Body acting = new Body(body.name(), body.kind(), body.association(), body.contactPhone(), org);
        var key = IdempotencyKeys.of(IdempotencyKeys.scope(org, identity), OPERATION, idempotencyKey, acting);
        var outcome = fleet.registerCarrier(
                org,
                body.name(),
                body.kind(),
                body.association(),
                body.contactPhone(),
                key,
                EventContext.command(null, caller.actor(), null));
        CarrierView v = outcome.value();
        return IdempotencyKeys.created(uri.getAbsolutePathBuilder().path(v.id).build(), Dto.of(v), outcome.replayed());
    }

    @GET
    @Transactional
    @Operation(summary = "The carriers the caller may see (dispatcher: own organisation's; ops: all)")
    public List<Dto> list() {
        return fleetQueries.carriers(caller.scope()).stream().map(Dto::of).toList();
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(summary = "One carrier")
    @APIResponse(responseCode = "200", description = "The carrier")
    @APIResponse(responseCode = "404", description = "Unknown carrier, or another organisation's (problem+json)")
    public Dto get(@PathParam("id") String id) {
        return Dto.of(fleetQueries.carrier(id, caller.scope()));
    }
}
