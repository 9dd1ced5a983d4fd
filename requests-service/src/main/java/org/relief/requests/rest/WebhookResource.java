package org.relief.requests.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;
import org.relief.kernel.web.PageQuery;
import org.relief.kernel.web.ProblemException;
import org.relief.requests.service.Webhooks;

/** Partners' webhooks: their requests' status changes pushed to them as signed CloudEvents, with a delivery log. */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@RolesAllowed({Roles.PARTNER, Roles.OPS})
public class WebhookResource {
    private final Webhooks webhooks;
    private final Caller caller;

    public WebhookResource(Webhooks webhooks, Caller caller) {
        this.webhooks = webhooks;
        this.caller = caller;
    }

    static final String REGISTER_EXAMPLE_ZH =
            """
            {"url": "https://www.example.org/relief/notifications",
             "description": "雁塔区社区办公室的工单系统"}""";
    static final String REGISTER_EXAMPLE_EN =
            """
            {"url": "https://example.com/hooks/relief", "description": "Beilin social-work centre ticketing",
             "organisationId": "beilin-social-work"}""";

    @POST
    @Operation(
            summary = "Register a webhook",
            description = "From now on every status change of the organisation's help requests is POSTed there as a "
                    + "CloudEvent (type HelpRequestStatusChanged, structured mode), signed as Standard Webhooks do: "
                    + "webhook-id, webhook-timestamp and webhook-signature (v1, base64 HMAC-SHA256 of "
                    + "\"id.timestamp.body\" keyed by the secret after whsec_). A 2xx answer delivers; anything else is "
                    + "retried with a doubling wait. The URL must be https:// on a public address. The answer carries the "
                    + "signing secret: it is shown this once.")
    @APIResponse(
            responseCode = "201",
            description = "Registered; the webhook and its secret",
            content = @Content(schema = @Schema(implementation = Webhooks.Registered.class)))
    @APIResponse(responseCode = "400", description = "Not an https URL, or an internal address (problem+json)")
    @APIResponse(responseCode = "403", description = "A partner naming another organisation (problem+json)")
    public RestResponse<Webhooks.Registered> register(
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(
                                                        name = "zh",
                                                        summary = "社区办公室的工单系统接收状态变更",
                                                        value = REGISTER_EXAMPLE_ZH),
                                                @ExampleObject(
                                                        name = "en",
                                                        summary = "Ops register a partner's ticketing system",
                                                        value = REGISTER_EXAMPLE_EN)
                                            }))
                    @Valid
                    @NotNull
                    WebhookBody body,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        Webhooks.Registered r = webhooks.register(
                caller.actingFor(body.organisationId()), body.url().strip(), body.description(), caller.actor());
        return RestResponse.ResponseBuilder.<Webhooks.Registered>created(uri.getAbsolutePathBuilder()
                        .path(r.webhook().id().toString())
                        .build())
                .entity(r)
                .build();
    }

    @GET
    @Operation(
            summary = "The organisation's webhooks",
            description = "A partner sees its organisation's, ops all. Secrets are not shown.")
    @APIResponse(responseCode = "200", description = "The webhooks, oldest first")
    public List<Webhooks.Webhook> list() {
        return webhooks.list(caller.scope());
    }

    @DELETE
    @Path("{id}")
    @Operation(
            summary = "Switch a webhook off",
            description = "No new notifications; those still waiting are not sent. Its delivery log stays readable.")
    @APIResponse(responseCode = "200", description = "Switched off")
    @APIResponse(responseCode = "404", description = "Unknown webhook, or another organisation's (problem+json)")
    public Webhooks.Webhook deactivate(@PathParam("id") String id) {
        return webhooks.deactivate(uuid("webhook", id), caller.scope());
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(
            summary = "The webhook's delivery log, newest first",
            description = "Each notification with its status (PENDING, DELIVERED, FAILED), attempts, the last answer "
                    + "or error and when it is tried next.")
    @APIResponse(responseCode = "200", description = "One page of notifications")
    @APIResponse(responseCode = "404", description = "Unknown webhook, or another organisation's (problem+json)")
    public Webhooks.DeliveryPage deliveries(@PathParam("id") String id, @Valid @BeanParam PageQuery paging) {
        return webhooks.deliveries(uuid("webhook", id), caller.scope(), paging.pageNumber(), paging.pageSize());
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/replay")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(
            summary = "Send a notification again",
            description =
                    "The same webhook-id and body, a new timestamp and signature; at once, whatever became of it.")
    @APIResponse(responseCode = "200", description = "Queued again")
    @APIResponse(responseCode = "404", description = "Unknown webhook or notification (problem+json)")
    @APIResponse(responseCode = "409", description = "The webhook is switched off (problem+json)")
    public Webhooks.Delivery replay(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return webhooks.replay(uuid("webhook", id), uuid("webhook delivery", deliveryId), caller.scope());
    }

    private static UUID uuid(String what, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what, id);
        }
    }
}
