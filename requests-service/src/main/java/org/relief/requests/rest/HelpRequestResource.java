package org.relief.requests.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.security.WriteRateLimiter;
import org.relief.kernel.web.Csv;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.kernel.web.Messages;
import org.relief.kernel.web.PageQuery;
import org.relief.kernel.web.ProblemException;
import org.relief.kernel.web.ProblemMappers;
import org.relief.requests.domain.Priority;
import org.relief.requests.domain.ReceiptLine;
import org.relief.requests.domain.Vulnerability;
import org.relief.requests.projection.HelpRequestView;
import org.relief.requests.service.HelpRequestCommands;
import org.relief.requests.service.HelpRequestDetails;
import org.relief.requests.service.HelpRequestFilter;
import org.relief.requests.service.HelpRequestPage;
import org.relief.requests.service.HelpRequestQueries;
import org.relief.requests.service.SubmitOutcome;

/** Help requests. Partners act for the organisation in their token; ops act for any (see {@link Caller}). */
@Path("/help-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Help requests")
public class HelpRequestResource {
    /** the Idempotency-Key operation name of POST /help-requests (rows moved by V4 carry it too) */
    public static final String OPERATION = "help-requests";

    static final String EXAMPLE_ZH =
            """
            {"kind": "SUPPLIES", "priority": "CRITICAL", "vulnerabilities": ["ELDERLY_LIVING_ALONE"],
             "community": "锦业路小区", "district": "雁塔区", "address": "雁塔区锦业路 1 号",
             "contactName": "王主任", "contactPhone": "+86 29 8888 0000",
             "lines": [{"item": "n95-mask", "quantity": 1000, "unit": "piece"},
                       {"item": "protective-suit", "quantity": 200, "unit": "piece"}],
             "note": "我们社区缺少口罩和防护服，独居老人较多"}""";
    static final String EXAMPLE_EN =
            """
            {"kind": "SUPPLIES", "priority": "HIGH", "vulnerabilities": ["CHRONIC_ILLNESS"],
             "community": "Jinye Road compound", "district": "Yanta",
             "lines": [{"item": "insulin-pen", "quantity": 30, "unit": "piece"}],
             "note": "Three diabetic residents run out of insulin this week"}""";

    private final HelpRequestCommands commands;
    private final HelpRequestQueries queries;
    private final Caller caller;
    private final Validator validator;
    private final WriteRateLimiter rateLimit;
    private final ZoneId zone;

    @Inject
    public HelpRequestResource(
            HelpRequestCommands commands,
            HelpRequestQueries queries,
            Caller caller,
            Validator validator,
            WriteRateLimiter rateLimit,
            @ConfigProperty(name = "relief.local-zone") ZoneId zone) {
        this.commands = commands;
        this.queries = queries;
        this.caller = caller;
        this.validator = validator;
        this.rateLimit = rateLimit;
        this.zone = zone;
    }

    @POST
    @RolesAllowed({Roles.PARTNER, Roles.OPS})
    @Operation(
            summary = "Submit a supplies, ride or care request",
            description = "Stores the request, publishes "
                    + "HelpRequestSubmitted and returns it with status SUBMITTED; inventory then takes a supplies request on "
                    + "asynchronously. A request that looks like a recent one for the same compound is stored and linked "
                    + "(likelyDuplicateOf), not dropped.")
    @APIResponse(
            responseCode = "201",
            content = @Content(schema = @Schema(implementation = HelpRequestView.class)),
            description = "Submitted (or, with header Idempotent-Replayed: true, the "
                    + "request an earlier POST with the same Idempotency-Key created)")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    @APIResponse(
            responseCode = "403",
            description = "A partner naming another organisation in organisationId (problem+json)")
    @APIResponse(
            responseCode = "422",
            description = "Idempotency-Key already used with a different body (problem+json)")
    public Response submit(
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "社区缺少口罩和防护服（物资求助）",
                                                        value = EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "A compound needs insulin (supplies request)",
                                                        value = EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    SubmitHelpRequestBody body,
            @Parameter(
                            description = "Makes retries safe: the same key and body return the first result; "
                                    + "at most 100 characters, scoped to the organisation")
                    @HeaderParam("Idempotency-Key")
                    String idempotencyKey,
            @Context UriInfo uri) {
        IdempotencyKeys.checked(idempotencyKey);
        // a partner acts for the organisation in its token (a different organisationId in the body is a 403); ops
        // must name the organisation they submit for
        String organisation = caller.actingFor(body.organisationId());
        var command = body.toCommand(organisation);
        // keys are scoped to the organisation; the hash covers the body as it acts: a retry with or without the
        // partner's own organisationId is the same
        var key = IdempotencyKeys.of(organisation, OPERATION, idempotencyKey, body.forOrganisation(organisation));
        SubmitOutcome outcome = commands.submit(command, key, EventContext.command(null, caller.actor(), organisation));
        HelpRequestView view = outcome.request();
        return IdempotencyKeys.created(
                uri.getAbsolutePathBuilder().path(view.id).build(), view, outcome.replayed());
    }

