package org.relief.kernel.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gauges one bean registers, held strongly and removed when the application stops. The meter registry can outlive
 * an application in one JVM (Quarkus tests restart it between profiles): a gauge left behind keeps its first
 * registration, so the next application's bean would never be read, and once the stopped bean is collected the
 * gauge reads NaN.
 */
public final class BeanGauges {
    private final MeterRegistry registry;
    private final List<Gauge> gauges = new CopyOnWriteArrayList<>();

    public BeanGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    public <T> BeanGauges add(Gauge.Builder<T> gauge) {
        gauges.add(gauge.strongReference(true).register(registry));
        return this;
    }

    /** Call from the bean's shutdown observer. */
    public void removeAll() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }
}
