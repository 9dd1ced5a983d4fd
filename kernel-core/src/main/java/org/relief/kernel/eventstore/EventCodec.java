package org.relief.kernel.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps an aggregate's events to and from stored JSON. The event family is a sealed interface; each permitted
 * record is stored under its simple name (so renaming a package does not break history), with the schema version
 * given by {@link Version} (1 if absent).
 */
public final class EventCodec<E> {
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Version {
        int value();
    }

    private final Map<String, Class<? extends E>> byName = new HashMap<>();
    private final ObjectMapper json;

    @SuppressWarnings("unchecked")
    public EventCodec(Class<E> family, ObjectMapper json) {
        if (!family.isSealed()) {
            throw new IllegalArgumentException(family + " must be a sealed interface listing its events");
        }
        for (Class<?> c : family.getPermittedSubclasses()) {
            byName.put(c.getSimpleName(), (Class<? extends E>) c);
        }
        this.json = json;
    }

    public String typeOf(E event) {
        return event.getClass().getSimpleName();
    }

    public int versionOf(E event) {
        Version v = event.getClass().getAnnotation(Version.class);
        return v == null ? 1 : v.value();
    }

    public NewEvent encode(E event) {
        return NewEvent.of(typeOf(event), versionOf(event), event);
    }

    public E decode(String type, JsonNode payload) {
        Class<? extends E> c = byName.get(type);
        if (c == null) {
            throw new EventStoreException("unknown stored event type " + type, null);
        }
        try {
            return json.treeToValue(payload, c);
        } catch (Exception e) {
            throw new EventStoreException("stored " + type + " cannot be read", e);
        }
    }
}
