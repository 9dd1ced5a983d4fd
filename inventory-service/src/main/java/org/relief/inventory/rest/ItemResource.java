package org.relief.inventory.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
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
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.inventory.domain.ItemCategory;
import org.relief.inventory.projection.ItemView;
import org.relief.inventory.service.CatalogueService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.web.IdempotencyKeys;

@Path("/items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Item catalogue")
public class ItemResource {
    /** the Idempotency-Key operation name */
    public static final String OPERATION = "items";

    private final CatalogueService catalogue;
    private final Caller caller;
    private final SecurityIdentity identity;

    @Inject
    public ItemResource(CatalogueService catalogue, Caller caller, SecurityIdentity identity) {
        this.catalogue = catalogue;
        this.caller = caller;
        this.identity = identity;
    }

    @Schema(name = "RegisterItem")
    public record Body(
            @Schema(example = "n95-mask") @NotNull @Pattern(regexp = "^[a-z0-9-]{1,64}$") String code,
            @Schema(example = "N95 口罩") @NotBlank @Size(max = 100) String nameZh,
            @Schema(example = "N95 mask") @NotBlank @Size(max = 100) String nameEn,
            @NotNull ItemCategory category,
            @Schema(example = "piece") @NotBlank @Size(max = 20) String unit,
            @Schema(example = "0.01") @NotNull @PositiveOrZero @DecimalMax("100000") BigDecimal unitWeightKg,
            @Schema(example = "0.0002") @NotNull @PositiveOrZero @DecimalMax("1000") BigDecimal unitVolumeM3,
            @NotNull Boolean perishable) {}

    @Schema(name = "Item")
    public record Dto(
            String code,
            String nameZh,
            String nameEn,
            String category,
            String unit,
            BigDecimal unitWeightKg,
            BigDecimal unitVolumeM3,
            boolean perishable) {
        static Dto of(ItemView v) {
            return new Dto(
                    v.code, v.nameZh, v.nameEn, v.category, v.unit, v.unitWeightKg, v.unitVolumeM3, v.perishable);
        }
    }

    static final String REGISTER_EXAMPLE_ZH =
            """
            {"code": "vegetable-pack", "nameZh": "蔬菜包", "nameEn": "Vegetable pack",
             "category": "FOOD", "unit": "bag", "unitWeightKg": 5, "unitVolumeM3": 0.02, "perishable": true}""";
    static final String REGISTER_EXAMPLE_EN =
            """
            {"code": "hand-sanitiser-500ml", "nameZh": "免洗手消毒液 500 毫升", "nameEn": "Hand sanitiser 500 ml",
             "category": "DAILY_NECESSITIES", "unit": "bottle", "unitWeightKg": 0.55, "unitVolumeM3": 0.0006,
             "perishable": false}""";

    @POST
    @RolesAllowed(Roles.OPS)
    @Operation(
            summary = "Add an item to the catalogue (ops)",
            description = "The code is the item's identity, used in "
                    + "help request lines and donations (lowercase a-z, 0-9 and -).")
    @APIResponse(
            responseCode = "201",
            content = @Content(schema = @Schema(implementation = Dto.class)),
            description = "Registered (or, with header Idempotent-Replayed: true, the "
                    + "item an earlier POST with the same Idempotency-Key registered)")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    @APIResponse(responseCode = "409", description = "The code is already taken (problem+json)")
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
                                                        summary = "蔬菜包（易腐食品，按袋计）",
                                                        value = REGISTER_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Hand sanitiser, counted in bottles",
                                                        value = REGISTER_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    Body body,
            @Parameter(description = IdempotencyKeys.HEADER_DOC) @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey,
            @Context UriInfo uri) {
        var key = IdempotencyKeys.of(IdempotencyKeys.scope(null, identity), OPERATION, idempotencyKey, body);
        var outcome = catalogue.registerItem(
                body.code(),
                body.nameZh().strip(),
                body.nameEn().strip(),
                body.category(),
                body.unit().strip(),
                body.unitWeightKg(),
                body.unitVolumeM3(),
                body.perishable(),
                key,
                EventContext.command(null, caller.actor(), null));
        ItemView v = outcome.value();
        return IdempotencyKeys.created(
                uri.getAbsolutePathBuilder().path(v.code).build(), Dto.of(v), outcome.replayed());
    }

    @GET
    @Authenticated
    @Transactional
    @Operation(
            summary = "The catalogue",
            description = "Every item donations and requests may name: its code, Chinese and English names, category, "
                    + "unit, unit weight and volume (what trips are planned with), and whether it is perishable. Any signed-in "
                    + "caller may read it.")
    @APIResponse(responseCode = "200", description = "The catalogue")
    public List<Dto> list() {
        return catalogue.items().stream().map(Dto::of).toList();
    }

    @GET
    @Authenticated
    @Path("{code}")
    @Transactional
    @Operation(
            summary = "One catalogue item",
            description = "The item with this code (codes are case-sensitive, as registered).")
    @APIResponse(responseCode = "200", description = "The item")
    @APIResponse(responseCode = "404", description = "Unknown item (problem+json)")
    public Dto get(@PathParam("code") String code) {
        return Dto.of(catalogue.item(code));
    }
}
