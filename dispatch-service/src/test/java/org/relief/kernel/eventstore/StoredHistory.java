package org.relief.kernel.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Test helper for dispatch's domain tests: loads an aggregate from stored payloads (event type and JSON, as in
 * event_store) the way {@link EventSourcedRepository} does, without a database.
 */
public final class StoredHistory {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private StoredHistory() {}

    /** @param stored pairs of event type and JSON payload, in stream order */
    @SafeVarargs
    public static <A extends AggregateRoot<E>, E> A load(
            Class<E> family, Supplier<A> empty, Map.Entry<String, String>... stored) {
        EventCodec<E> codec = new EventCodec<>(family, JSON);
        A aggregate = empty.get();
        long version = 0;
        for (Map.Entry<String, String> e : stored) {
            try {
                aggregate.replay(codec.decode(e.getKey(), JSON.readTree(e.getValue())), ++version);
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                throw new IllegalArgumentException(x);
            }
        }
        return aggregate;
    }

    /** The stored form of an event (its type and JSON payload), as the repository writes it. */
    public static <E> Map.Entry<String, String> stored(Class<E> family, E event) {
        EventCodec<E> codec = new EventCodec<>(family, JSON);
        try {
            return Map.entry(codec.typeOf(event), JSON.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new IllegalArgumentException(x);
        }
    }
}
