package org.relief.volunteer.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.volunteer.domain.CallPurpose;
import org.relief.volunteer.domain.CallStatus;
import org.relief.volunteer.domain.OpenCall;
import org.relief.volunteer.domain.SagaCalls;
import org.relief.volunteer.domain.Skill;
import org.relief.volunteer.domain.VolunteerCall;
import org.relief.volunteer.service.CallQueries;
import org.relief.volunteer.service.CallViews;
import org.relief.volunteer.service.VolunteerCallCommands;
import org.relief.volunteer.service.VolunteerCallStaffing;

/**
 * Volunteer calls. Partners open COMMUNITY calls and see their organisation's calls; coordinators see the saga's
 * calls, their organisation's and those their volunteers are on, and complete calls that hold only their own
 * volunteers; ops everything (see {@link org.relief.kernel.security.CallerScope}).
 */
@Path("/calls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Volunteer calls")
@RolesAllowed({Roles.VOLUNTEER_COORDINATOR, Roles.PARTNER, Roles.OPS})
public class CallResource {
    private final VolunteerCallStaffing staffing;
    private final VolunteerCallCommands commands;
    private final CallQueries queries;
    private final Caller caller;
    private final SecurityIdentity identity;

    @Inject
    public CallResource(
            VolunteerCallStaffing staffing,
            VolunteerCallCommands commands,
            CallQueries queries,
            Caller caller,
            SecurityIdentity identity) {
        this.staffing = staffing;
        this.commands = commands;
        this.queries = queries;
        this.caller = caller;
        this.identity = identity;
    }

    @Schema(name = "OpenVolunteerCall")
    public record OpenBody(
            @Schema(example = "锦业路小区") @NotBlank @Size(max = 200) String community,
            @Schema(example = "3 号楼门口") @Size(max = 200) String place,
            @Schema(example = "雁塔区") @NotBlank @Size(max = 100) String district,
            @Schema(
                            description = "a skill code of the catalogue (GET /skills); none: anyone",
                            example = "medical.nucleic-acid-sampling")
                    @Size(max = 100)
                    @KnownSkill
                    String skill,
            @Schema(example = "4") @NotNull @Min(1) @Max(VolunteerCall.MAX_NEEDED) Integer needed,
            @NotNull Instant windowStart,
            @NotNull Instant windowEnd,
            @Schema(example = "核酸采样排队秩序维护") @Size(max = VolunteerCall.MAX_DESCRIPTION) String description,
            @Schema(description = "the organisation the call is for: defaults to the caller's; ops must name it")
                    @Size(max = 100)
                    String organisationId) {}

    @Schema(name = "CancelVolunteerCall")
    public record CancelBody(@Schema(example = "活动取消") @NotBlank @Size(max = 500) String reason) {}

    @Schema(name = "AssignmentHours")
    public record HoursBody(
            @NotBlank @Size(max = 100) String assignmentId,
            @Schema(example = "2.5") @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("24")
                    BigDecimal hours) {}

    @Schema(name = "CompleteVolunteerCall")
    public record CompletionBody(
            @Schema(
                            description = "hours per assignment, at most what was served; an assignment "
                                    + "left out logs what was served: from the window start (or its acceptance, if later) to now, at most to "
                                    + "the window end")
                    @Size(max = VolunteerCall.MAX_NEEDED)
                    List<@Valid @NotNull HoursBody> hours,
            @Schema(description = "volunteer ids of those who did not show: no hours")
                    @Size(max = VolunteerCall.MAX_NEEDED)
                    List<@NotBlank @Size(max = 100) String> noShows) {}

    @Schema(name = "VolunteerCall")
    public record Dto(
            String id,
            String requestId,
            String tripId,
            String organisationId,
            String purpose,
            String skill,
            String skillNote,
            int needed,
            int assigned,
            String district,
            String place,
            String description,
            Instant windowStart,
            Instant windowEnd,
            String status,
            @Schema(description = "OPEN with fewer volunteers than needed: on the waitlist") boolean understaffed,
            String shortReason,
            Instant openedAt,
            Instant completedAt,
            Instant cancelledAt,
            String cancelReason,
            Integer personTimes,
            BigDecimal hours,
            @Schema(description = CallViews.PERSONAL_DATA_CALL, enumeration = "WITHHELD") String personalData,
            List<AssignmentResource.Dto> assignments,
            List<CallViews.TimelineEntry> timeline) {
        static Dto of(
                CallViews.Call c, List<CallViews.Assignment> assignments, List<CallViews.TimelineEntry> timeline) {
            return new Dto(
                    c.id(),
                    c.requestId(),
                    c.tripId(),
                    c.organisationId(),
                    c.purpose(),
                    c.skill(),
                    c.skillNote(),
                    c.needed(),
                    c.assigned(),
                    c.district(),
                    c.place(),
                    c.description(),
                    c.windowStart(),
                    c.windowEnd(),
                    c.status(),
                    c.understaffed(),
                    c.shortReason(),
                    c.openedAt(),
                    c.completedAt(),
                    c.cancelledAt(),
                    c.cancelReason(),
                    c.personTimes(),
                    c.hours(),
                    c.personalData(),
                    assignments == null
                            ? null
                            : assignments.stream()
                                    .map(AssignmentResource.Dto::of)
                                    .toList(),
                    timeline);
        }

        static Dto of(CallViews.Details d) {
            return of(d.call(), d.assignments(), d.timeline());
        }
    }

