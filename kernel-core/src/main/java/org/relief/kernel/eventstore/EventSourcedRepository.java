package org.relief.kernel.eventstore;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.relief.kernel.envelope.EventContext;

/**
 * Loads an aggregate by folding its stream and saves the events it raised, with optimistic concurrency. Saved
 * events are handed to the inline projection in the same transaction, decoded from what was stored, exactly as a
 * replay would see them.
 */
public final class EventSourcedRepository<A extends AggregateRoot<E>, E> {
    /** Updates a read model for one stored event (same transaction as the append). */
    @FunctionalInterface
    public interface Projection<E> {
        void project(String aggregateId, StoredEvent stored, E event);
    }

    private final EventStore store;
    private final String streamType;
    private final EventCodec<E> codec;
    private final Supplier<A> blank;
    private final Projection<E> projection;

    public EventSourcedRepository(
            EventStore store, String streamType, EventCodec<E> codec, Supplier<A> blank, Projection<E> projection) {
        this.store = store;
        this.streamType = streamType;
        this.codec = codec;
        this.blank = blank;
        this.projection = projection;
    }

    public String streamId(String aggregateId) {
        return streamType + "-" + aggregateId;
    }

    public Optional<A> load(Connection c, String aggregateId) {
        List<StoredEvent> events = store.load(c, streamId(aggregateId));
        if (events.isEmpty()) {
            return Optional.empty();
        }
        A aggregate = blank.get();
        for (StoredEvent e : events) {
            aggregate.replay(codec.decode(e.type(), e.payload()), e.version());
        }
        return Optional.of(aggregate);
    }

    /** Appends the aggregate's pending events; returns them as stored (empty if it raised none). */
    public List<StoredEvent> save(Connection c, A aggregate, EventContext context) {
        List<E> pending = aggregate.pendingEvents();
        if (pending.isEmpty()) {
            return List.of();
        }
        List<StoredEvent> stored = store.append(
                c,
                streamType,
                streamId(aggregate.id()),
                aggregate.version(),
                pending.stream().map(codec::encode).toList(),
                context);
        aggregate.markCommitted(stored.get(stored.size() - 1).version());
        for (StoredEvent e : stored) {
            projection.project(aggregate.id(), e, decode(e));
        }
        return stored;
    }

    public List<StoredEvent> history(Connection c, String aggregateId) {
        return store.load(c, streamId(aggregateId));
    }

    public E decode(StoredEvent event) {
        return codec.decode(event.type(), event.payload());
    }
}
