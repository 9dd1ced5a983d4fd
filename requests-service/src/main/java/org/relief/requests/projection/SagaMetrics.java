package org.relief.requests.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relief.kernel.runtime.BeanGauges;
import org.relief.requests.domain.RequestKind;
import org.relief.requests.domain.RequestStatus;

/**
 * The saga as numbers, from requests-service's read model:
 * <ul>
 *   <li>{@code relief.saga.stage} (timer, tags {@code kind}, {@code stage}): a request reached a status, timed from its
 *   submission. Its count is how many requests reached the stage; recorded when the transaction that projected the
 *   status commits, so a rolled-back or retried transaction is not counted.</li>
 *   <li>{@code relief.requests.open} (gauge, tag {@code status}): open requests per status.</li>
 *   <li>{@code relief.requests.waiting} (gauge, tag {@code for} = {@code stock}, {@code vehicle}, {@code volunteer}):
 *   requests waiting for stock ({@code WAITING_FOR_STOCK}, {@code PARTIALLY_RESERVED}), for a vehicle
 *   ({@code WAITING_FOR_VEHICLE}), for a volunteer ({@code WAITING_FOR_VOLUNTEER}).</li>
 *   <li>{@code relief.requests.overdue} (gauge): open requests escalated for being stuck past their priority's limit.</li>
 * </ul>
 * The gauges come from one grouped count over the open statuses (index {@code help_request_view_status}: terminal rows,
 * the bulk of the table, are never read), cached for {@code relief.metrics.cache} (10 s), so scrapes from several
 * Prometheus replicas cost one query. It lives with the projection: the projector records the stages as it writes the
 * view, and the gauges read that view.
 */
@ApplicationScoped
public class SagaMetrics {
    static final List<RequestStatus> OPEN =
            Arrays.stream(RequestStatus.values()).filter(s -> !s.terminal()).toList();
    static final Map<String, List<RequestStatus>> WAITING = Map.of(
            "stock", List.of(RequestStatus.WAITING_FOR_STOCK, RequestStatus.PARTIALLY_RESERVED),
            "vehicle", List.of(RequestStatus.WAITING_FOR_VEHICLE),
            "volunteer", List.of(RequestStatus.WAITING_FOR_VOLUNTEER));

    private final MeterRegistry meters;
    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final Duration cacheFor;

    public SagaMetrics(
            MeterRegistry meters,
            DataSource dataSource,
            TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "relief.metrics.cache", defaultValue = "PT10S") Duration cacheFor) {
        this.meters = meters;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.cacheFor = cacheFor;
    }

    private record Counts(Map<RequestStatus, Long> open, long overdue, long at) {}

    private volatile Counts counts;

    private BeanGauges gauges;

    void register(@Observes StartupEvent ignored) {
        BeanGauges g = new BeanGauges(meters);
        for (RequestStatus s : OPEN) {
            g.add(Gauge.builder(
                            "relief.requests.open", this, m -> m.counts().open().getOrDefault(s, 0L))
                    .tag("status", s.name())
                    .description("open help requests in this status"));
        }
        WAITING.forEach((what, statuses) -> g.add(Gauge.builder("relief.requests.waiting", this, m -> statuses.stream()
                        .mapToLong(s -> m.counts().open().getOrDefault(s, 0L))
                        .sum())
                .tag("for", what)
                .description("open help requests waiting for " + what)));
        g.add(Gauge.builder("relief.requests.overdue", this, m -> m.counts().overdue())
                .description("open help requests escalated for staying in one status past their priority's limit"));
        gauges = g;
    }

    void unregister(@Observes ShutdownEvent ignored) {
        if (gauges != null) {
            gauges.removeAll();
        }
    }

    /**
     * Called by the projector when a request's status changes: counted and timed from submission once the
     * transaction commits (at once when there is none).
     */
    public void stageReached(RequestKind kind, RequestStatus stage, Instant submittedAt, Instant reachedAt) {
        Runnable record = () -> Timer.builder("relief.saga.stage")
                .description("help requests reaching a saga stage, timed from their submission")
                .tag("kind", kind == null ? "UNKNOWN" : kind.name())
                .tag("stage", stage.name())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofDays(3))
                .register(meters)
                .record(
                        submittedAt == null || reachedAt.isBefore(submittedAt)
                                ? Duration.ZERO
                                : Duration.between(submittedAt, reachedAt));
        if (transactions.getTransactionKey() == null) {
            record.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    record.run();
                }
            }
        });
    }

    Counts counts() {
        Counts c = counts;
        long now = System.currentTimeMillis();
        if (c != null && now - c.at() < cacheFor.toMillis()) {
            return c;
        }
        synchronized (this) {
            c = counts;
            if (c != null && now - c.at() < cacheFor.toMillis()) {
                return c;
            }
            counts = c = query(now, c);
            return c;
        }
    }

    private Counts query(long now, Counts previous) {
        String in = OPEN.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select status, count(*), count(*) filter (where overdue) "
                        + "from help_request_view where status in (" + in + ") group by status");
                ResultSet rs = ps.executeQuery()) {
            Map<RequestStatus, Long> open = new EnumMap<>(RequestStatus.class);
            long overdue = 0;
            while (rs.next()) {
                open.put(RequestStatus.valueOf(rs.getString(1)), rs.getLong(2));
                overdue += rs.getLong(3);
            }
            return new Counts(open, overdue, now);
        } catch (Exception e) {
            // the database is away: keep the last figures (NaN-free) and try again on the next scrape
            return previous != null
                    ? new Counts(previous.open(), previous.overdue(), now)
                    : new Counts(Map.of(), 0, now);
        }
    }
}
