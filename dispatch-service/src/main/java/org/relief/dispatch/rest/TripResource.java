package org.relief.dispatch.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.relief.dispatch.domain.DeliveredLine;
import org.relief.dispatch.domain.TripLine;
import org.relief.dispatch.domain.VehicleChoice;
import org.relief.dispatch.service.TripQueries;
import org.relief.dispatch.service.TripService;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.web.AcceptLanguage;
import org.relief.kernel.web.EntityVersions;
import org.relief.kernel.web.PageQuery;

/**
 * Trips for the dispatch desks: a dispatcher sees the trips booked on its organisation's vehicles and every queued
 * trip, and reports pickup, delivery, failure or cancellation of its own trips; ops see and act on all. A ride's
 * passenger (name, phone, addresses) only where the desk needs it to act: see {@code PassengerPrivacy}.
 */
@Path("/trips")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Trips")
@RolesAllowed({Roles.DISPATCHER, Roles.OPS})
public class TripResource {
    static final String MAX_QUANTITY = "1000000000";

    private final TripService trips;
    private final TripQueries queries;
    private final Caller caller;

    @Inject
    public TripResource(TripService trips, TripQueries queries, Caller caller) {
        this.trips = trips;
        this.queries = queries;
        this.caller = caller;
    }

    /** Query parameters arrive as strings and are checked by Bean Validation, so a bad one is a 400 naming it. */
    public static class ListQuery {
        @QueryParam("status")
        @Pattern(regexp = "QUEUED|SCHEDULED|PICKED_UP|DELIVERED|FAILED|CANCELLED")
        public String status;

        @QueryParam("requestId")
        @Size(max = 100)
        public String requestId;

        @QueryParam("vehicleId")
        @Size(max = 100)
        public String vehicleId;

        @QueryParam("kind")
        @Pattern(regexp = "FREIGHT|RIDE")
        public String kind;
    }

    @Schema(name = "LoadedLine")
    public record LoadedLine(
            @Schema(example = "n95-mask") @NotBlank @Size(max = 100) String item,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(MAX_QUANTITY) BigDecimal quantity) {}

    @Schema(name = "ReportPickup", description = "lines: what was loaded (FREIGHT); left out: the planned load")
    public record PickupBody(@Size(max = 100) List<@Valid @NotNull LoadedLine> lines) {}

    @Schema(name = "DeliveryLine")
    public record DeliveryLine(
            @NotBlank @Size(max = 100) String item,
            @NotNull @DecimalMin("0") @DecimalMax(MAX_QUANTITY) BigDecimal accepted,
            @DecimalMin("0") @DecimalMax(MAX_QUANTITY) BigDecimal rejected,
            @Schema(example = "包装破损") @Size(max = 500) String rejectionReason) {}

    @Schema(
            name = "ReportDelivery",
            description = "FREIGHT: who signed and what was accepted/rejected per line; RIDE: {}")
    public record DeliveryBody(
            @Schema(example = "李主任") @Size(max = 100) String receivedBy,
            @Size(max = 1000) String note,
            @Size(max = 100) List<@Valid @NotNull DeliveryLine> lines) {}

    @Schema(name = "AssignVehicle", description = "Put a waiting trip on a vehicle, or move a scheduled one to another")
    public record AssignmentBody(
            @NotBlank @Size(max = 100) String vehicleId, @Schema(example = "原车辆临时维修") @Size(max = 500) String reason) {}

    @Schema(name = "VehicleOption", description = "A vehicle the desk may put the trip on; the first is the suggestion")
    public record VehicleOption(
            String vehicleId,
            String plate,
            String kind,
            String carrierId,
            String homeDistrict,
            BigDecimal payloadKg,
            BigDecimal volumeM3,
            boolean wheelchairAccessible,
            boolean suggested,
            @Schema(description = "why it fits, in the request's language (Accept-Language: zh or en)")
                    List<String> explanation) {}

    @Schema(name = "VehicleOptions")
    public record VehicleOptions(String tripId, List<VehicleOption> items) {}

