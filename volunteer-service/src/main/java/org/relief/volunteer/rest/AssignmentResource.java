package org.relief.volunteer.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.volunteer.service.CallQueries;
import org.relief.volunteer.service.CallViews;
import org.relief.volunteer.service.VolunteerCallCommands;

/**
 * A coordinator records its volunteer's answer to an assignment (ops for anyone's). A decline frees the volunteer
 * and the call looks for someone else at once.
 */
@Path("/assignments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Volunteer calls")
@RolesAllowed({Roles.VOLUNTEER_COORDINATOR, Roles.OPS})
public class AssignmentResource {
    private final VolunteerCallCommands commands;
    private final CallQueries queries;
    private final Caller caller;

    @Inject
    public AssignmentResource(VolunteerCallCommands commands, CallQueries queries, Caller caller) {
        this.commands = commands;
        this.queries = queries;
        this.caller = caller;
    }

    @Schema(name = "VolunteerAssignment")
    public record Dto(
            String id,
            String callId,
            String volunteerId,
            String volunteerName,
            String organisationId,
            @Schema(description = "OFFERED, ACCEPTED, COMPLETED, DECLINED, RELEASED or NO_SHOW") String status,
            BigDecimal hours,
            String reason,
            Instant offeredAt,
            Instant answeredAt,
            Instant endedAt,
            @Schema(description = CallViews.PERSONAL_DATA_ASSIGNMENT, enumeration = "WITHHELD") String personalData) {
        static Dto of(CallViews.Assignment a) {
            return new Dto(
                    a.id(),
                    a.callId(),
                    a.volunteerId(),
                    a.volunteerName(),
                    a.organisationId(),
                    a.status(),
                    a.hours(),
                    a.reason(),
                    a.offeredAt(),
                    a.answeredAt(),
                    a.endedAt(),
                    a.personalData());
        }
    }

    @Schema(name = "DeclineAssignment")
    public record DeclineBody(@Schema(example = "家中有事") @Size(max = 500) String reason) {}

    @POST
    @Path("{id}/acceptance")
    @Operation(summary = "The volunteer accepted the assignment")
    @APIResponse(responseCode = "200", description = "Accepted")
    @APIResponse(responseCode = "403", description = "Another organisation's volunteer (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown assignment (problem+json)")
    @APIResponse(responseCode = "409", description = "Not offered any more, or the call ended (problem+json)")
    public Dto accept(@PathParam("id") String id) {
        commands.accept(id, caller.scope(), EventContext.command(null, caller.actor(), caller.organisationId()));
        return Dto.of(queries.assignment(id, caller.scope()));
    }

    static final String DECLINE_EXAMPLE_ZH = """
            {"reason": "所在小区今天封控，无法外出"}""";
    static final String DECLINE_EXAMPLE_EN =
            """
            {"reason": "Has to look after her sick grandmother this week"}""";

    @POST
    @Path("{id}/decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The volunteer declined (or withdrew after accepting); someone else is looked for at once")
    @APIResponse(responseCode = "200", description = "Declined")
    @APIResponse(responseCode = "403", description = "Another organisation's volunteer (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown assignment (problem+json)")
    @APIResponse(responseCode = "409", description = "Already declined, released or completed (problem+json)")
    public Dto decline(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "志愿者所在小区封控，无法前往",
                                                        value = DECLINE_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "The volunteer has to stay home to care for family",
                                                        value = DECLINE_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    DeclineBody body) {
        commands.decline(
                id, body.reason(), caller.scope(), EventContext.command(null, caller.actor(), caller.organisationId()));
        return Dto.of(queries.assignment(id, caller.scope()));
    }
}
