package org.relief.kernel.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Fresh topics on the real test broker, and a reader that takes everything on a topic from the beginning. */
public final class TestTopics {
    private TestTopics() {}

    public static String create(String prefix, int partitions) {
        String topic = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
        return topic;
    }

    /** Sends one CloudEvent as another service's relay would (binary mode headers, JSON value). */
    public static void send(
            String topic,
            String key,
            java.util.UUID id,
            String type,
            String source,
            String json,
            org.relief.kernel.envelope.EventContext context) {
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
                org.relief.kernel.runtime.OutboxRelayService.producerProperties(
                        TestInfrastructure.kafkaBootstrapServers(), "test-sender"))) {
            var record = new org.apache.kafka.clients.producer.ProducerRecord<String, String>(topic, key, json);
            org.relief.kernel.envelope.CloudEvents.headers(id, type, 1, source, key, java.time.Instant.now(), context)
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /**
     * The records of one key on a topic (read from the beginning), waiting until at least {@code atLeast} are there,
     * then reading a little more, so that a test expecting N also sees an unwanted N+1st.
     */
    public static List<ConsumerRecord<String, String>> recordsOfKey(
            String topic, String key, int atLeast, Duration max) {
        return read(topic, r -> key.equals(r.key()), atLeast, max);
    }

    /** Reads the topic from the start until {@code expected} records arrived or {@code max} passed, then a little more. */
    public static List<ConsumerRecord<String, String>> readAll(String topic, int expected, Duration max) {
        return read(topic, r -> true, expected, max);
    }

    /**
     * One consumer reads the topic once, from the beginning, keeping the wanted records, and returns as soon as
     * {@code expected} are there (or {@code max} passed) and a short read-on (700 ms) found no more.
     */
    private static List<ConsumerRecord<String, String>> read(
            String topic,
            java.util.function.Predicate<ConsumerRecord<String, String>> wanted,
            int expected,
            Duration max) {
        try (KafkaConsumer<String, String> consumer = fromTheBeginning(topic)) {
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            java.util.function.Consumer<ConsumerRecord<String, String>> keep = r -> {
                if (wanted.test(r)) {
                    found.add(r);
                }
            };
            long deadline = System.currentTimeMillis() + max.toMillis();
            while (System.currentTimeMillis() < deadline && found.size() < expected) {
                consumer.poll(Duration.ofMillis(100)).forEach(keep);
            }
            long grace = System.currentTimeMillis() + 700;
            while (System.currentTimeMillis() < grace) {
                consumer.poll(Duration.ofMillis(100)).forEach(keep);
            }
            return found;
        }
    }

    private static KafkaConsumer<String, String> fromTheBeginning(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        int partitions = consumer.partitionsFor(topic).size();
        List<TopicPartition> tps = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic, p))
                .toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        return consumer;
    }
}