    @Schema(name = "ReportFailure")
    public record FailureBody(@Schema(example = "道路封闭") @NotBlank @Size(max = 500) String reason) {}

    @Schema(name = "CancelTrip")
    public record CancellationBody(@Schema(example = "车辆调往其他任务") @NotBlank @Size(max = 500) String reason) {}

    @GET
    @RolesAllowed({Roles.DISPATCHER, Roles.PARTNER, Roles.OPS})
    @Operation(
            summary = "Trips, newest first (dispatcher: its vehicles' trips and the queue; partner: the trips "
                    + "carrying its own requests, a ride's passenger withheld; ops: all)")
    @APIResponse(responseCode = "200", description = "One page of trips")
    @APIResponse(responseCode = "400", description = "Invalid filter (problem+json naming the parameter)")
    public TripQueries.TripPage list(@Valid @BeanParam ListQuery q, @Valid @BeanParam PageQuery paging) {
        return queries.list(
                new TripQueries.Filter(q.status, blank(q.requestId), blank(q.vehicleId), q.kind),
                caller.scope(),
                paging.pageNumber(),
                paging.pageSize());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.DISPATCHER, Roles.PARTNER, Roles.OPS})
    @Operation(summary = "One trip with its timeline of events (a partner: a trip carrying its own request)")
    @APIResponse(responseCode = "200", description = "The trip and its timeline; ETag: its version")
    @APIResponse(responseCode = "404", description = "Unknown trip, or one the caller may not see (problem+json)")
    public RestResponse<TripQueries.TripDetails> get(@PathParam("id") String id) {
        return tagged(queries.get(id, caller.scope()));
    }

    @GET
    @Path("{id}/candidates")
    @Operation(
            summary = "The vehicles the caller may put this trip on now, best first (the first is the suggestion)",
            description = "Only vehicles that pass the rules (kind, capacity, wheelchair place, on duty, dispatch "
                    + "window) and are free for the trip's period; a dispatcher's own organisation's vehicles, ops all. "
                    + "Empty when the trip is not waiting or scheduled.")
    @APIResponse(responseCode = "200", description = "The vehicles, best first")
    @APIResponse(responseCode = "404", description = "Unknown trip, or one the caller may not see (problem+json)")
    public VehicleOptions candidates(@PathParam("id") String id, @HeaderParam("Accept-Language") String language) {
        boolean zh = AcceptLanguage.prefersChinese(language);
        List<VehicleChoice.Option> options = trips.candidates(id, caller.scope());
        List<VehicleOption> items = new java.util.ArrayList<>();
        for (VehicleChoice.Option o : options) {
            var v = o.vehicle();
            items.add(new VehicleOption(
                    v.vehicleId(),
                    v.plate(),
                    v.kind().name(),
                    v.carrierId(),
                    v.homeDistrict(),
                    v.payloadKg().stripTrailingZeros(),
                    v.volumeM3().stripTrailingZeros(),
                    v.wheelchairAccessible(),
                    items.isEmpty(),
                    zh ? o.explanationZh() : o.explanation()));
        }
        return new VehicleOptions(id, items);
    }

    static final String ASSIGNMENT_EXAMPLE_ZH =
            """
            {"vehicleId": "b4d1e9a2-6c3f-4e7b-8a15-0f9c2d7e3a48", "reason": "原车辆临时维修，改派同区货车"}""";
    static final String ASSIGNMENT_EXAMPLE_EN =
            """
            {"vehicleId": "0e5a7c9b-3d1f-4b2a-9c8e-6f4d2b0a1c37",
             "reason": "The first truck broke down; moved to a free van in Yanta"}""";

    @POST
    @Path("{id}/assignment")
    @Operation(
            summary = "Put a waiting trip on a vehicle, or move a scheduled trip to another vehicle",
            description =
                    "A dispatcher assigns its own organisation's vehicles (and moves only trips on them); ops any. "
                            + "A waiting trip is scheduled (TripScheduled); a scheduled one moves (TripScheduled naming the new "
                            + "vehicle; the old one is free at once).")
    @APIResponse(responseCode = "200", description = "Assigned")
    @APIResponse(responseCode = "403", description = "Moving a trip on another organisation's vehicle (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown trip or vehicle (problem+json)")
    @APIResponse(
            responseCode = "409",
            description =
                    "A rule refuses: wrong kind, too small, no wheelchair place, off duty, booked in that period, "
                            + "or the trip is not waiting or scheduled (problem+json)")
    @APIResponse(responseCode = "412", description = "If-Match names an older version of the trip (problem+json)")
    public RestResponse<TripQueries.TripDetails> assignment(
            @PathParam("id") String id,
            @Parameter(description = "the trip's version as read (ETag); a stale one is refused with 412")
                    @HeaderParam("If-Match")
                    String ifMatch,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "原车辆维修，改派另一辆货车",
                                                        value = ASSIGNMENT_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Move the trip to another vehicle after a breakdown",
                                                        value = ASSIGNMENT_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    AssignmentBody body) {
        trips.assign(
                id, body.vehicleId().strip(), body.reason(), EntityVersions.expected(ifMatch), caller.scope(), ctx());
        return tagged(queries.afterCommand(id, caller.scope()));
    }

    static final String PICKUP_EXAMPLE_ZH =
            """
            {"lines": [{"item": "n95-mask", "quantity": 1000}, {"item": "protective-suit", "quantity": 150}]}""";
    static final String PICKUP_EXAMPLE_EN = """
            {}""";

    @POST
    @Path("{id}/pickup")
    @Operation(summary = "The vehicle collected its load (FREIGHT) or passenger (RIDE)")
    @APIResponse(responseCode = "200", description = "Picked up; publishes TripPickedUp")
    @APIResponse(responseCode = "400", description = "Invalid lines (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown trip (problem+json)")
    @APIResponse(responseCode = "409", description = "Not scheduled, or the reservation has expired (problem+json)")
    public RestResponse<TripQueries.TripDetails> pickup(
            @PathParam("id") String id,
            @Parameter(description = "the trip's version as read (ETag); a stale one is refused with 412")
                    @HeaderParam("If-Match")
                    String ifMatch,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "仓库只装上 150 件防护服（按实际装车数量报告）",
                                                        value = PICKUP_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "All planned goods loaded, or a ride (no lines)",
                                                        value = PICKUP_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    PickupBody body) {
        List<TripLine> lines = body.lines() == null
                ? null
                : body.lines().stream()
                        .map(l -> new TripLine(l.item().strip(), null, l.quantity(), null, null))
                        .toList();
        trips.pickUp(id, lines, EntityVersions.expected(ifMatch), caller.scope(), ctx());
        return tagged(queries.afterCommand(id, caller.scope()));
    }

    static final String DELIVERY_EXAMPLE_ZH =
            """
            {"receivedBy": "李主任", "note": "已送至锦业路小区北门，社区工作人员清点签收",
             "lines": [{"item": "n95-mask", "accepted": 995, "rejected": 5, "rejectionReason": "包装破损"},
                       {"item": "protective-suit", "accepted": 150, "rejected": 0}]}""";
    static final String DELIVERY_EXAMPLE_EN =
            """
            {"receivedBy": "Director Li, Jinye Road community office",
             "note": "Unloaded at the north gate; volunteers carried it to the stairwells",
             "lines": [{"item": "rice-10kg", "accepted": 48, "rejected": 2,
                        "rejectionReason": "Two bags split open in transit"}]}""";

    @POST
    @Path("{id}/delivery")
    @Operation(summary = "Proof of delivery (FREIGHT) or a completed ride (RIDE, body {})")
    @APIResponse(responseCode = "200", description = "Delivered; publishes TripDelivered, the vehicle is free")
    @APIResponse(responseCode = "400", description = "Invalid lines, rejected units without a reason (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown trip (problem+json)")
    @APIResponse(responseCode = "409", description = "Not picked up (problem+json)")
    public RestResponse<TripQueries.TripDetails> delivery(
            @PathParam("id") String id,
            @Parameter(description = "the trip's version as read (ETag); a stale one is refused with 412")
                    @HeaderParam("If-Match")
                    String ifMatch,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "社区主任签收，5 只口罩包装破损拒收",
                                                        value = DELIVERY_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary =
                                                                "Signed by the community office; 2 split bags rejected",
                                                        value = DELIVERY_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    DeliveryBody body) {
        List<DeliveredLine> lines = body.lines() == null
                ? null
                : body.lines().stream()
                        .map(l -> new DeliveredLine(
                                l.item().strip(), null, l.accepted(), l.rejected(), l.rejectionReason()))
                        .toList();
        trips.deliver(
                id, body.receivedBy(), lines, body.note(), EntityVersions.expected(ifMatch), caller.scope(), ctx());
        return tagged(queries.afterCommand(id, caller.scope()));
    }

    static final String FAILURE_EXAMPLE_ZH = """
            {"reason": "道路封闭，改日再送"}""";
    static final String FAILURE_EXAMPLE_EN =
            """
            {"reason": "Road closed at the Jinye Road checkpoint; the truck turned back"}""";

    @POST
    @Path("{id}/failure")
    @Operation(
            summary = "The trip could not be completed",
            description =
                    "FAILED; the load goes back with the "
                            + "vehicle. Unless the request or its reservation has ended, the same load is planned again at once as a "
                            + "new trip (TripFailed outcome REPLANNED, then TripScheduled or TripQueued of the replacement), else RETURNED.")
    @APIResponse(responseCode = "200", description = "Failed (and replanned)")
    @APIResponse(responseCode = "404", description = "Unknown trip (problem+json)")
    @APIResponse(responseCode = "409", description = "Not scheduled or picked up (problem+json)")
    public RestResponse<TripQueries.TripDetails> failure(
            @PathParam("id") String id,
            @Parameter(description = "the trip's version as read (ETag); a stale one is refused with 412")
                    @HeaderParam("If-Match")
                    String ifMatch,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "道路封闭，未能送达",
                                                        value = FAILURE_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "A closed road stopped the truck",
                                                        value = FAILURE_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    FailureBody body) {
        trips.fail(id, body.reason(), EntityVersions.expected(ifMatch), caller.scope(), ctx());
        return tagged(queries.afterCommand(id, caller.scope()));
    }

    static final String CANCELLATION_EXAMPLE_ZH = """
            {"reason": "社区已自行到仓库取货，车辆调往其他任务"}""";
    static final String CANCELLATION_EXAMPLE_EN =
            """
            {"reason": "The compound collected the goods itself; truck sent to another job"}""";

    @POST
    @Path("{id}/cancellation")
    @Operation(summary = "Cancel a trip (TripCancelled DISPATCHER); the vehicle is free again")
    @APIResponse(responseCode = "200", description = "Cancelled")
    @APIResponse(
            responseCode = "403",
            description = "A dispatcher cancelling a queued trip (ops decide) (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown trip (problem+json)")
    @APIResponse(responseCode = "409", description = "Already delivered, failed or cancelled (problem+json)")
    public RestResponse<TripQueries.TripDetails> cancellation(
            @PathParam("id") String id,
            @Parameter(description = "the trip's version as read (ETag); a stale one is refused with 412")
                    @HeaderParam("If-Match")
                    String ifMatch,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "社区已自行取货，取消行程",
                                                        value = CANCELLATION_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "The compound fetched the goods itself",
                                                        value = CANCELLATION_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    CancellationBody body) {
        trips.cancel(id, body.reason(), EntityVersions.expected(ifMatch), caller.scope(), ctx());
        return tagged(queries.afterCommand(id, caller.scope()));
    }

    /** The trip with its version as ETag: what the desk sends back as If-Match. */
    private static RestResponse<TripQueries.TripDetails> tagged(TripQueries.TripDetails details) {
        return RestResponse.ResponseBuilder.ok(details)
                .header("ETag", EntityVersions.etag(details.trip().version()))
                .build();
    }

    private EventContext ctx() {
        return EventContext.command(null, caller.actor(), null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
