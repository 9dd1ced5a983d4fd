package org.relief.kernel.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.relief.kernel.outbox.OutboxRelay;

/**
 * The relay's own state, next to the backlog gauges ({@code relief.outbox.backlog}, {@code relief.outbox.oldest.age.ms}):
 * <ul>
 *   <li>{@code relief.outbox.relay.leader}: 1 on the one instance per database that holds the relay lock and publishes;
 *   summed over a service's pods it must be 1.</li>
 *   <li>{@code relief.outbox.relay.pass.age.ms}: time since the relay loop last completed a pass (leader or follower);
 *   a loop that died or hangs shows a growing age. -1 when the relay is disabled.</li>
 * </ul>
 */
@ApplicationScoped
public class RelayMetrics {
    private final OutboxRelayService relays;
    private final MeterRegistry meters;

    private BeanGauges gauges;

    @Inject
    public RelayMetrics(OutboxRelayService relays, MeterRegistry meters) {
        this.relays = relays;
        this.meters = meters;
    }

    void register(@Observes StartupEvent ignored) {
        gauges = new BeanGauges(meters)
                .add(Gauge.builder("relief.outbox.relay.leader", this, m -> m.relays
                                .relay()
                                .map(r -> r.isRunning() && r.isLeader() ? 1.0 : 0.0)
                                .orElse(0.0))
                        .description("1 if this instance's outbox relay holds the leader lock and publishes"))
                .add(Gauge.builder(
                                "relief.outbox.relay.pass.age.ms",
                                this,
                                m -> m.relays.relay().map(RelayMetrics::passAge).orElse(-1.0))
                        .description("ms since the outbox relay loop last completed a pass (-1: relay disabled)"));
    }

    void unregister(@Observes ShutdownEvent ignored) {
        if (gauges != null) {
            gauges.removeAll();
        }
    }

    private static double passAge(OutboxRelay r) {
        long last = r.lastPassAt();
        return last == 0 ? -1 : System.currentTimeMillis() - last;
    }
}
