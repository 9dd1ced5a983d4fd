package org.relief.volunteer.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.text.Text;
import org.relief.kernel.web.ProblemException;
import org.relief.volunteer.domain.Texts;
import org.relief.volunteer.service.CallQueries;
import org.relief.volunteer.service.CallViews;

/** Service hours as the associations report them: hours and person-times, by purpose and by skill. */
@Path("/volunteer-hours")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Volunteer hours")
@RolesAllowed({Roles.VOLUNTEER_COORDINATOR, Roles.OPS})
public class HoursResource {
    private final CallQueries queries;
    private final Caller caller;

    @Inject
    public HoursResource(CallQueries queries, Caller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @Operation(
            summary = "Hours of completed assignments whose call started in [from, to) (coordinator: its own "
                    + "organisation's volunteers; ops: any, or one organisation)")
    @APIResponse(responseCode = "200", description = "The totals")
    @APIResponse(responseCode = "400", description = "from or to is no instant (problem+json)")
    @APIResponse(responseCode = "403", description = "A coordinator naming another organisation (problem+json)")
    public CallViews.Hours totals(
            @Parameter(description = "e.g. 2026-12-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "exclusive") @QueryParam("to") String to,
            @Parameter(description = "the call's district") @QueryParam("district") String district,
            @Parameter(description = "the volunteers' organisation") @QueryParam("organisationId")
                    String organisationId) {
        String org = QueryParams.text(organisationId);
        if (!caller.isOps()) {
            String own = caller.organisationId();
            if (org != null && !org.equals(own)) {
                Text denied = Texts.of("hours.organisation-not-allowed", org);
                throw ProblemException.forbidden(denied);
            }
            org = own;
        }
        return queries.hours(
                QueryParams.instant("from", from), QueryParams.instant("to", to), QueryParams.text(district), org);
    }
}
