package org.relief.kernel.runtime;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.projection.ProjectionRebuild;
import org.relief.kernel.projection.RebuildableProjection;
import org.relief.kernel.security.Roles;
import org.relief.kernel.tx.DatabaseException;
import org.relief.kernel.web.Messages;
import org.relief.kernel.web.ProblemException;

/**
 * Ops tool to check and rebuild this service's read models from its own event store ({@link ProjectionRebuild}).
 * {@code verify} rebuilds in a transaction that is rolled back and reports whether the rebuilt tables equal the live
 * ones (row count and checksum per table); {@code rebuild} does the same and commits. Both hold the projection's
 * tables in exclusive mode while they run: reads go on, appends that project into them wait.
 */
@Path("/ops/projections")
@RolesAllowed(Roles.OPS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class ProjectionsResource {
    private static final Logger LOG = Logger.getLogger(ProjectionsResource.class);

    private final Instance<RebuildableProjection> projections;
    private final EventStore eventStore;
    private final DataSource dataSource;
    private final String lockTimeout;
    private final Duration transactionTimeout;

    @Inject
    public ProjectionsResource(
            Instance<RebuildableProjection> projections,
            EventStore eventStore,
            DataSource dataSource,
            @ConfigProperty(name = "relief.projections.lock-timeout", defaultValue = "5s") String lockTimeout,
            @ConfigProperty(name = "relief.projections.transaction-timeout", defaultValue = "PT10M")
                    Duration transactionTimeout) {
        this.projections = projections;
        this.eventStore = eventStore;
        this.dataSource = dataSource;
        this.lockTimeout = lockTimeout;
        this.transactionTimeout = transactionTimeout;
    }

    public record ProjectionInfo(String name, List<String> tables, List<String> streamTypes) {}

    /** Thrown to roll the verification's transaction back while keeping its report. */
    private static final class RolledBack extends RuntimeException {
        final ProjectionRebuild.Report report;

        RolledBack(ProjectionRebuild.Report report) {
            super(null, null, false, false);
            this.report = report;
        }
    }

    @GET
    @Operation(summary = "The projections of this service that can be verified and rebuilt")
    public List<ProjectionInfo> list() {
        return projections.stream()
                .map(p -> new ProjectionInfo(
                        p.name(),
                        p.tables().stream()
                                .map(RebuildableProjection.Table::name)
                                .toList(),
                        p.streamTypes()))
                .sorted(Comparator.comparing(ProjectionInfo::name))
                .toList();
    }

    @POST
    @Path("/{name}/verify")
    @Operation(
            summary = "Rebuild in a rolled-back transaction and report whether the rebuilt tables equal the live ones")
    public ProjectionRebuild.Report verify(@PathParam("name") String name) {
        return run(find(name), false);
    }

    @POST
    @Path("/{name}/rebuild")
    @Operation(summary = "Empty the projection's tables and apply every event of this service's event store again")
    public ProjectionRebuild.Report rebuild(@PathParam("name") String name) {
        ProjectionRebuild.Report report = run(find(name), true);
        LOG.infof(
                "projection %s rebuilt from %d events in %d ms (it %s the live tables)",
                report.projection(), report.events(), report.millis(), report.equal() ? "equalled" : "differed from");
        return report;
    }

    private RebuildableProjection find(String name) {
        return projections.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("projection", name));
    }

    private ProjectionRebuild.Report run(RebuildableProjection projection, boolean commit) {
        ProjectionRebuild rebuild = new ProjectionRebuild(eventStore, lockTimeout);
        try {
            return QuarkusTransaction.requiringNew()
                    .timeout((int) transactionTimeout.toSeconds())
                    .call(() -> {
                        try (Connection c = dataSource.getConnection()) {
                            ProjectionRebuild.Report report = rebuild.run(c, projection, commit);
                            if (!commit) {
                                throw new RolledBack(report);
                            }
                            return report;
                        } catch (SQLException e) {
                            throw new DatabaseException("rebuilding " + projection.name() + " failed", e);
                        }
                    });
        } catch (RolledBack r) {
            return r.report;
        } catch (RuntimeException e) {
            if (busy(e)) {
                throw ProblemException.conflict(Messages.of("problem.projection-busy", projection.name(), lockTimeout));
            }
            throw e;
        }
    }

    /** lock_timeout (55P03) or a deadlock with a writer (40P01): nothing changed, the call can be repeated. */
    private static boolean busy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ("55P03".equals(s.getSQLState()) || "40P01".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
