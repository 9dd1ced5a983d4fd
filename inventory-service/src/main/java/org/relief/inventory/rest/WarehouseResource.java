package org.relief.inventory.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import org.relief.inventory.projection.WarehouseView;
import org.relief.inventory.service.CatalogueService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.web.IdempotencyKeys;

@Path("/warehouses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Warehouses")
public class WarehouseResource {
    /** the Idempotency-Key operation name */
    public static final String OPERATION = "warehouses";

    private final CatalogueService catalogue;
    private final Caller caller;
    private final SecurityIdentity identity;

    @Inject
    public WarehouseResource(CatalogueService catalogue, Caller caller, SecurityIdentity identity) {
        this.catalogue = catalogue;
        this.caller = caller;
        this.identity = identity;
    }

    @Schema(name = "RegisterWarehouse")
    public record Body(
            @Schema(example = "雁塔仓库") @NotBlank @Size(max = 100) String name,
            @Schema(example = "雁塔区") @NotBlank @Size(max = 100) String district,
            @Schema(example = "雁塔区丈八东路 1 号") @Size(max = 500) String address) {}

    @Schema(name = "Warehouse")
    public record Dto(String id, String name, String district, String address) {
        static Dto of(WarehouseView v) {
            return new Dto(v.id, v.name, v.district, v.address);
        }
    }

    static final String REGISTER_EXAMPLE_ZH =
            """
            {"name": "雁塔区应急物资仓库", "district": "雁塔区", "address": "雁塔区丈八东路 1 号"}""";
    static final String REGISTER_EXAMPLE_EN =
            """
            {"name": "Weiyang emergency supplies depot", "district": "Weiyang",
             "address": "1 Fengcheng 8th Road, Weiyang District"}""";

    @POST
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Register a warehouse (ops)")
    @APIResponse(
            responseCode = "201",
            content = @Content(schema = @Schema(implementation = Dto.class)),
            description = "Registered (or, with header Idempotent-Replayed: true, the "
                    + "warehouse an earlier POST with the same Idempotency-Key registered)")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
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
                                                        summary = "雁塔区应急物资仓库",
                                                        value = REGISTER_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "An emergency supplies depot in Weiyang",
                                                        value = REGISTER_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    Body body,
            @Parameter(description = IdempotencyKeys.HEADER_DOC) @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey,
            @Context UriInfo uri) {
        // ops act for no organisation here: the keys are the ops user's own
        var key = IdempotencyKeys.of(IdempotencyKeys.scope(null, identity), OPERATION, idempotencyKey, body);
        var outcome = catalogue.registerWarehouse(
                body.name(), body.district(), body.address(), key, EventContext.command(null, caller.actor(), null));
        WarehouseView v = outcome.value();
        return IdempotencyKeys.created(uri.getAbsolutePathBuilder().path(v.id).build(), Dto.of(v), outcome.replayed());
    }

    @GET
    @Authenticated
    @Transactional
    @Operation(
            summary = "All warehouses",
            description = "Every warehouse donations are received into and reservations are picked from, with its "
                    + "district and address (where trucks load). Any signed-in caller may read them.")
    @APIResponse(responseCode = "200", description = "The warehouses")
    public List<Dto> list() {
        return catalogue.warehouses().stream().map(Dto::of).toList();
    }

    @GET
    @Authenticated
    @Path("{id}")
    @Transactional
    @Operation(summary = "One warehouse", description = "The warehouse with this id.")
    @APIResponse(responseCode = "200", description = "The warehouse")
    @APIResponse(responseCode = "404", description = "Unknown warehouse (problem+json)")
    public Dto get(@PathParam("id") String id) {
        return Dto.of(catalogue.warehouse(id));
    }
}
