package org.relief.kernel.runtime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.kernel.inbox.IdempotentConsumer;
import org.relief.kernel.inbox.ParkingLot;
import org.relief.kernel.security.Roles;
import org.relief.kernel.tx.Transactions;
import org.relief.kernel.web.ProblemException;

/**
 * Ops tool for events a consumer parked: list them with their error, and replay a key once the cause is fixed
 * (a deploy, a data correction). Replay keeps the key's order and stops at the first record that still fails.
 */
@Path("/ops/parked-events")
@RolesAllowed(Roles.OPS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class ParkedEventsResource {
    private final ConsumerFactory consumers;
    private final Transactions transactions;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    @Inject
    public ParkedEventsResource(
            ConsumerFactory consumers, Transactions transactions, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.consumers = consumers;
        this.transactions = transactions;
        this.json = json;
    }

    public record ReplayCommand(@NotBlank String consumer, @NotBlank String key) {}

    public record DiscardCommand(@NotBlank String consumer, @NotBlank @Size(max = 500) String reason) {}

    @GET
    @Operation(summary = "Open parked events of this service's consumers (or of one consumer)")
    public List<ParkingLot.Parked> list(@QueryParam("consumer") String consumer) {
        ParkingLot parking = new ParkingLot(json);
        List<String> names = consumer == null ? List.copyOf(consumers.names()) : List.of(consumer);
        return transactions.inNewTransaction(c -> {
            List<ParkingLot.Parked> all = new ArrayList<>();
            for (String name : names) {
                all.addAll(parking.open(c, name));
            }
            return all;
        });
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply the parked events of one key again, in order")
    public IdempotentConsumer.ReplayResult replay(@Valid @NotNull ReplayCommand command) {
        IdempotentConsumer consumer = consumers
                .find(command.consumer())
                .orElseThrow(() -> ProblemException.notFound("consumer", command.consumer()));
        return consumer.replay(command.key());
    }

    @POST
    @Path("/{id}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Give up on one parked event that can never apply (unreadable, a version nobody ships); "
                    + "its key's later parked events can then be replayed")
    public Response discard(
            @PathParam("id") long id, @Valid @NotNull DiscardCommand command, @Context SecurityContext security) {
        IdempotentConsumer consumer = consumers
                .find(command.consumer())
                .orElseThrow(() -> ProblemException.notFound("consumer", command.consumer()));
        String who = security.getUserPrincipal() == null
                ? "ops"
                : security.getUserPrincipal().getName();
        if (!consumer.discard(id, who + ": " + command.reason())) {
            throw ProblemException.notFound("open parked event", String.valueOf(id));
        }
        return Response.noContent().build();
    }
}
