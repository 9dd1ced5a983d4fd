package org.relief.volunteer.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.domain.TimeWindow;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.volunteer.domain.Skill;
import org.relief.volunteer.domain.Texts;
import org.relief.volunteer.domain.Volunteer;
import org.relief.volunteer.projection.VolunteerView;
import org.relief.volunteer.service.CallQueries;
import org.relief.volunteer.service.CallViews;
import org.relief.volunteer.service.VolunteerService;

/** Volunteers: coordinators register and manage their own organisation's, ops all. */
@Path("/volunteers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Volunteers")
@RolesAllowed({Roles.VOLUNTEER_COORDINATOR, Roles.OPS})
public class VolunteerResource {
    public static final String OPERATION = "volunteers";
    static final String PHONE = "^\\+?[0-9][0-9 \\-]{4,28}$";

    private final VolunteerService service;
    private final Caller caller;
    private final SecurityIdentity identity;
    private final CallQueries calls;

    @Inject
    public VolunteerResource(VolunteerService service, Caller caller, SecurityIdentity identity, CallQueries calls) {
        this.service = service;
        this.caller = caller;
        this.identity = identity;
        this.calls = calls;
    }

    @Schema(name = "RegisterVolunteer")
    public record Body(
            @Schema(example = "李娜") @NotBlank @Size(max = Volunteer.MAX_NAME) String name,
            @Schema(example = "13800138000") @NotBlank @Size(max = 30) @Pattern(regexp = PHONE) String phone,
            @Schema(example = "雁塔区") @NotBlank @Size(max = 100) String district,
            @Schema(example = "[\"medical.nursing\", \"driving\"]") @NotNull @Size(min = 1, max = 20) @KnownSkills
                    List<@NotBlank String> skills,
            @Schema(example = "周末可以") @Size(max = 1000) String note,
            @Schema(
                            description =
                                    "the organisation the volunteer belongs to: defaults to the caller's; ops must name it")
                    @Size(max = 100)
                    String organisationId) {}

    @Schema(name = "VolunteerWindow")
    public record AvailabilityWindowDto(@NotNull Instant from, @NotNull Instant to) {}

    @Schema(name = "SetVolunteerAvailability")
    public record AvailabilityWindowsBody(
            @NotNull @Size(max = Volunteer.MAX_WINDOWS) List<@Valid @NotNull AvailabilityWindowDto> windows) {}

    @Schema(name = "DeactivateVolunteer")
    public record DeactivationBody(@Schema(example = "返乡") @NotBlank @Size(max = 500) String reason) {}

    @Schema(name = "ErasePersonalData")
    public record ErasureBody(@Schema(example = "本人要求删除个人信息") @NotBlank @Size(max = 500) String reason) {}

    @Schema(name = "Volunteer", description = "name, phone and note read \"[erased]\" once personalDataErasedAt is set")
    public record Dto(
            String id,
            String organisationId,
            String name,
            String phone,
            String district,
            List<String> skills,
            String note,
            boolean active,
            String deactivationReason,
            List<AvailabilityWindowDto> windows,
            java.time.Instant personalDataErasedAt) {
        static Dto of(VolunteerView v) {
            return new Dto(
                    v.id,
                    v.organisationId,
                    v.name,
                    v.phone,
                    v.district,
                    v.skills,
                    v.note,
                    v.active,
                    v.deactivationReason,
                    v.windows.stream()
                            .map(w -> new AvailabilityWindowDto(w.from(), w.to()))
                            .toList(),
                    v.personalDataErasedAt);
        }
    }

    static final String REGISTER_EXAMPLE_ZH =
            """
            {"name": "李娜", "phone": "13800138000", "district": "雁塔区",
             "skills": ["medical.nursing", "driving"], "note": "周末可以"}""";
    static final String REGISTER_EXAMPLE_EN =
            """
            {"name": "Zhang Wei", "phone": "+86 139 2900 1234", "district": "Yanta",
             "skills": ["loading", "driving.truck"], "note": "Can load trucks at the warehouse on weekday mornings",
             "organisationId": "yanta-community"}""";

