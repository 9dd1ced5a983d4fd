package org.relief.inventory.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
import org.relief.inventory.domain.Texts;
import org.relief.inventory.service.FieldProblem;
import org.relief.inventory.service.QuarantineService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.web.IdempotencyKeys;

/** Units rejected at deliveries: on hand, never available, until ops writes them off or releases them. */
@Path("/quarantine")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Stock ledger")
public class QuarantineResource {
    public static final String WRITE_OFF = "quarantine-write-off";
    public static final String RELEASE = "quarantine-release";
    private static final Set<String> STATUSES = Set.of("QUARANTINED", "WRITTEN_OFF", "RELEASED");

    private final QuarantineService quarantine;
    private final Caller caller;
    private final SecurityIdentity identity;

    @Inject
    public QuarantineResource(QuarantineService quarantine, Caller caller, SecurityIdentity identity) {
        this.quarantine = quarantine;
        this.caller = caller;
        this.identity = identity;
    }

    @Schema(name = "QuarantineDecision")
    public record DecisionBody(@Schema(example = "破损，已销毁") @Size(max = 2000) String note) {}

    @GET
    @RolesAllowed(Roles.OPS)
    @Operation(
            summary = "Units in quarantine (rejected at a delivery), newest first",
            description = "On hand but never available or reservable until written off or released. Filters: item, "
                    + "status (QUARANTINED, WRITTEN_OFF, RELEASED).")
    public QuarantineService.Page list(@QueryParam("item") String item, @QueryParam("status") String status) {
        String s = status == null || status.isBlank() ? null : status.strip();
        if (s != null && !STATUSES.contains(s)) {
            throw FieldProblem.of("status", Texts.of("field.one-of", STATUSES.toString()));
        }
        return quarantine.list(item == null || item.isBlank() ? null : item.strip(), s);
    }

    static final String WRITE_OFF_EXAMPLE_ZH = """
            {"note": "外包装破损受潮，已按规定销毁"}""";
    static final String WRITE_OFF_EXAMPLE_EN =
            """
            {"note": "Packaging torn and soaked; destroyed as the rules require"}""";

    @POST
    @Path("{id}/write-off")
    @RolesAllowed(Roles.OPS)
    @Operation(
            summary = "Write quarantined units off",
            description = "Appends a QuarantineWrittenOff entry to the "
                    + "item's stock ledger: the units leave on hand and quarantine.")
    @APIResponse(
            responseCode = "200",
            description = "Written off (or, with header Idempotent-Replayed: true, what an "
                    + "earlier POST with the same Idempotency-Key did)")
    @APIResponse(responseCode = "404", description = "Unknown quarantine (problem+json)")
    @APIResponse(responseCode = "409", description = "Already written off or released (problem+json)")
    @APIResponse(
            responseCode = "422",
            description = "Idempotency-Key already used with a different body (problem+json)")
    public Response writeOff(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "破损物资报废销毁",
                                                        value = WRITE_OFF_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Damaged units destroyed",
                                                        value = WRITE_OFF_EXAMPLE_EN)
                                            }))
                    @Valid
                    DecisionBody body,
            @Parameter(description = IdempotencyKeys.HEADER_DOC) @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey) {
        String note = note(body);
        var key = IdempotencyKeys.of(
                IdempotencyKeys.scope(null, identity),
                WRITE_OFF,
                idempotencyKey,
                Map.of("id", id, "note", note == null ? "" : note));
        return answer(quarantine.writeOff(id, note, key, EventContext.command(null, caller.actor(), null)));
    }

    static final String RELEASE_EXAMPLE_ZH = """
            {"note": "复检合格，外包装完好，可重新发放"}""";
    static final String RELEASE_EXAMPLE_EN =
            """
            {"note": "Re-inspected: seals intact, fit to hand out again"}""";

    @POST
    @Path("{id}/release")
    @RolesAllowed(Roles.OPS)
    @Operation(
            summary = "Release quarantined units back to available stock",
            description = "Appends a "
                    + "QuarantineReleased entry to the item's stock ledger: the units are available again and offered to the "
                    + "waiting reservations at once.")
    @APIResponse(
            responseCode = "200",
            description = "Released (or, with header Idempotent-Replayed: true, what an "
                    + "earlier POST with the same Idempotency-Key did)")
    @APIResponse(responseCode = "404", description = "Unknown quarantine (problem+json)")
    @APIResponse(responseCode = "409", description = "Already written off or released (problem+json)")
    @APIResponse(
            responseCode = "422",
            description = "Idempotency-Key already used with a different body (problem+json)")
    public Response release(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "复检合格，放回可用库存",
                                                        value = RELEASE_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Re-inspected and fit to hand out",
                                                        value = RELEASE_EXAMPLE_EN)
                                            }))
                    @Valid
                    DecisionBody body,
            @Parameter(description = IdempotencyKeys.HEADER_DOC) @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey) {
        String note = note(body);
        var key = IdempotencyKeys.of(
                IdempotencyKeys.scope(null, identity),
                RELEASE,
                idempotencyKey,
                Map.of("id", id, "note", note == null ? "" : note));
        return answer(quarantine.release(id, note, key, EventContext.command(null, caller.actor(), null)));
    }

    private static String note(DecisionBody body) {
        return body == null || body.note() == null || body.note().isBlank()
                ? null
                : body.note().strip();
    }

    private static Response answer(IdempotencyKeys.Outcome<QuarantineService.QuarantineRow> outcome) {
        Response.ResponseBuilder ok = Response.ok(outcome.value());
        if (outcome.replayed()) {
            ok.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        return ok.build();
    }
}
