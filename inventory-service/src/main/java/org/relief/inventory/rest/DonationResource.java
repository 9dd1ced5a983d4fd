package org.relief.inventory.rest;

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
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.inventory.domain.DonatedLot;
import org.relief.inventory.projection.DonationView;
import org.relief.inventory.service.DonationService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.web.ProblemException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@Path("/donations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Donations")
public class DonationResource {
    @Inject
    DonationService donations;
    @Inject
    Caller caller;

    @Schema(name = "ReceiveDonation")
    public record Body(
            @Schema(description = "a donor's own organisation (taken from the token when absent; another one is "
                    + "refused with 403); ops must name it", example = "xian-chamber-of-commerce")
            @Size(max = 64) String donorOrganisationId,
            @NotBlank @Size(max = 64) String warehouseId,
            @Schema(example = "180000") @PositiveOrZero @DecimalMax("100000000000") BigDecimal valueYuan,
            @Schema(example = "商会采购的 N95 口罩") @Size(max = 4000) String note,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull Line> lines) {
    }

    @Schema(name = "DonatedLine")
    public record Line(
            @Schema(example = "n95-mask") @NotBlank @Size(max = 64) String item,
            @Schema(example = "52000") @NotNull @Positive @DecimalMax("100000000") BigDecimal quantity,
            @Schema(example = "L-2") @Size(max = 64) String lotCode,
            @Schema(description = "required for perishable items", example = "2022-03-01") LocalDate expiresOn) {
    }

    @Schema(name = "Donation")
    public record Dto(String donationId, String donorOrganisationId, String warehouseId, BigDecimal valueYuan,
                      String note, List<Lot> lots, Instant receivedAt) {
        static Dto of(DonationView v) {
            return new Dto(v.donationId, v.donorOrganisationId, v.warehouseId, v.valueYuan, v.note,
                    v.lots.stream().map(Lot::of).toList(), v.receivedAt);
        }
    }

    public record Lot(String lotId, String item, BigDecimal quantity, String lotCode, LocalDate expiresOn) {
        static Lot of(DonatedLot l) {
            return new Lot(l.lotId(), l.item(), l.quantity(), l.lotCode(), l.expiresOn());
        }
    }

    @POST
    @RolesAllowed({Roles.DONOR, Roles.OPS})
    @Operation(summary = "Receive a donation (donor for its own organisation, or ops)",
            description = "Each line becomes a lot in the warehouse's stock ledger; the received units are then "
                    + "allocated to waiting reservations first, in queue order, in the same transaction.")
    @APIResponse(responseCode = "201", description = "Received; the body lists the lots")
    @APIResponse(responseCode = "400", description = "Invalid fields, unknown warehouse or item, missing expiry of a "
            + "perishable item (problem+json naming the field, e.g. lines[0].item)")
    @APIResponse(responseCode = "403", description = "A donor naming another organisation as donor")
    public Response receive(@Valid @NotNull Body body, @Context UriInfo uri) {
        String donor = caller.actingFor(body.donorOrganisationId() == null ? null : body.donorOrganisationId().strip());
        DonationView v = donations.receive(donor, body.warehouseId().strip(), body.valueYuan(),
                body.note(), body.lines().stream().map(l -> new DonationService.Line(l.item().strip(), l.quantity(),
                        l.lotCode(), l.expiresOn())).toList(),
                EventContext.command(null, caller.actor(), donor));
        return Response.created(uri.getAbsolutePathBuilder().path(v.donationId).build()).entity(Dto.of(v)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.DONOR, Roles.OPS})
    @Transactional
    @Operation(summary = "One donation with its lots (its donor organisation, or ops)")
    @APIResponse(responseCode = "404", description = "Unknown donation, or another organisation's (problem+json)")
    public Dto get(@PathParam("id") String id) {
        DonationView d = donations.get(id);
        if (!caller.mayAccess(d.donorOrganisationId)) {
            throw ProblemException.notFound("donation", id); // the same answer as unknown: no existence leak
        }
        return Dto.of(d);
    }
}
