package org.relief.kernel.eventstore;

import java.util.ArrayList;
import java.util.List;

/**
 * An event-sourced aggregate: its state is the fold of its events. Command methods check invariants and
 * {@link #raise} new events; {@link #apply} only changes state and never decides.
 *
 * @param <E> the aggregate's event type (a sealed interface of records)
 */
public abstract class AggregateRoot<E> {
    private long version;
    private final List<E> pending = new ArrayList<>();

    public abstract String id();

    /** Changes state for one event. Must not fail for an event that was once accepted. */
    protected abstract void apply(E event);

    protected final void raise(E event) {
        apply(event);
        pending.add(event);
    }

    /** The version as loaded from the store (events raised since are not counted). */
    public final long version() {
        return version;
    }

    public final List<E> pendingEvents() {
        return List.copyOf(pending);
    }

    final void replay(E event, long eventVersion) {
        apply(event);
        this.version = eventVersion;
    }

    final void markCommitted(long newVersion) {
        pending.clear();
        this.version = newVersion;
    }
}
