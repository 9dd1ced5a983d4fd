package org.relief.kernel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsumerMembershipTest {

    @Test
    void aConsumerWithAnInstanceIdJoinsAsAStaticMemberPerChannel() {
        Map<String, Object> config = new HashMap<>(Map.of("group.id", "requests-service"));
        ConsumerMembership.apply("inventory-events", config, Optional.of("requests-service-7d9f"));
        assertEquals("requests-service-7d9f-inventory-events", config.get("group.instance.id"));
        assertEquals(10_000, config.get("session.timeout.ms"));
        assertEquals(3_000, config.get("heartbeat.interval.ms"));
    }

    @Test
    void theConsumersOfOneChannelInOneProcessAreDistinctMembers() {
        // partitions=2: SmallRye runs two consumers for the channel, client ids ending in -0 and -1; one member id for
        // both made the broker fence one with the other, again and again, and the channel stood still
        Map<String, Object> first =
                new HashMap<>(Map.of("group.id", "dispatch-service", "client.id", "kafka-consumer-requests-events-0"));
        Map<String, Object> second =
                new HashMap<>(Map.of("group.id", "dispatch-service", "client.id", "kafka-consumer-requests-events-1"));
        ConsumerMembership.apply("requests-events", first, Optional.of("dispatch-service"));
        ConsumerMembership.apply("requests-events", second, Optional.of("dispatch-service"));
        assertEquals("dispatch-service-requests-events-0", first.get("group.instance.id"));
        assertEquals("dispatch-service-requests-events-1", second.get("group.instance.id"));
        Map<String, Object> single =
                new HashMap<>(Map.of("group.id", "g", "client.id", "kafka-consumer-inventory-events"));
        ConsumerMembership.apply("inventory-events", single, Optional.of("requests-service"));
        assertEquals("requests-service-inventory-events", single.get("group.instance.id"));
    }

    @Test
    void withoutAnInstanceIdMembersStayDynamicButAreNoticedGoneWithinSeconds() {
        Map<String, Object> config = new HashMap<>(Map.of("group.id", "requests-service"));
        ConsumerMembership.apply("inventory-events", config, Optional.of("  "));
        assertFalse(config.containsKey("group.instance.id"));
        assertEquals(10_000, config.get("session.timeout.ms"));
    }

    @Test
    void explicitSettingsAndProducersAreLeftAlone() {
        Map<String, Object> consumer = new HashMap<>(Map.of("group.id", "g", "session.timeout.ms", 30_000));
        ConsumerMembership.apply("c", consumer, Optional.empty());
        assertEquals(30_000, consumer.get("session.timeout.ms"));
        Map<String, Object> producer = new HashMap<>(Map.of("bootstrap.servers", "x:9092"));
        ConsumerMembership.apply("out", producer, Optional.of("id"));
        assertEquals(Map.of("bootstrap.servers", "x:9092"), producer);
    }
}