    @GET
    @RolesAllowed({Roles.PARTNER, Roles.OPS})
    @Operation(
            summary = "List help requests, newest first",
            description = "Filters combine; submittedFrom is inclusive, submittedTo exclusive (a date alone covers "
                    + "that whole day in the platform's local zone, Asia/Shanghai by default). updatedSince (inclusive) "
                    + "lists what changed since, oldest change first, for clients that poll. size at most 200. A partner "
                    + "sees only its own organisation's requests; ops see all and may filter by organisationId.")
    @APIResponse(responseCode = "200", description = "One page of the caller's help requests")
    @APIResponse(responseCode = "400", description = "Invalid filter (problem+json naming the parameter)")
    @APIResponse(responseCode = "403", description = "A partner filtering by another organisation (problem+json)")
    public HelpRequestPage list(@Valid @BeanParam ListQuery query, @Valid @BeanParam PageQuery paging) {
        String organisation = caller.readingFor(query.organisationId);
        return queries.list(query.filter(organisation, zone), paging.pageNumber(), paging.pageSize());
    }

    @GET
    @Path("export")
    @Produces(Csv.MEDIA_TYPE)
    @RolesAllowed({Roles.PARTNER, Roles.OPS})
    @Operation(
            summary = "The caller's help requests as a CSV sheet",
            description = "The same filters as the list (paging aside), newest first: one row per supplies line, "
                    + "times in the platform's local zone, UTF-8 with a byte order mark (Excel reads the Chinese "
                    + "right). No personal data (contact, passenger, the note). At most " + Csv.MAX_EXPORT
                    + " requests: narrow a bigger "
                    + "export by submittedFrom/submittedTo.")
    @APIResponse(
            responseCode = "200",
            description = "The sheet (Content-Disposition: attachment)",
            content = @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid filter, or more than " + Csv.MAX_EXPORT + " requests match (problem+json)")
    @APIResponse(responseCode = "403", description = "A partner filtering by another organisation (problem+json)")
    public Response export(@Valid @BeanParam ListQuery query) {
        String organisation = caller.readingFor(query.organisationId);
        HelpRequestFilter filter = query.filter(organisation, zone);
        List<HelpRequestView> all =
                Csv.everyPage((n, size) -> queries.list(filter, n, size), "submittedFrom, submittedTo");
        String day = LocalDate.now(zone).toString();
        return Csv.attachment(
                Csv.write(HelpRequestSheet.EXPORT_COLUMNS, HelpRequestSheet.exportRows(all, zone)),
                "help-requests-" + day + ".csv");
    }

    @POST
    @Path("import")
    @Consumes({Csv.MEDIA_TYPE, MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.PARTNER, Roles.OPS})
    @Operation(
            summary = "Submit a batch of supplies requests kept in a CSV sheet",
            description = "Columns (header row, any order): ref, priority, community, district, item, quantity, unit "
                    + "(required); organisation_id (ops), vulnerabilities (separated by ;), address, contact_name, "
                    + "contact_phone, needed_by (2026-12-01 16:00 in the platform's zone, or an instant), note. One row "
                    + "per supplies line; rows with the same ref are one request. Every request is checked by the same "
                    + "rules as POST /help-requests and submitted on its own: the answer reports, per request and row, "
                    + "what was accepted and what was not and why. With an Idempotency-Key, uploading the same sheet "
                    + "again replays what was accepted instead of submitting it twice. At most "
                    + HelpRequestSheet.MAX_ROWS + " rows.")
    @APIResponse(responseCode = "200", description = "The report: accepted, replayed and rejected requests")
    @APIResponse(
            responseCode = "400",
            description = "Not CSV, a header with unknown or missing columns, or too many rows (problem+json)")
    public ImportReport importSheet(
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = Csv.MEDIA_TYPE,
                                            schema = @Schema(type = SchemaType.STRING),
                                            examples =
                                                    @ExampleObject(
                                                            name = "zh",
                                                            summary = "两条求助，其中一条含两种物资",
                                                            value = SHEET_EXAMPLE)))
                    String sheet,
            @Parameter(
                            description =
                                    "Makes an upload safe to repeat: each request of the sheet is keyed by it and "
                                            + "its ref")
                    @HeaderParam("Idempotency-Key")
                    String idempotencyKey,
            @Context HttpHeaders headers) {
        IdempotencyKeys.checked(idempotencyKey);
        boolean zh = ProblemMappers.chinese(headers);
        List<Csv.Row> rows = Csv.read(
                sheet == null ? "" : sheet,
                HelpRequestSheet.IMPORT_COLUMNS,
                HelpRequestSheet.REQUIRED,
                HelpRequestSheet.MAX_ROWS);
        List<ImportReport.Outcome> outcomes = new ArrayList<>();
        boolean firstIsPaid = true; // the upload itself took one write from the organisation's rate limit
        for (HelpRequestSheet.Entry entry : HelpRequestSheet.entries(rows, validator, zone, zh)) {
            long wait = entry.body() == null || firstIsPaid ? 0 : rateLimit.takeAnother();
            if (wait > 0) {
                // every request counts against the write limit as if posted alone; the rest waits for an upload again
                outcomes.add(ImportReport.Outcome.rejected(
                        entry,
                        List.of(new HelpRequestSheet.RowError(
                                entry.rows().get(0), null, Messages.text(zh, "csv.rate-limited", wait)))));
                continue;
            }
            firstIsPaid = firstIsPaid && entry.body() == null;
            outcomes.add(submitted(entry, idempotencyKey, zh));
        }
        return ImportReport.of(outcomes);
    }

    static final String SHEET_EXAMPLE =
            """
            ref,priority,community,district,item,quantity,unit,note
            1,CRITICAL,锦业路小区,雁塔区,n95-mask,1000,piece,独居老人较多
            1,CRITICAL,锦业路小区,雁塔区,protective-suit,200,piece,
            2,HIGH,丈八街道二号院,雁塔区,rice-10kg,50,bag,
            """;

    /** One request of a sheet submitted as POST /help-requests would, or why it was not. */
    private ImportReport.Outcome submitted(HelpRequestSheet.Entry entry, String idempotencyKey, boolean zh) {
        long first = entry.rows().get(0);
        if (entry.body() == null) {
            return ImportReport.Outcome.rejected(entry, entry.errors());
        }
        try {
            String organisation = caller.actingFor(entry.body().organisationId());
            var key = idempotencyKey == null
                    ? null
                    : IdempotencyKeys.of(
                            organisation,
                            OPERATION + "-import",
                            IdempotencyKeys.derived(idempotencyKey, entry.ref()),
                            entry.body().forOrganisation(organisation));
            SubmitOutcome outcome = commands.submit(
                    entry.body().toCommand(organisation),
                    key,
                    EventContext.command(null, caller.actor(), organisation));
            return ImportReport.Outcome.submitted(entry, outcome.request().id, outcome.replayed());
        } catch (ProblemException e) {
            // a 403 is the sheet naming an organisation the caller may not act for, a 400 ops naming none
            boolean organisation =
                    e.status() == 403 || (e.status() == 400 && entry.body().organisationId() == null);
            return ImportReport.Outcome.rejected(
                    entry,
                    List.of(new HelpRequestSheet.RowError(
                            first, organisation ? "organisation_id" : null, e.detail(zh))));
        } catch (RuleViolation e) {
            return ImportReport.Outcome.rejected(
                    entry, List.of(new HelpRequestSheet.RowError(first, null, e.message(zh))));
        }
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.PARTNER, Roles.OPS})
    @Operation(summary = "A help request with its status, progress, likely duplicates and its timeline of events")
    @APIResponse(responseCode = "200", description = "The request, its progress, likely duplicates and timeline")
    @APIResponse(responseCode = "404", description = "Unknown request, or another organisation's (problem+json)")
    public HelpRequestDetails get(@PathParam("id") String id) {
        return queries.get(id, caller.scope());
    }

    static final String CANCEL_EXAMPLE_ZH = """
            {"reason": "街道办已送来口罩和防护服，不再需要"}""";
    static final String CANCEL_EXAMPLE_EN =
            """
            {"reason": "The sub-district office already delivered the masks; no longer needed"}""";

    @POST
    @Path("{id}/cancellation")
    @RolesAllowed({Roles.PARTNER, Roles.OPS})
    @Operation(
            summary = "Cancel a request",
            description = "Publishes HelpRequestCancelled; inventory releases its " + "reservation.")
    @APIResponse(responseCode = "200", description = "Cancelled; the request as it now stands")
    @APIResponse(responseCode = "404", description = "Unknown request, or another organisation's (problem+json)")
    @APIResponse(responseCode = "409", description = "Already fulfilled, cancelled or expired (problem+json)")
    public HelpRequestView cancel(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "已从街道办获得物资，取消求助",
                                                        value = CANCEL_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Supplies came from elsewhere; cancel the request",
                                                        value = CANCEL_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    CancellationBody body) {
        return commands.cancel(id, body.reason().strip(), caller.scope(), caller.actor());
    }

    static final String RECEIPT_EXAMPLE_ZH =
            """
            {"lines": [{"item": "n95-mask", "accepted": 995, "rejected": 5, "rejectionReason": "包装破损"},
                       {"item": "protective-suit", "accepted": 200, "rejected": 0}]}""";
    static final String RECEIPT_EXAMPLE_EN =
            """
            {"lines": [{"item": "rice-10kg", "accepted": 48, "rejected": 2,
                        "rejectionReason": "Two bags split open in transit"}]}""";

    @POST
    @Path("{id}/receipt")
    @RolesAllowed({Roles.PARTNER, Roles.OPS})
    @Operation(
            summary = "Confirm what arrived",
            description = "Settles the listed lines only: accepted quantities "
                    + "count as delivered (inventory issues them), rejected ones go back to stock; what is not listed or not "
                    + "yet accounted for stays reserved for a later receipt. Without lines (an empty body or {}) it confirms "
                    + "exactly what the proofs of delivery of the reported trips say (accepted, rejected and why) and no "
                    + "earlier receipt confirmed. The request is FULFILLED when every line is delivered completely, else "
                    + "PARTIALLY_DELIVERED. Publishes HelpRequestReceiptConfirmed.")
    @APIResponse(responseCode = "200", description = "Confirmed; the request as it now stands")
    @APIResponse(responseCode = "400", description = "Invalid lines (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown request, or another organisation's (problem+json)")
    @APIResponse(
            responseCode = "409",
            description = "Nothing reserved or on its way, more than that confirmed, or "
                    + "no lines and no reported delivery awaiting confirmation (problem+json)")
    public HelpRequestView receipt(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "口罩 5 只包装破损拒收，其余全部接收",
                                                        value = RECEIPT_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Two split bags of rice rejected, the rest accepted",
                                                        value = RECEIPT_EXAMPLE_EN)
                                            }))
                    @Valid
                    ReceiptBody body) {
        if (body == null || body.lines() == null) {
            return commands.confirmReceipt(id, null, caller.scope(), caller.actor());
        }
        return commands.confirmReceipt(
                id,
                body.lines().stream()
                        .map(l -> new ReceiptLine(l.item().strip(), l.accepted(), l.rejected(), l.rejectionReason()))
                        .toList(),
                caller.scope(),
                caller.actor());
    }

    @Schema(name = "PersonalDataErasure", description = "Why the person's data is erased (e.g. the person asked)")
    public record ErasureBody(@Schema(example = "本人要求删除个人信息") @NotBlank @Size(max = 500) String reason) {}

    static final String ERASURE_EXAMPLE_ZH = """
            {"reason": "本人要求删除个人信息"}""";
    static final String ERASURE_EXAMPLE_EN =
            """
            {"reason": "The resident asked for their personal data to be deleted"}""";

    @POST
    @Path("{id}/personal-data-erasure")
    @RolesAllowed({Roles.PARTNER, Roles.OPS})
    @Operation(
            summary = "Erase the personal data of an ended request",
            description =
                    "Deletes the request's data "
                            + "key here and, through personal-data.keys.v1, on every service (crypto-shredding): its contact name and "
                            + "phone, address, note, passenger and person read \"[erased]\" everywhere from then on, in every answer of "
                            + "every service and in every copy stored or published before; events, quantities and figures stay. Only "
                            + "once the request has ended (FULFILLED, PARTIALLY_DELIVERED with the shortfall accepted, CANCELLED, "
                            + "EXPIRED); retention does it by itself a set time after that (docs/privacy.md). A repeat changes nothing.")
    @APIResponse(responseCode = "200", description = "Erased; the request as it now stands")
    @APIResponse(responseCode = "404", description = "Unknown request, or another organisation's (problem+json)")
    @APIResponse(responseCode = "409", description = "The request has not ended yet (problem+json)")
    public HelpRequestView erasePersonalData(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "联系人要求删除个人信息",
                                                        value = ERASURE_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "The resident asked to be erased",
                                                        value = ERASURE_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    ErasureBody body) {
        return commands.erasePersonalData(id, body.reason().strip(), caller.scope(), caller.actor());
    }

    /** the Idempotency-Key operation name of POST /help-requests/{id}/shortfall-acceptance */
    public static final String SHORTFALL_ACCEPTANCE = "shortfall-acceptance";

    @Schema(name = "ShortfallAcceptance", description = "Why the shortfall is acceptable (optional)")
    public record ShortfallAcceptanceBody(@Schema(example = "5 只破损口罩不必补发") @Size(max = 500) String note) {}

    static final String SHORTFALL_EXAMPLE_ZH = """
            {"note": "5 只破损口罩不必补发"}""";
    static final String SHORTFALL_EXAMPLE_EN =
            """
            {"note": "No need to replace the two split bags of rice"}""";

    @POST
    @Path("{id}/shortfall-acceptance")
    @RolesAllowed({Roles.PARTNER, Roles.OPS})
    @Operation(
            summary = "Accept the shortfall instead of waiting for replacements",
            description = "Units rejected at "
                    + "a delivery are reserved again and sent on a follow-up trip; instead, the partner may accept that what "
                    + "has not arrived will not come. The request ends FULFILLED with what was received (shortfallAccepted in "
                    + "its state); publishes HelpRequestShortfallAccepted: inventory releases what it still holds for the "
                    + "request, dispatch cancels the follow-up trips not yet picked up. Only after something was received and "
                    + "while nothing is on its way or delivered awaiting the receipt.")
    @APIResponse(
            responseCode = "200",
            description = "Accepted; the request as it now stands (or, with header "
                    + "Idempotent-Replayed: true, as it stands after an earlier POST with the same Idempotency-Key)")
    @APIResponse(responseCode = "404", description = "Unknown request, or another organisation's (problem+json)")
    @APIResponse(
            responseCode = "409",
            description = "Nothing received yet, goods still on their way or awaiting the "
                    + "receipt, or the request has ended (problem+json)")
    @APIResponse(
            responseCode = "422",
            description = "Idempotency-Key already used with a different body (problem+json)")
    public Response acceptShortfall(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "破损口罩不必补发",
                                                        value = SHORTFALL_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "No replacement needed for the rejected rice",
                                                        value = SHORTFALL_EXAMPLE_EN)
                                            }))
                    @Valid
                    ShortfallAcceptanceBody body,
            @Parameter(description = IdempotencyKeys.HEADER_DOC) @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey) {
        String note = body == null || body.note() == null || body.note().isBlank()
                ? null
                : body.note().strip();
        // keys are scoped to the partner's organisation, or to the ops user
        var key = IdempotencyKeys.of(
                caller.isOps() ? caller.actor() : caller.organisationId(),
                SHORTFALL_ACCEPTANCE,
                idempotencyKey,
                java.util.Map.of("id", id, "note", note == null ? "" : note));
        var outcome = commands.acceptShortfall(id, note, key, caller.scope(), caller.actor());
        Response.ResponseBuilder ok = Response.ok(outcome.value());
        if (outcome.replayed()) {
            ok.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        return ok.build();
    }

    /** the Idempotency-Key operation name of POST /help-requests/{id}/priority-correction */
    public static final String PRIORITY_CORRECTION = "priority-correction";

    @Schema(
            name = "PriorityCorrection",
            description =
                    "The priority in force from now and, optionally, the corrected "
                            + "vulnerability flags (left out: unchanged), with the reason the partner will read on its timeline")
    public record PriorityCorrectionBody(
            @Schema(example = "HIGH") @NotNull Priority priority,
            @Schema(example = "[\"ELDERLY_LIVING_ALONE\"]") List<@NotNull Vulnerability> vulnerabilities,
            @Schema(example = "经电话核实，仅一位独居老人，无其他弱势情况") @jakarta.validation.constraints.NotBlank @Size(max = 500)
                    String reason) {}

    static final String PRIORITY_EXAMPLE_ZH =
            """
            {"priority": "CRITICAL", "vulnerabilities": ["ELDERLY_LIVING_ALONE", "CHRONIC_ILLNESS"],
             "reason": "经电话核实，独居老人患糖尿病，胰岛素仅够两天"}""";
    static final String PRIORITY_EXAMPLE_EN =
            """
            {"priority": "NORMAL", "reason": "Checked by phone: the family has food for a week"}""";

    @POST
    @Path("{id}/priority-correction")
    @RolesAllowed(Roles.OPS)
    @Operation(
            summary = "Correct a request's priority and vulnerability flags (ops)",
            description = "Nothing "
                    + "verifies what a partner submits; ops correct it after checking. Records PriorityCorrected (on the "
                    + "partner's timeline in English and Chinese), shows the corrected priority and flags on the request "
                    + "(submittedPriority and submittedVulnerabilities keep what was submitted) and publishes "
                    + "HelpRequestPriorityCorrected: inventory gives a reservation still waiting for stock its new place in "
                    + "the allocation queue.")
    @APIResponse(
            responseCode = "200",
            description = "Corrected; the request as it now stands (or, with header "
                    + "Idempotent-Replayed: true, as it stands after an earlier POST with the same Idempotency-Key)")
    @APIResponse(
            responseCode = "400",
            description = "Missing or unknown priority, unknown flag, missing reason or "
                    + "over 500 characters (problem+json)")
    @APIResponse(responseCode = "403", description = "Not ops (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown request (problem+json)")
    @APIResponse(responseCode = "409", description = "The request has ended, or nothing would change (problem+json)")
    @APIResponse(
            responseCode = "422",
            description = "Idempotency-Key already used with a different body (problem+json)")
    public Response correctPriority(
            @PathParam("id") String id,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "核实后提升为紧急：独居老人，胰岛素将断",
                                                        value = PRIORITY_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Lowered after a phone check; flags unchanged",
                                                        value = PRIORITY_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    PriorityCorrectionBody body,
            @Parameter(description = IdempotencyKeys.HEADER_DOC) @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey) {
        String reason = body.reason().strip();
        var flags = body.vulnerabilities() == null
                ? null
                : body.vulnerabilities().stream().distinct().sorted().toList();
        var key = IdempotencyKeys.of(
                caller.actor(),
                PRIORITY_CORRECTION,
                idempotencyKey,
                java.util.Map.of(
                        "id",
                        id,
                        "priority",
                        body.priority().name(),
                        "vulnerabilities",
                        flags == null ? "unchanged" : flags.toString(),
                        "reason",
                        reason));
        var outcome = commands.correctPriority(id, body.priority(), flags, reason, key, caller.scope(), caller.actor());
        Response.ResponseBuilder ok = Response.ok(outcome.value());
        if (outcome.replayed()) {
            ok.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        return ok.build();
    }
}
