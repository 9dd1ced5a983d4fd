package org.relief.requests.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.kernel.security.Roles;
import org.relief.kernel.web.DateFilters;
import org.relief.requests.service.IntakeShares;

/** Ops: each organisation's share of critical and flagged intake (issue 11). */
@Path("/ops/intake-shares")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class IntakeSharesResource {
    private final IntakeShares shares;
    private final java.time.Clock clock;
    private final java.time.ZoneId zone;

    @Inject
    public IntakeSharesResource(
            IntakeShares shares,
            java.time.Clock clock,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "relief.local-zone") java.time.ZoneId zone) {
        this.shares = shares;
        this.clock = clock;
        this.zone = zone;
    }

    @GET
    @RolesAllowed(Roles.OPS)
    @Operation(
            summary = "Each organisation's share of critical and flagged intake",
            description = "Per organisation, "
                    + "the requests submitted since `since`, how many were submitted CRITICAL, with any vulnerability flag and "
                    + "with every flag, their shares of what it submitted, and how many ops corrected; highest critical share "
                    + "first. Counts what was submitted, not the corrected values.")
    @APIResponse(responseCode = "200", description = "The shares, highest critical share first")
    @APIResponse(responseCode = "400", description = "since is not a date or an instant (problem+json)")
    @APIResponse(responseCode = "403", description = "Not ops (problem+json)")
    public IntakeShares.Report get(
            @Parameter(
                            description =
                                    "A date (from its start in the platform's local zone) or an instant; default: the last 30 days")
                    @QueryParam("since")
                    @Pattern(regexp = DateFilters.WHEN)
                    String since) {
        Instant from = since == null || since.isBlank()
                ? clock.instant().minus(Duration.ofDays(30))
                : DateFilters.instant("since", since, false, zone);
        return shares.since(from);
    }
}
