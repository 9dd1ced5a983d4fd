package org.relief.kernel.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.envelope.Json;

class EventHandlersTest {
    public record Opened(String id) {
        public static final String TYPE = "thing.opened";
        public static final int VERSION = 2;
    }

    /** One payload published under two types, as StockAllocation is. */
    public record Allocation(String id, int quantity) {}

    record NoConstants(String id) {}

    private final List<String> seen = new ArrayList<>();

    private EventHandlers handlers() {
        return new EventHandlers(Json.newMapper())
                .on(Opened.class, (c, e, opened) -> seen.add("opened " + opened.id()))
                .on("thing.reserved", 1, Allocation.class, (c, e, a) -> seen.add("reserved " + a.quantity()))
                .on("thing.partly-reserved", 1, Allocation.class, (c, e, a) -> seen.add("partly " + a.quantity()))
                .upcaster(
                        Opened.TYPE,
                        1,
                        node -> node.put("id", "v1-" + node.get("name").asText()));
    }

    private static EventEnvelope envelope(String type, int version, String json) throws Exception {
        return new EventEnvelope(
                UUID.randomUUID(),
                type,
                version,
                "test",
                "k",
                Instant.EPOCH,
                null,
                null,
                null,
                null,
                Json.newMapper().readTree(json));
    }

    private void apply(EventHandlers h, EventEnvelope e) throws Exception {
        h.handle(null, e, h.registry().decode(e).orElseThrow());
    }

    @Test
    void eachTypeGoesToItsOwnHandlerDecodedAsItsClass() throws Exception {
        EventHandlers h = handlers();
        apply(h, envelope(Opened.TYPE, 2, "{\"id\":\"a\"}"));
        apply(h, envelope("thing.partly-reserved", 1, "{\"id\":\"a\",\"quantity\":3}"));
        apply(h, envelope("thing.reserved", 1, "{\"id\":\"a\",\"quantity\":5}"));
        apply(h, envelope(Opened.TYPE, 1, "{\"name\":\"b\"}"));
        assertEquals(List.of("opened a", "partly 3", "reserved 5", "opened v1-b"), seen);
    }

    @Test
    void typesNobodyHandlesAreNotDecoded() throws Exception {
        assertTrue(
                handlers().registry().decode(envelope("thing.closed", 1, "{}")).isEmpty());
    }

    @Test
    void aTypeHasOneHandlerAndAClassMustNameItsType() {
        assertThrows(IllegalArgumentException.class, () -> handlers().on(Opened.class, (c, e, o) -> {}));
        assertThrows(IllegalArgumentException.class, () -> new EventHandlers(Json.newMapper())
                .on(NoConstants.class, (c, e, o) -> {}));
    }
}
