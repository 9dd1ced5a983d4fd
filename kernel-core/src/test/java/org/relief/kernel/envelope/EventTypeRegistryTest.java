package org.relief.kernel.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventTypeRegistryTest {
    public record Shipped(String item, int quantity, String unit) {}

    private final ObjectMapper json = Json.newMapper();
    private final EventTypeRegistry registry = new EventTypeRegistry(json)
            .register("Shipped", 3, Shipped.class)
            // v1 called it "qty"; v2 added the unit
            .upcaster("Shipped", 1, n -> {
                n.set("quantity", n.remove("qty"));
                return n;
            })
            .upcaster("Shipped", 2, n -> n.put("unit", "piece"));

    private EventEnvelope envelope(String type, int version, String data) throws Exception {
        return new EventEnvelope(
                UUID.randomUUID(),
                type,
                version,
                "/t",
                null,
                Instant.now(),
                null,
                null,
                null,
                null,
                json.readTree(data));
    }

    @Test
    void oldVersionsAreUpcastStepByStep() throws Exception {
        assertEquals(
                new Shipped("防护服", 200, "piece"),
                registry.decode(envelope("Shipped", 1, "{\"item\":\"防护服\",\"qty\":200}"))
                        .orElseThrow());
        assertEquals(
                new Shipped("N95", 5, "box"),
                registry.decode(envelope(
                                "Shipped", 3, "{\"item\":\"N95\",\"quantity\":5,\"unit\":\"box\",\"extra\":true}"))
                        .orElseThrow());
    }

    @Test
    void unknownTypesDecodeToEmpty() throws Exception {
        assertTrue(registry.decode(envelope("Unknown", 1, "{}")).isEmpty());
    }

    @Test
    void aVersionNewerThanKnownIsRefused() throws Exception {
        assertThrows(MalformedEventException.class, () -> registry.decode(envelope("Shipped", 4, "{}")));
    }
}
