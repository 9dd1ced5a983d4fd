package org.relief.inventory.rest;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.inventory.projection.ReservationView;
import org.relief.inventory.service.ReservationService;

@Path("/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stock reservations")
public class ReservationResource {
    @Inject
    ReservationService service;

    @GET
    @Path("{requestId}")
    @Transactional
    @Operation(summary = "The stock reservation for a help request")
    public ReservationView get(@PathParam("requestId") String requestId) {
        return service.get(requestId);
    }
}
