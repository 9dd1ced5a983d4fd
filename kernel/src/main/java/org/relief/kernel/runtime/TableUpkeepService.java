package org.relief.kernel.runtime;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relief.kernel.database.TableUpkeep;

/**
 * Runs {@link TableUpkeep} every {@code relief.table-upkeep.every} (default 30 s) on its own thread, so the service's
 * statistics keep up with its data when the PostgreSQL server has autovacuum off (this project's CI machine has).
 * A failed pass (database away) is logged and the next one tries again.
 */
@ApplicationScoped
public class TableUpkeepService {
    private static final Logger LOG = Logger.getLogger(TableUpkeepService.class);

    private final DataSource dataSource;
    private final Duration every;
    private final boolean enabled;
    private final TableUpkeep upkeep = new TableUpkeep();
    private ScheduledExecutorService timer;

    public TableUpkeepService(
            DataSource dataSource,
            @ConfigProperty(name = "relief.table-upkeep.every", defaultValue = "30s") Duration every,
            @ConfigProperty(name = "relief.table-upkeep.enabled", defaultValue = "true") boolean enabled) {
        this.dataSource = dataSource;
        this.every = every;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent ignored) {
        if (!enabled) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "table-upkeep");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::pass, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void pass() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            for (TableUpkeep.Action a : upkeep.run(c)) {
                LOG.debugf("table upkeep: %s", a.statement());
            }
        } catch (Exception e) {
            LOG.warnf("table upkeep pass failed (the next one tries again): %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
