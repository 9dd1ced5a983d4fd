package org.relief.inventory.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.inventory.domain.AdjustmentReason;
import org.relief.inventory.domain.Texts;
import org.relief.inventory.service.FieldProblem;
import org.relief.inventory.service.StockLedgerQueries;
import org.relief.inventory.service.StockQueries;
import org.relief.inventory.service.StockRow;
import org.relief.inventory.service.StockService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.kernel.web.PageQuery;

@Path("/stock")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Stock ledger")
public class StockResource {
    /** the Idempotency-Key operation names */
    public static final String ADJUSTMENTS = "stock-adjustments";

    public static final String REVERSALS = "stock-reversals";

    private final StockService stock;
    private final StockQueries figures;
    private final Caller caller;
    private final SecurityIdentity identity;
    private final StockLedgerQueries ledger;
    private final ZoneId zone;

    @Inject
    public StockResource(
            StockService stock,
            StockQueries figures,
            Caller caller,
            SecurityIdentity identity,
            StockLedgerQueries ledger,
            @ConfigProperty(name = "relief.local-zone") ZoneId zone) {
        this.stock = stock;
        this.figures = figures;
        this.caller = caller;
        this.identity = identity;
        this.ledger = ledger;
        this.zone = zone;
    }

    @Schema(name = "StockAdjustment")
    public record AdjustmentBody(
            @NotBlank @Size(max = 64) String warehouseId,
            @Schema(example = "n95-mask") @NotBlank @Size(max = 64) String item,
            @NotBlank @Size(max = 64) String lotId,
            @Schema(
                            description = "added to on hand; negative for losses, never 0; a whole number "
                                    + "when the item's unit is counted (piece, box, bag, ...)",
                            example = "-20")
                    @NotNull
                    @DecimalMin("-100000000")
                    @DecimalMax("100000000")
                    BigDecimal delta,
            @NotNull AdjustmentReason reason,
            @Schema(example = "运输途中受潮 20 个") @Size(max = 2000) String note) {}

    @Schema(name = "StockReversal")
    public record ReversalBody(
            @NotBlank @Size(max = 64) String entryId,
            @Schema(example = "重复录入") @NotBlank @Size(max = 500) String reason) {}

    @GET
    @Authenticated
    @Operation(
            summary = "Stock on hand, reserved and available per warehouse and item",
            description =
                    "Now from the stock read model, or as it stood at a past instant (asOf) from the ledger. With "
                            + "byLot=true each lot's origin (donationId, donorOrganisationId) is shown to ops for every lot and to "
                            + "a donor only for its own organisation's donations; every other lot, and every lot for other roles "
                            + "(partner, dispatcher, volunteer-coordinator), is listed with its quantities, both origin fields "
                            + "null and origin WITHHELD.")
    @APIResponse(responseCode = "200", description = "The stock positions")
    @APIResponse(responseCode = "404", description = "Unknown item or warehouse (problem+json)")
    public List<StockRow> positions(
            @QueryParam("item") String item,
            @QueryParam("warehouseId") String warehouseId,
            @Parameter(description = "ISO-8601 instant, e.g. 2021-12-24T08:00:00Z") @QueryParam("asOf") String asOf,
            @QueryParam("byLot") boolean byLot) {
        Instant at = null;
        if (asOf != null && !asOf.isBlank()) {
            try {
                at = Instant.parse(asOf.strip());
            } catch (DateTimeParseException e) {
                throw FieldProblem.of("asOf", Texts.of("field.instant"));
            }
        }
        return figures.positions(blankToNull(item), blankToNull(warehouseId), at, byLot);
    }

    @GET
    @Path("ledger")
    @RolesAllowed(Roles.OPS)
    @Operation(
            summary = "The stock ledger's entries, newest first (ops)",
            description = "Every entry that moved stock: RECEIVED (a donation's lot), RESERVED and RELEASED (for a "
                    + "request), ISSUED (accepted at a receipt), ADJUSTED (a count), REVERSED, WRITTEN_OFF, QUARANTINED, "
                    + "QUARANTINE_RELEASED, QUARANTINE_WRITTEN_OFF. Filters combine: item, warehouseId, kind, requestId, "
                    + "from (inclusive) and to (exclusive; a date alone covers that whole day in the platform's local "
                    + "zone). size at most 200.")
    @APIResponse(responseCode = "200", description = "One page of ledger entries")
    @APIResponse(responseCode = "400", description = "Invalid filter (problem+json naming the parameter)")
    public StockLedgerQueries.LedgerPage ledger(@Valid @BeanParam LedgerQuery q, @Valid @BeanParam PageQuery paging) {
        return ledger.list(q.filter(zone), paging.pageNumber(), paging.pageSize());
    }

