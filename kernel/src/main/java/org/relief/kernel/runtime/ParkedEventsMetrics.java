package org.relief.kernel.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * {@code relief.parked.events}: records this service's consumers parked and nobody has replayed or resolved yet
 * ({@code parked_event} rows with {@code resolved_at is null}; ops replay them through {@code /ops/parked-events}).
 * Above zero, a key of some request is held back behind its parked record. Counted at most every 10 s.
 */
@ApplicationScoped
public class ParkedEventsMetrics {
    private static final long CACHE_MS = 10_000;

    private final DataSource dataSource;
    private final MeterRegistry meters;

    private volatile long value;
    private volatile long at;

    private BeanGauges gauges;

    @Inject
    public ParkedEventsMetrics(DataSource dataSource, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.meters = meters;
    }

    void register(@Observes StartupEvent ignored) {
        gauges = new BeanGauges(meters)
                .add(Gauge.builder("relief.parked.events", this, ParkedEventsMetrics::open)
                        .description("parked consumer records not yet replayed or resolved"));
    }

    void unregister(@Observes ShutdownEvent ignored) {
        if (gauges != null) {
            gauges.removeAll();
        }
    }

    double open() {
        long now = System.currentTimeMillis();
        if (now - at < CACHE_MS) {
            return value;
        }
        synchronized (this) {
            if (now - at >= CACHE_MS) {
                try (Connection c = dataSource.getConnection();
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select count(*) from parked_event where resolved_at is null")) {
                    rs.next();
                    value = rs.getLong(1);
                } catch (Exception e) {
                    // the database is away: the last figure stays, and the datasource check says why
                }
                at = now;
            }
            return value;
        }
    }
}