    static final String OPEN_EXAMPLE_ZH =
            """
            {"community": "锦业路小区", "place": "3 号楼门口", "district": "雁塔区",
             "skill": "medical.nucleic-acid-sampling", "needed": 4,
             "windowStart": "2026-12-02T00:00:00Z", "windowEnd": "2026-12-02T04:00:00Z",
             "description": "全员核酸检测，协助采样并维护排队秩序"}""";
    static final String OPEN_EXAMPLE_EN =
            """
            {"community": "Jinye Road compound", "place": "Community office, Building 1", "district": "Yanta",
             "skill": "elderly-care", "needed": 3,
             "windowStart": "2026-12-02T06:00:00Z", "windowEnd": "2026-12-02T09:00:00Z",
             "description": "Visit elderly residents living alone: check on them and bring their medicine",
             "organisationId": "yanta-community"}""";

    @POST
    @RolesAllowed({Roles.PARTNER, Roles.OPS})
    @Operation(
            summary = "Open a COMMUNITY call for volunteers (partner: for its own organisation; ops: for a named one)")
    @APIResponse(
            responseCode = "201",
            content = @Content(schema = @Schema(implementation = Dto.class)),
            description =
                    "Opened and staffed as far as volunteers are free (or, with "
                            + "header Idempotent-Replayed: true, the call an earlier POST with the same Idempotency-Key opened)")
    @APIResponse(
            responseCode = "400",
            description = "Invalid fields, an unknown skill or a window that ends before " + "it starts (problem+json)")
    @APIResponse(responseCode = "403", description = "Naming another organisation (problem+json)")
    @APIResponse(
            responseCode = "422",
            description = "Idempotency-Key already used with a different body (problem+json)")
    public Response open(
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "全员核酸检测需要 4 名采样志愿者",
                                                        value = OPEN_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Ops call volunteers for elderly care visits",
                                                        value = OPEN_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    OpenBody body,
            @Parameter(description = IdempotencyKeys.HEADER_DOC) @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey,
            @Context UriInfo uri) {
        String org = caller.actingFor(body.organisationId());
        OpenBody acting = new OpenBody(
                body.community(),
                body.place(),
                body.district(),
                body.skill(),
                body.needed(),
                body.windowStart(),
                body.windowEnd(),
                body.description(),
                org);
        var key = IdempotencyKeys.of(
                IdempotencyKeys.scope(org, identity), VolunteerCallStaffing.OPERATION, idempotencyKey, acting);
        Skill skill = body.skill() == null || body.skill().isBlank()
                ? null
                : Skill.of(body.skill()).orElseThrow();
        var spec = new OpenCall(
                null,
                null,
                org,
                CallPurpose.COMMUNITY,
                skill,
                null,
                body.needed(),
                body.district(),
                SagaCalls.place(body.community(), body.place(), body.district()),
                body.description(),
                body.windowStart(),
                body.windowEnd());
        var outcome = staffing.openCommunity(spec, key, EventContext.command(null, caller.actor(), org));
        Dto dto = Dto.of(queries.details(outcome.value(), caller.scope()));
        return IdempotencyKeys.created(
                uri.getAbsolutePathBuilder().path(dto.id()).build(), dto, outcome.replayed());
    }

