package org.relief.kernel.envelope;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Integration event types a consumer understands: type name → current schema version and Java class, plus upcasters
 * that lift an old payload one version at a time. Unknown types decode to empty (tolerated, not an error), so a
 * publisher can add event types without breaking its consumers.
 */
public final class EventTypeRegistry {
    private record Registration(int currentVersion, Class<?> javaType) {}

    private final Map<String, Registration> types = new HashMap<>();
    private final Map<String, UnaryOperator<ObjectNode>> upcasters = new HashMap<>();
    private final ObjectMapper json;

    public EventTypeRegistry(ObjectMapper json) {
        this.json = json;
    }

    public EventTypeRegistry register(String type, int currentVersion, Class<?> javaType) {
        types.put(type, new Registration(currentVersion, javaType));
        return this;
    }

    /** Registers the step from {@code fromVersion} to {@code fromVersion + 1} of {@code type}. */
    public EventTypeRegistry upcaster(String type, int fromVersion, UnaryOperator<ObjectNode> step) {
        upcasters.put(type + "@" + fromVersion, step);
        return this;
    }

    public boolean knows(String type) {
        return types.containsKey(type);
    }

    /**
     * The payload as the registered Java type, upcast to the current version.
     *
     * @throws MalformedEventException if the payload cannot be read, the version is newer than we know, or an
     *                                 upcaster is missing
     */
    public Optional<Object> decode(EventEnvelope envelope) {
        Registration reg = types.get(envelope.type());
        if (reg == null) {
            return Optional.empty();
        }
        if (!(envelope.data() instanceof ObjectNode node)) {
            throw new MalformedEventException(envelope.type() + " " + envelope.id() + " has no JSON object payload");
        }
        if (envelope.schemaVersion() > reg.currentVersion()) {
            throw new MalformedEventException(envelope.type() + " v" + envelope.schemaVersion() + " is newer than the v"
                    + reg.currentVersion() + " this service understands");
        }
        ObjectNode current = node.deepCopy();
        for (int v = envelope.schemaVersion(); v < reg.currentVersion(); v++) {
            UnaryOperator<ObjectNode> step = upcasters.get(envelope.type() + "@" + v);
            if (step == null) {
                throw new MalformedEventException("no upcaster for " + envelope.type() + " v" + v + " → v" + (v + 1));
            }
            current = step.apply(current);
        }
        try {
            return Optional.of(json.treeToValue(current, reg.javaType()));
        } catch (Exception e) {
            throw new MalformedEventException(
                    envelope.type() + " " + envelope.id() + " does not match its schema: " + e.getMessage());
        }
    }
}
