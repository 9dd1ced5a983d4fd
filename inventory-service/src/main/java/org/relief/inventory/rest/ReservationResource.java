package org.relief.inventory.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.inventory.domain.StockReservation;
import org.relief.inventory.domain.Texts;
import org.relief.inventory.service.FieldProblem;
import org.relief.inventory.service.ReservationAnswer;
import org.relief.inventory.service.ReservationQueries;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.web.ProblemException;

@Path("/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stock reservations")
public class ReservationResource {
    private final ReservationQueries service;
    private final Caller caller;

    @Inject
    public ReservationResource(ReservationQueries service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("{requestId}")
    @RolesAllowed({Roles.OPS, Roles.PARTNER})
    @Transactional
    @Operation(
            summary = "The stock reservation for a help request",
            description =
                    "Lines with requested and reserved quantities and the lots held, the explanation of the latest "
                            + "allocation round, and when the held stock is released if not picked up (expiresAt). Once dispatch "
                            + "reports a pickup (pickedUpAt) the reservation no longer expires: the goods are on their way and "
                            + "the partner's receipt settles them. Each held lot's donor origin (donationId, "
                            + "donorOrganisationId) is shown to ops only; a partner sees origin WITHHELD and both null.")
    @APIResponse(responseCode = "200", description = "The reservation and what it holds")
    @APIResponse(
            responseCode = "404",
            description = "No reservation for this request, or another organisation's (problem+json)")
    public ReservationAnswer get(@PathParam("requestId") String requestId) {
        ReservationAnswer v = service.get(requestId);
        if (!caller.mayAccess(v.organisationId())) {
            throw ProblemException.notFound("reservation for request", requestId); // same as unknown: no existence leak
        }
        return v;
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.PARTNER})
    @Transactional
    @Operation(
            summary = "Reservations by status, in allocation order (ops: all; a partner: its own organisation's)",
            description = "status=WAITING gives the waiting queue: every reservation still short of stock (nothing or "
                    + "only part reserved), in the order the next units will be allocated. A partner sees its own "
                    + "requests' reservations (lots' donor origin withheld); ops may filter by organisationId.")
    @APIResponse(responseCode = "200", description = "The reservations, in allocation order")
    @APIResponse(responseCode = "400", description = "Unknown status (problem+json)")
    @APIResponse(responseCode = "403", description = "A partner naming another organisation (problem+json)")
    public List<ReservationAnswer> list(
            @Parameter(description = "OPEN, WAITING, PARTIALLY_RESERVED, RESERVED, RELEASED, ISSUED")
                    @QueryParam("status")
                    String status,
            @Parameter(description = "ops: one organisation's (a partner: its own, another is 403)")
                    @QueryParam("organisationId")
                    String organisationId) {
        String organisation = caller.readingFor(organisationId);
        String s = status == null || status.isBlank() ? StockReservation.Status.WAITING.name() : status.strip();
        if (Arrays.stream(StockReservation.Status.values())
                .noneMatch(v -> v.name().equals(s))) {
            throw FieldProblem.of(
                    "status", Texts.of("field.one-of", Arrays.toString(StockReservation.Status.values())));
        }
        return service.list(s, organisation == null || organisation.isBlank() ? null : organisation);
    }
}
