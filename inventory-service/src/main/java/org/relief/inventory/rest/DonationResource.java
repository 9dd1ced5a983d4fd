package org.relief.inventory.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.inventory.domain.DonatedLot;
import org.relief.inventory.projection.DonationView;
import org.relief.inventory.service.DonationService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.web.Csv;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.kernel.web.PageQuery;
import org.relief.kernel.web.PagedList;
import org.relief.kernel.web.ProblemException;

@Path("/donations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Donations")
public class DonationResource {
    /** the Idempotency-Key operation name */
    public static final String OPERATION = "donations";

    static final String EXAMPLE_ZH =
            """
            {"warehouseId": "5b0e7c1e-2f4a-4d1e-9c59-7c3d2a1b0f11", "valueYuan": 180000,
             "note": "西安市工商联会员企业捐赠，已消毒",
             "lines": [{"item": "n95-mask", "quantity": 52000, "lotCode": "L-2"},
                       {"item": "protective-suit", "quantity": 3000, "lotCode": "防护服-第1批"}]}""";
    static final String EXAMPLE_EN =
            """
            {"donorOrganisationId": "xian-chamber-of-commerce",
             "warehouseId": "5b0e7c1e-2f4a-4d1e-9c59-7c3d2a1b0f11", "valueYuan": 180000,
             "note": "Donated by member companies of the chamber; disinfected",
             "lines": [{"item": "n95-mask", "quantity": 52000, "lotCode": "L-2"},
                       {"item": "milk-powder", "quantity": 400, "lotCode": "MP-7", "expiresOn": "2022-09-30"}]}""";

    private final DonationService donations;
    private final Caller caller;
    private final SecurityIdentity identity;
    private final ZoneId zone;

    @Inject
    public DonationResource(
            DonationService donations,
            Caller caller,
            SecurityIdentity identity,
            @ConfigProperty(name = "relief.local-zone") ZoneId zone) {
        this.donations = donations;
        this.caller = caller;
        this.identity = identity;
        this.zone = zone;
    }

    @Schema(name = "ReceiveDonation")
    public record Body(
            @Schema(
                            description =
                                    "a donor's own organisation (taken from the token when absent; another one is "
                                            + "refused with 403); ops must name it",
                            example = "xian-chamber-of-commerce")
                    @Size(max = 64)
                    String donorOrganisationId,
            @NotBlank @Size(max = 64) String warehouseId,
            @Schema(example = "180000") @PositiveOrZero @DecimalMax("100000000000") BigDecimal valueYuan,
            @Schema(example = "商会采购的 N95 口罩") @Size(max = 4000) String note,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull Line> lines) {
        /** The same body acting for {@code donor} (what an Idempotency-Key's body hash covers). */
        Body forDonor(String donor) {
            return new Body(donor, warehouseId, valueYuan, note, lines);
        }
    }

    @Schema(name = "DonatedLine")
    public record Line(
            @Schema(example = "n95-mask") @NotBlank @Size(max = 64) String item,
            @Schema(
                            description =
                                    "in the item's catalogue unit; a whole number when that unit is counted (piece, "
                                            + "box, bag, bottle, pair, ...)",
                            example = "52000")
                    @NotNull
                    @Positive
                    @DecimalMax("100000000")
                    BigDecimal quantity,
            @Schema(example = "L-2") @Size(max = 64) String lotCode,
            @Schema(description = "required for perishable items", example = "2022-03-01") LocalDate expiresOn) {}

    @Schema(name = "Donation")
    public record Dto(
            String donationId,
            String donorOrganisationId,
            String warehouseId,
            BigDecimal valueYuan,
            String note,
            List<Lot> lots,
            Instant receivedAt) {
        static Dto of(DonationView v) {
            return new Dto(
                    v.donationId,
                    v.donorOrganisationId,
                    v.warehouseId,
                    v.valueYuan,
                    v.note,
                    v.lots.stream().map(Lot::of).toList(),
                    v.receivedAt);
        }
    }

    public record Lot(String lotId, String item, BigDecimal quantity, String lotCode, LocalDate expiresOn) {
        static Lot of(DonatedLot l) {
            return new Lot(l.lotId(), l.item(), l.quantity(), l.lotCode(), l.expiresOn());
        }
    }