    static final String ADJUSTMENT_EXAMPLE_ZH =
            """
            {"warehouseId": "5b0e7c1e-2f4a-4d1e-9c59-7c3d2a1b0f11", "item": "n95-mask",
             "lotId": "9a3f5c7e-1b2d-4e6f-8a0b-3c5d7e9f1a24", "delta": -20, "reason": "DAMAGED",
             "note": "运输途中受潮 20 个"}""";
    static final String ADJUSTMENT_EXAMPLE_EN =
            """
            {"warehouseId": "5b0e7c1e-2f4a-4d1e-9c59-7c3d2a1b0f11", "item": "rice-10kg",
             "lotId": "c6e2a8f4-0b1d-4c3e-9f5a-7d8b6e4c2a13", "delta": 3, "reason": "FOUND",
             "note": "3 bags found behind a pallet rack at the stocktake"}""";

    @POST
    @Path("adjustments")
    @RolesAllowed(Roles.OPS)
    @Operation(
            summary = "Correct the count of one lot (damaged, expired, lost, found, count correction)",
            description = "Appends an Adjusted entry; nothing is edited. Refused with 409 if on hand would drop below "
                    + "what is reserved (or below zero).")
    @APIResponse(
            responseCode = "201",
            content = @Content(schema = @Schema(implementation = StockService.EntryResult.class)),
            description =
                    "The new ledger entry (or, with header Idempotent-Replayed: "
                            + "true, the entry an earlier POST with the same Idempotency-Key appended, with the lot's current figures)")
    @APIResponse(
            responseCode = "400",
            description = "Invalid fields, e.g. a fractional delta of an item counted in "
                    + "whole units (problem+json naming delta)")
    @APIResponse(responseCode = "409", description = "Would break a stock invariant (problem+json)")
    @APIResponse(
            responseCode = "422",
            description = "Idempotency-Key already used with a different body (problem+json)")
    public Response adjust(
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "20 个口罩受潮报损",
                                                        value = ADJUSTMENT_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Three bags of rice found at the stocktake",
                                                        value = ADJUSTMENT_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    AdjustmentBody body,
            @Parameter(description = IdempotencyKeys.HEADER_DOC) @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey) {
        var key = IdempotencyKeys.of(IdempotencyKeys.scope(null, identity), ADJUSTMENTS, idempotencyKey, body);
        var outcome = stock.adjust(
                body.warehouseId(),
                body.item(),
                body.lotId(),
                body.delta(),
                body.reason(),
                body.note(),
                key,
                EventContext.command(null, caller.actor(), null));
        return IdempotencyKeys.created(null, outcome.value(), outcome.replayed());
    }

    static final String REVERSAL_EXAMPLE_ZH =
            """
            {"entryId": "e1c7a3b5-9d2f-4a6e-8c0b-5f3d1e7a9b62", "reason": "重复录入"}""";
    static final String REVERSAL_EXAMPLE_EN =
            """
            {"entryId": "1f8b3d5a-7c9e-4b0d-a2f4-6e8c0a2b4d95",
             "reason": "Count adjustment entered against the wrong lot"}""";

    @POST
    @Path("reversals")
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Reverse a receipt or an adjustment by appending the opposite entry")
    @APIResponse(
            responseCode = "201",
            content = @Content(schema = @Schema(implementation = StockService.EntryResult.class)),
            description = "The reversing ledger entry (or, with header "
                    + "Idempotent-Replayed: true, the one an earlier POST with the same Idempotency-Key appended)")
    @APIResponse(responseCode = "400", description = "Invalid fields or unknown entry (problem+json)")
    @APIResponse(
            responseCode = "409",
            description = "Already reversed, not reversible, or would break a stock invariant")
    @APIResponse(
            responseCode = "422",
            description = "Idempotency-Key already used with a different body (problem+json)")
    public Response reverse(
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "冲销重复录入的流水",
                                                        value = REVERSAL_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Undo an adjustment booked on the wrong lot",
                                                        value = REVERSAL_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    ReversalBody body,
            @Parameter(description = IdempotencyKeys.HEADER_DOC) @HeaderParam(IdempotencyKeys.HEADER)
                    String idempotencyKey) {
        var key = IdempotencyKeys.of(IdempotencyKeys.scope(null, identity), REVERSALS, idempotencyKey, body);
        var outcome = stock.reverse(
                body.entryId().strip(), body.reason(), key, EventContext.command(null, caller.actor(), null));
        return IdempotencyKeys.created(null, outcome.value(), outcome.replayed());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
