package org.relief.kernel.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.envelope.EventTypeRegistry;

/**
 * What one consumer handles, declared in one place: event type → payload class → handler. It is both the registry
 * the consumer decodes with (types it does not list are recorded and skipped) and the handler it applies, so adding a
 * type is one line and a type cannot be decoded without being handled.
 * <pre>
 * handlers.on(TripQueued.class, this::queued)
 *         .on(TripScheduled.class, this::scheduled)
 * </pre>
 * A payload class names its type and schema version in {@code public static final String TYPE} and
 * {@code int VERSION}; a payload shared by several types names each type explicitly with
 * {@link #on(String, int, Class, On)}.
 */
public final class EventHandlers implements IdempotentConsumer.Handler {
    /** Applies one decoded event of type {@code T} on the consumer's connection, inside its transaction. */
    @FunctionalInterface
    public interface On<T> {
        void handle(Connection c, EventEnvelope envelope, T event) throws Exception;
    }

    private record Entry<T>(Class<T> javaType, On<? super T> handler) {
        void apply(Connection c, EventEnvelope envelope, Object event) throws Exception {
            handler.handle(c, envelope, javaType.cast(event));
        }
    }

    private final EventTypeRegistry registry;
    private final Map<String, Entry<?>> byType = new LinkedHashMap<>();

    public EventHandlers(ObjectMapper json) {
        this.registry = new EventTypeRegistry(json);
    }

    /** Handles the type and version {@code javaType} declares in its {@code TYPE} and {@code VERSION} constants. */
    public <T> EventHandlers on(Class<T> javaType, On<? super T> handler) {
        return on(
                constant(javaType, "TYPE", String.class),
                constant(javaType, "VERSION", Integer.class),
                javaType,
                handler);
    }

    /** Handles {@code type} at schema {@code version}, decoded as {@code javaType}. */
    public <T> EventHandlers on(String type, int version, Class<T> javaType, On<? super T> handler) {
        if (byType.putIfAbsent(type, new Entry<>(javaType, handler)) != null) {
            throw new IllegalArgumentException(type + " has two handlers");
        }
        registry.register(type, version, javaType);
        return this;
    }

    /** Lifts {@code type}'s payload from {@code fromVersion} to the next version before it is decoded. */
    public EventHandlers upcaster(String type, int fromVersion, UnaryOperator<ObjectNode> step) {
        registry.upcaster(type, fromVersion, step);
        return this;
    }

    public EventTypeRegistry registry() {
        return registry;
    }

    @Override
    public void handle(Connection c, EventEnvelope envelope, Object event) throws Exception {
        Entry<?> entry = byType.get(envelope.type());
        if (entry == null) {
            throw new IllegalStateException("no handler for " + envelope.type());
        }
        entry.apply(c, envelope, event);
    }

    private static <V> V constant(Class<?> type, String name, Class<V> valueType) {
        try {
            return valueType.cast(type.getField(name).get(null));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException(
                    type.getName() + " declares no public static " + name
                            + "; name its type and version with on(type, version, class, handler)",
                    e);
        }
    }
}
