package org.relief.dispatch.rest;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.relief.dispatch.service.DeskFeed;
import org.relief.dispatch.service.DeskQueries;
import org.relief.kernel.security.Caller;
import org.relief.kernel.security.Roles;

/**
 * What the dispatch desk (the page at /desk/) reads: its board in one call, and a stream that says when to read it
 * again. The desk's actions go through the trips and vehicles APIs, with the same rules and scopes.
 */
@Path("/desk")
@Tag(name = "Dispatch desk")
@RolesAllowed({Roles.DISPATCHER, Roles.OPS})
public class DeskResource {
    /** a comment line this often keeps proxies and the browser from closing a quiet stream */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final DeskQueries desk;
    private final DeskFeed feed;
    private final Caller caller;

    public DeskResource(DeskQueries desk, DeskFeed feed, Caller caller) {
        this.desk = desk;
        this.feed = feed;
        this.caller = caller;
    }

    @GET
    @Path("board")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The desk's board: key figures of its day, the queue, trips under way and ended today, free "
                    + "vehicles by district and kind (dispatcher: its vehicles and the queue; ops: all)")
    public DeskQueries.Board board() {
        return desk.board(caller.scope());
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    // a reverse proxy (ingress-nginx) would otherwise buffer the events and the desk would see them late
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @Operation(
            summary =
                    "Server-sent events: `board` (data {\"position\": n}) whenever dispatch's data changed, at once on "
                            + "connecting, and a keep-alive comment every 15 s; read the board again on each")
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        long now = feed.position();
        // the feed's first poll after this desk joined may report the position it was told at once: only news
        Multi<OutboundSseEvent> changes = feed.changes().filter(p -> p > now).map(p -> board(sse, p));
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom()
                .ticks()
                .every(KEEP_ALIVE)
                .map(t -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(Multi.createFrom().item(board(sse, now)), changes, keepAlive);
    }

    private static OutboundSseEvent board(Sse sse, long position) {
        return sse.newEventBuilder()
                .name("board")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data("{\"position\":" + position + "}")
                .build();
    }
}