    @GET
    @Operation(summary = "The calls the caller may see, earliest window first (at most 500)")
    @APIResponse(responseCode = "200", description = "The calls")
    @APIResponse(responseCode = "400", description = "Unknown status or purpose (problem+json)")
    public List<Dto> list(
            @Parameter(description = "OPEN, FILLED, COMPLETED or CANCELLED") @QueryParam("status") String status,
            @Parameter(description = "LOADING, HAND_OUT, CARE_VISIT or COMMUNITY") @QueryParam("purpose")
                    String purpose,
            @QueryParam("requestId") String requestId,
            @Parameter(description = "district, e.g. 雁塔区") @QueryParam("district") String district) {
        var filter = new CallQueries.Filter(
                QueryParams.enumName(CallStatus.class, "status", status),
                QueryParams.enumName(CallPurpose.class, "purpose", purpose),
                QueryParams.text(requestId),
                QueryParams.text(district));
        return queries.list(caller.scope(), filter).stream()
                .map(c -> Dto.of(c, null, null))
                .toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One call with its assignments and timeline")
    @APIResponse(responseCode = "200", description = "The call with its assignments")
    @APIResponse(responseCode = "404", description = "Unknown call, or one the caller may not see (problem+json)")
    public Dto get(@PathParam("id") String id) {
        return Dto.of(queries.details(id, caller.scope()));
    }

    static final String CANCEL_EXAMPLE_ZH = """
            {"reason": "核酸检测改期，本次征集取消"}""";
    static final String CANCEL_EXAMPLE_EN =
            """
            {"reason": "The property management staff took over the stairwell deliveries"}""";

    @POST
    @Path("{id}/cancellation")
    @RolesAllowed({Roles.PARTNER, Roles.OPS})
    @Operation(summary = "Withdraw a COMMUNITY call (its organisation or ops); every booking on it is released")
    @APIResponse(responseCode = "200", description = "Cancelled")
    @APIResponse(responseCode = "403", description = "A saga call (it ends with its trip or request) (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown call, or one the caller may not see (problem+json)")
    @APIResponse(responseCode = "409", description = "Already completed or cancelled (problem+json)")
    public Dto cancel(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "核酸检测改期，取消征集",
                                                        value = CANCEL_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "No longer needed: others took the task over",
                                                        value = CANCEL_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    CancelBody body) {
        commands.cancel(
                id, body.reason(), caller.scope(), EventContext.command(null, caller.actor(), caller.organisationId()));
        return Dto.of(queries.details(id, caller.scope()));
    }

    static final String COMPLETE_EXAMPLE_ZH =
            """
            {"hours": [{"assignmentId": "2d8f6a4c-0e1b-4c3d-9a7f-6b5e4d3c2a18", "hours": 3.5}],
             "noShows": ["f3a1c5e7-9b2d-4f6a-8c0e-1d3b5f7a9c42"]}""";
    static final String COMPLETE_EXAMPLE_EN =
            """
            {"hours": [{"assignmentId": "2d8f6a4c-0e1b-4c3d-9a7f-6b5e4d3c2a18", "hours": 2.5},
                       {"assignmentId": "8e6c4a2f-1d3b-4f5e-a7c9-0b2d4f6a8c31", "hours": 2}]}""";

    @POST
    @Path("{id}/completion")
    @RolesAllowed({Roles.VOLUNTEER_COORDINATOR, Roles.OPS})
    @Operation(
            summary = "The task is done: every offered or accepted volunteer served and logs hours, except the "
                    + "no-shows (coordinator: only a call that holds nothing but its own volunteers)")
    @APIResponse(responseCode = "200", description = "Completed; hours logged")
    @APIResponse(
            responseCode = "400",
            description = "Hours for an unknown assignment, out of range, or more than " + "was served (problem+json)")
    @APIResponse(responseCode = "403", description = "The call holds other organisations' volunteers (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown call, or one the caller may not see (problem+json)")
    @APIResponse(
            responseCode = "409",
            description = "Already completed or cancelled, nobody served, or the window has "
                    + "not started yet (problem+json)")
    public Dto complete(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "一人服务 3.5 小时，一人未到场",
                                                        value = COMPLETE_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Log the hours two volunteers served",
                                                        value = COMPLETE_EXAMPLE_EN)
                                            }))
                    @Valid
                    CompletionBody body) {
        Map<String, BigDecimal> hours = new LinkedHashMap<>();
        Set<String> noShows = new HashSet<>();
        if (body != null && body.hours() != null) {
            body.hours().forEach(h -> hours.put(h.assignmentId().strip(), h.hours()));
        }
        if (body != null && body.noShows() != null) {
            body.noShows().forEach(v -> noShows.add(v.strip()));
        }
        commands.complete(
                id,
                hours,
                noShows,
                caller.scope(),
                EventContext.command(null, caller.actor(), caller.organisationId()));
        return Dto.of(queries.details(id, caller.scope()));
    }
}
