package org.relief.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.relief.contracts.Topics;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.testing.TestInfrastructure;

/**
 * Watches dispatch.events.v1 from the moment it is opened (earlier runs' records are skipped), for many keys at once:
 * what the scenario and benchmark tests need, where reading the topic from the start per key would be too slow.
 */
public final class DispatchTopic implements AutoCloseable {
    public record Record(String key, String type, JsonNode payload, Instant brokerTime) {}

    private final KafkaConsumer<String, String> consumer;
    private final List<Record> seen = new ArrayList<>();

    public DispatchTopic() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000));
        int partitions = consumer.partitionsFor(Topics.DISPATCH).size();
        List<TopicPartition> tps = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(Topics.DISPATCH, p))
                .toList();
        consumer.assign(tps);
        consumer.seekToEnd(tps);
        tps.forEach(consumer::position); // fixes the start now, before anything is sent
    }

    /** Polls until {@code done} holds for the records of {@code keys} seen so far, or {@code max} passes. */
    public List<Record> awaitRecords(Set<String> keys, Predicate<List<Record>> done, Duration max) {
        long deadline = System.currentTimeMillis() + max.toMillis();
        while (true) {
            List<Record> mine =
                    seen.stream().filter(r -> keys.contains(r.key())).toList();
            if (done.test(mine) || System.currentTimeMillis() > deadline) {
                return mine;
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                try {
                    seen.add(new Record(
                            r.key(),
                            CloudEvents.last(r.headers(), CloudEvents.TYPE),
                            Events.JSON.readTree(r.value()),
                            Instant.ofEpochMilli(r.timestamp())));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