    @POST
    @RolesAllowed({Roles.DONOR, Roles.OPS})
    @Operation(
            summary = "Receive a donation (donor for its own organisation, or ops)",
            description = "Each line becomes a lot in the warehouse's stock ledger; the received units are then "
                    + "allocated to waiting reservations first, in queue order, in the same transaction.")
    @APIResponse(
            responseCode = "201",
            content = @Content(schema = @Schema(implementation = Dto.class)),
            description = "Received; the body lists the lots (or, with header "
                    + "Idempotent-Replayed: true, the donation an earlier POST with the same Idempotency-Key created)")
    @APIResponse(
            responseCode = "400",
            description = "Invalid fields, unknown warehouse or item, missing expiry of a "
                    + "perishable item, a fractional quantity of an item counted in whole units (problem+json naming the field, e.g. "
                    + "lines[0].item or lines[0].quantity)")
    @APIResponse(responseCode = "403", description = "A donor naming another organisation as donor")
    @APIResponse(
            responseCode = "422",
            description = "Idempotency-Key already used with a different body (problem+json)")
    public Response receive(
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "商会向雁塔区仓库捐赠口罩和防护服",
                                                        value = EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "A chamber of commerce donates masks and gowns",
                                                        value = EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    Body body,
            @Parameter(description = IdempotencyKeys.HEADER_DOC) @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey,
            @Context UriInfo uri) {
        IdempotencyKeys.checked(idempotencyKey);
        String donor = caller.actingFor(
                body.donorOrganisationId() == null
                        ? null
                        : body.donorOrganisationId().strip());
        // keys are the donor organisation's; a retry with or without the donor's own organisation is the same body
        var key = IdempotencyKeys.of(
                IdempotencyKeys.scope(donor, identity), OPERATION, idempotencyKey, body.forDonor(donor));
        var outcome = donations.receive(
                donor,
                body.warehouseId().strip(),
                body.valueYuan(),
                body.note(),
                body.lines().stream()
                        .map(l -> new DonationService.Line(l.item().strip(), l.quantity(), l.lotCode(), l.expiresOn()))
                        .toList(),
                key,
                EventContext.command(null, caller.actor(), donor));
        DonationView v = outcome.value();
        return IdempotencyKeys.created(
                uri.getAbsolutePathBuilder().path(v.donationId).build(), Dto.of(v), outcome.replayed());
    }

    @GET
    @RolesAllowed({Roles.DONOR, Roles.OPS})
    @Transactional
    @Operation(
            summary = "Donations, newest first",
            description = "A donor sees its own organisation's donations; ops see all and may filter by "
                    + "donorOrganisationId. receivedFrom is inclusive, receivedTo exclusive (a date alone covers that whole "
                    + "day in the platform's local zone, Asia/Shanghai by default). size at most 200.")
    @APIResponse(responseCode = "200", description = "One page of donations")
    @APIResponse(responseCode = "400", description = "Invalid filter (problem+json naming the parameter)")
    @APIResponse(responseCode = "403", description = "A donor naming another organisation (problem+json)")
    public DonationPage list(@Valid @BeanParam DonationQuery q, @Valid @BeanParam PageQuery paging) {
        String donor = caller.readingFor(q.donorOrganisationId);
        DonationService.DonationPage found =
                donations.list(q.filter(donor, zone), paging.pageNumber(), paging.pageSize());
        return new DonationPage(
                found.items().stream().map(Dto::of).toList(), found.page(), found.size(), found.total());
    }

    @Schema(name = "DonationPage")
    public record DonationPage(List<Dto> items, int page, int size, long total) implements PagedList<Dto> {}

    static final List<String> EXPORT_COLUMNS = List.of(
            "donation_id",
            "donor_organisation_id",
            "warehouse_id",
            "received_at",
            "value_yuan",
            "item",
            "quantity",
            "lot_code",
            "expires_on",
            "note");

    @GET
    @Path("export")
    @Produces(Csv.MEDIA_TYPE)
    @RolesAllowed({Roles.DONOR, Roles.OPS})
    @Transactional
    @Operation(
            summary = "The caller's donations as a CSV sheet (a donor's record of what it gave)",
            description = "The same filters as the list (paging aside), newest first: one row per lot, the donation's "
                    + "value on its first row, times in the platform's local zone, UTF-8 with a byte order mark. At most "
                    + Csv.MAX_EXPORT + " donations: narrow a bigger export by receivedFrom/receivedTo.")
    @APIResponse(
            responseCode = "200",
            description = "The sheet (Content-Disposition: attachment)",
            content = @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid filter, or more than " + Csv.MAX_EXPORT + " donations match (problem+json)")
    @APIResponse(responseCode = "403", description = "A donor naming another organisation (problem+json)")
    public Response export(@Valid @BeanParam DonationQuery q) {
        String donor = caller.readingFor(q.donorOrganisationId);
        var filter = q.filter(donor, zone);
        List<DonationView> all =
                Csv.everyPage((n, size) -> donations.list(filter, n, size), "receivedFrom, receivedTo");
        List<List<?>> rows = new java.util.ArrayList<>();
        for (DonationView d : all) {
            boolean first = true;
            for (DonatedLot l : d.lots) {
                rows.add(java.util.Arrays.asList(
                        d.donationId,
                        d.donorOrganisationId,
                        d.warehouseId,
                        Csv.localTime(d.receivedAt, zone),
                        first ? d.valueYuan : null,
                        l.item(),
                        l.quantity(),
                        l.lotCode(),
                        l.expiresOn(),
                        first ? d.note : null));
                first = false;
            }
        }
        return Csv.attachment(Csv.write(EXPORT_COLUMNS, rows), "donations-" + java.time.LocalDate.now(zone) + ".csv");
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.DONOR, Roles.OPS})
    @Transactional
    @Operation(summary = "One donation with its lots (its donor organisation, or ops)")
    @APIResponse(responseCode = "200", description = "The donation with its lines")
    @APIResponse(responseCode = "404", description = "Unknown donation, or another organisation's (problem+json)")
    public Dto get(@PathParam("id") String id) {
        DonationView d = donations.get(id);
        if (!caller.mayAccess(d.donorOrganisationId)) {
            throw ProblemException.notFound("donation", id); // the same answer as unknown: no existence leak
        }
        return Dto.of(d);
    }
}
