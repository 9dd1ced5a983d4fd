package org.relief.requests.rest;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.kernel.envelope.EventContext;
import org.relief.requests.domain.SubmitHelpRequest;
import org.relief.requests.domain.SupplyLine;
import org.relief.requests.projection.HelpRequestView;
import org.relief.requests.service.HelpRequestDetails;
import org.relief.requests.service.HelpRequestService;

@Path("/help-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Help requests")
public class HelpRequestResource {
    @Inject
    HelpRequestService service;

    @POST
    @Operation(summary = "Submit a supplies request", description = "Stores the request, publishes HelpRequestSubmitted "
            + "and returns it with status SUBMITTED; inventory then takes it on asynchronously.")
    @APIResponse(responseCode = "201", description = "Submitted")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    public Response submit(@Valid @NotNull SubmitHelpRequestBody body, @Context UriInfo uri) {
        var command = new SubmitHelpRequest(body.organisationId(), body.priority(), body.community(), body.district(),
                body.address(), body.contactName(), body.contactPhone(),
                body.lines().stream().map(l -> new SupplyLine(l.item().strip(), l.quantity(), l.unit().strip())).toList(),
                body.neededBy(), body.note());
        // until authentication lands, the organisation named in the body is the actor
        HelpRequestView view = service.submit(command,
                EventContext.command(null, "partner:" + body.organisationId(), body.organisationId()));
        return Response.created(uri.getAbsolutePathBuilder().path(view.id).build()).entity(view).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A help request with its status and its timeline of events")
    @APIResponse(responseCode = "404", description = "Unknown request (problem+json)")
    public HelpRequestDetails get(@PathParam("id") String id) {
        return service.get(id);
    }
}