    @POST
    @Operation(summary = "Register a volunteer (coordinator: for their own organisation; ops: for any)")
    @APIResponse(
            responseCode = "201",
            content = @Content(schema = @Schema(implementation = Dto.class)),
            description = "Registered (or, with header Idempotent-Replayed: true, the "
                    + "volunteer an earlier POST with the same Idempotency-Key registered)")
    @APIResponse(
            responseCode = "400",
            description = "Invalid fields, e.g. an unknown skill at skills[i] (problem+json)")
    @APIResponse(responseCode = "403", description = "Naming another organisation (problem+json)")
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
                                                        summary = "会护理、会开车的志愿者",
                                                        value = REGISTER_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary =
                                                                "Ops register a volunteer who loads and drives trucks",
                                                        value = REGISTER_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    Body body,
            @Parameter(description = IdempotencyKeys.HEADER_DOC) @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey,
            @Context UriInfo uri) {
        String org = caller.actingFor(body.organisationId());
        // hashed as it acts: a retry that leaves out the organisation the token implies is the same body
        Body acting = new Body(body.name(), body.phone(), body.district(), body.skills(), body.note(), org);
        var key = IdempotencyKeys.of(IdempotencyKeys.scope(org, identity), OPERATION, idempotencyKey, acting);
        List<Skill> skills =
                body.skills().stream().map(s -> Skill.of(s).orElseThrow()).toList();
        var outcome = service.register(
                new VolunteerService.Registration(org, body.name(), body.phone(), body.district(), skills, body.note()),
                key,
                EventContext.command(null, caller.actor(), null));
        VolunteerView v = outcome.value();
        return IdempotencyKeys.created(uri.getAbsolutePathBuilder().path(v.id).build(), Dto.of(v), outcome.replayed());
    }

    @GET
    @Transactional
    @Operation(summary = "The volunteers the caller may see, filtered (coordinator: own organisation's; ops: all)")
    @APIResponse(responseCode = "200", description = "The volunteers")
    @APIResponse(
            responseCode = "400",
            description = "Unknown skill or an availableAt that is no instant (problem+json)")
    public List<Dto> list(
            @Parameter(description = "skill code; its more specific skills match too, e.g. medical")
                    @QueryParam("skill")
                    String skill,
            @Parameter(description = "district, e.g. 雁塔区") @QueryParam("district") String district,
            @Parameter(description = "an instant, e.g. 2026-12-01T08:00:00Z: active and inside a window")
                    @QueryParam("availableAt")
                    String availableAt) {
        var filter = new VolunteerService.Filter(skill(skill), district, instant(availableAt));
        return service.volunteers(caller.isOps() ? null : caller.organisationId(), filter).stream()
                .map(Dto::of)
                .toList();
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(summary = "One volunteer")
    @APIResponse(responseCode = "200", description = "The volunteer")
    @APIResponse(responseCode = "404", description = "Unknown volunteer, or another organisation's (problem+json)")
    public Dto get(@PathParam("id") String id) {
        return Dto.of(service.volunteer(id, caller::mayAccess));
    }

    static final String AVAILABILITY_EXAMPLE_ZH =
            """
            {"windows": [{"from": "2026-12-02T10:00:00Z", "to": "2026-12-02T13:00:00Z"},
                         {"from": "2026-12-03T10:00:00Z", "to": "2026-12-03T13:00:00Z"}]}""";
    static final String AVAILABILITY_EXAMPLE_EN =
            """
            {"windows": [{"from": "2026-12-05T00:00:00Z", "to": "2026-12-05T10:00:00Z"}]}""";

    @PUT
    @Path("{id}/availability")
    @Operation(summary = "Replace the volunteer's availability windows (from before to, none overlapping, at most 50)")
    @APIResponse(responseCode = "200", description = "Set")
    @APIResponse(responseCode = "400", description = "Invalid or overlapping windows (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown volunteer, or another organisation's (problem+json)")
    @APIResponse(responseCode = "409", description = "The volunteer is inactive (problem+json)")
    // the method name stays "availability": it is the first part of validation paths in problem+json texts
    public Dto availability(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "两天晚上 18:00–21:00（北京时间）有空",
                                                        value = AVAILABILITY_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Saturday 08:00–18:00 Beijing time",
                                                        value = AVAILABILITY_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    AvailabilityWindowsBody body) {
        List<TimeWindow> windows = body.windows().stream()
                .map(w -> new TimeWindow(w.from(), w.to()))
                .toList();
        return Dto.of(service.setAvailabilityWindows(
                id, windows, caller::mayAccess, EventContext.command(null, caller.actor(), null)));
    }

    @GET
    @Path("{id}/hours")
    @Transactional
    @Operation(summary = "The volunteer's service hours: totals, by purpose, and every completed assignment")
    @APIResponse(responseCode = "200", description = "The volunteer's hours")
    @APIResponse(responseCode = "404", description = "Unknown volunteer, or another organisation's (problem+json)")
    public CallViews.VolunteerHours hours(@PathParam("id") String id) {
        service.volunteer(id, caller::mayAccess);
        return calls.volunteerHours(id, caller.scope());
    }

    @GET
    @Path("{id}/bookings")
    @Transactional
    @Operation(summary = "The periods the volunteer is booked for (offered or accepted assignments), earliest first")
    @APIResponse(responseCode = "200", description = "The volunteer's bookings")
    @APIResponse(responseCode = "404", description = "Unknown volunteer, or another organisation's (problem+json)")
    public List<CallViews.Booking> bookings(@PathParam("id") String id) {
        service.volunteer(id, caller::mayAccess);
        return calls.bookings(id, caller.scope());
    }

    static final String DEACTIVATION_EXAMPLE_ZH = """
            {"reason": "返乡，不再参加志愿服务"}""";
    static final String DEACTIVATION_EXAMPLE_EN =
            """
            {"reason": "Back at work now the lockdown has lifted"}""";

    @POST
    @Path("{id}/deactivation")
    @Operation(summary = "Deactivate a volunteer who no longer serves")
    @APIResponse(responseCode = "200", description = "Deactivated")
    @APIResponse(responseCode = "404", description = "Unknown volunteer, or another organisation's (problem+json)")
    @APIResponse(responseCode = "409", description = "Already inactive (problem+json)")
    public Dto deactivate(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "返乡，不再服务",
                                                        value = DEACTIVATION_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Back at work after the lockdown",
                                                        value = DEACTIVATION_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    DeactivationBody body) {
        return Dto.of(service.deactivate(
                id, body.reason(), caller::mayAccess, EventContext.command(null, caller.actor(), null)));
    }

    static final String ERASURE_EXAMPLE_ZH = """
            {"reason": "本人要求删除个人信息"}""";
    static final String ERASURE_EXAMPLE_EN =
            """
            {"reason": "The volunteer asked for their personal data to be deleted"}""";

    @POST
    @Path("{id}/personal-data-erasure")
    @Operation(
            summary = "Erase a volunteer's name, phone and note",
            description = "Once the volunteer no longer "
                    + "serves (deactivate first): deletes their data key here and, through personal-data.keys.v1, on every "
                    + "service (crypto-shredding). Their name, phone and note then read \"[erased]\" in every answer of every "
                    + "service, on calls, assignments and requests' timelines alike; hours and assignments stay. A repeat "
                    + "changes nothing.")
    @APIResponse(responseCode = "200", description = "Erased; the volunteer as they now stand")
    @APIResponse(responseCode = "404", description = "Unknown volunteer, or another organisation's (problem+json)")
    @APIResponse(responseCode = "409", description = "Still active (problem+json)")
    public Dto erasePersonalData(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "志愿者要求删除个人信息",
                                                        value = ERASURE_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "The volunteer asked to be erased",
                                                        value = ERASURE_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    ErasureBody body) {
        return Dto.of(service.erasePersonalData(
                id, body.reason(), caller::mayAccess, EventContext.command(null, caller.actor(), null)));
    }

    private static Skill skill(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return Skill.of(raw).orElseThrow(() -> RuleViolation.invalid(Texts.of("skill.unknown", raw)));
    }

    private static Instant instant(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw RuleViolation.invalid(Texts.of("query.not-an-instant", "availableAt"));
        }
    }
}
