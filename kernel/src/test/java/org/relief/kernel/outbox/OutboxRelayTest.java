package org.relief.kernel.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.Json;
import org.relief.kernel.runtime.OutboxRelayService;
import org.relief.kernel.testing.KernelDatabase;
import org.relief.kernel.testing.TestInfrastructure;
import org.relief.kernel.testing.TestTopics;
import org.relief.kernel.tx.JdbcTransactions;

/** The relay against the real test broker and the real PostgreSQL test database. */
class OutboxRelayTest {
    private final ObjectMapper json = Json.newMapper();
    private final Outbox outbox = new Outbox(json, "/kernel-test");
    private final List<OutboxRelay> relays = new ArrayList<>();
    private DataSource ds;
    private JdbcTransactions tx;
    private Producer<String, String> producer;
    private String topic;

    @BeforeEach
    void setUp() {
        ds = KernelDatabase.fresh();
        tx = new JdbcTransactions(ds);
        topic = TestTopics.create("relay-test", 3);
        producer = new KafkaProducer<>(
                OutboxRelayService.producerProperties(TestInfrastructure.kafkaBootstrapServers(), "relay-test"));
    }

    @AfterEach
    void tearDown() {
        relays.forEach(OutboxRelay::close);
        producer.close();
    }

    private OutboxRelay relay(String name) {
        var settings = OutboxRelay.Settings.defaults(
                TestInfrastructure.jdbcUrl("kernel_test"), TestInfrastructure.DB_USER, TestInfrastructure.DB_PASSWORD);
        OutboxRelay relay = new OutboxRelay(
                new OutboxRelay.Settings(
                        settings.jdbcUrl(),
                        settings.user(),
                        settings.password(),
                        settings.lockKey(),
                        50,
                        Duration.ofMillis(200),
                        Duration.ofMillis(200),
                        settings.sendTimeout(),
                        settings.retention()),
                producer,
                json);
        relays.add(relay);
        relay.start(name);
        return relay;
    }

    private OutgoingEvent event(String key, int seq) {
        return OutgoingEvent.of(
                topic,
                key,
                "ThingHappened",
                1,
                "thing-" + key,
                Map.of("key", key, "seq", seq, "note", "口罩"),
                EventContext.command(key, "tester", "org-1"));
    }

    private long unpublished() {
        return tx.inNewTransaction(c -> Outbox.backlog(c).unpublished());
    }

    @Test
    void aRolledBackTransactionPublishesNothingAndACommittedOneIsPublishedWithCloudEventHeaders() {
        assertThrows(
                IllegalStateException.class,
                () -> tx.inNewTransaction(c -> {
                    outbox.enqueue(c, event("rolled-back", 1));
                    throw new IllegalStateException("the business transaction fails after writing its outbox row");
                }));
        OutgoingEvent committed = event("committed", 1);
        tx.inNewTransaction(c -> {
            outbox.enqueue(c, committed);
            return null;
        });
        relay("relay-a");
        await().atMost(Duration.ofSeconds(20)).until(() -> unpublished() == 0);

        List<ConsumerRecord<String, String>> records = TestTopics.readAll(topic, 1, Duration.ofSeconds(15));
        assertEquals(1, records.size(), "only the committed event may reach Kafka");
        ConsumerRecord<String, String> r = records.get(0);
        assertEquals("committed", r.key());
        assertEquals(committed.eventId().toString(), CloudEvents.last(r.headers(), CloudEvents.ID));
        assertEquals("1.0", CloudEvents.last(r.headers(), CloudEvents.SPEC_VERSION));
        assertEquals("ThingHappened", CloudEvents.last(r.headers(), CloudEvents.TYPE));
        assertEquals("/kernel-test", CloudEvents.last(r.headers(), CloudEvents.SOURCE));
        assertEquals("committed", CloudEvents.last(r.headers(), CloudEvents.CORRELATION_ID));
        assertTrue(r.value().contains("口罩"), r.value());
    }

    @Test
    void eventsCommittedWhileNoRelayRunsArePublishedWhenItStarts() {
        for (int i = 0; i < 5; i++) {
            int seq = i;
            tx.inNewTransaction(c -> {
                outbox.enqueue(c, event("k", seq));
                return null;
            });
        }
        assertEquals(5, unpublished());
        relay("relay-after-crash");
        await().atMost(Duration.ofSeconds(20)).until(() -> unpublished() == 0);
        assertEquals(5, TestTopics.readAll(topic, 5, Duration.ofSeconds(15)).size());
    }

    @Test
    void aCrashAfterSendingButBeforeMarkingResendsTheSameEventIds() throws Exception {
        OutgoingEvent e = event("k", 1);
        tx.inNewTransaction(c -> {
            outbox.enqueue(c, e);
            return null;
        });
        OutboxRelay first = relay("relay-1");
        await().atMost(Duration.ofSeconds(20)).until(() -> unpublished() == 0);
        first.close();
        // the state a crash between the broker's ack and the mark leaves behind: sent, but not marked
        try (var c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("update outbox set published_at = null");
        }
        relay("relay-2");
        await().atMost(Duration.ofSeconds(20)).until(() -> unpublished() == 0);
        List<ConsumerRecord<String, String>> records = TestTopics.readAll(topic, 2, Duration.ofSeconds(15));
        assertEquals(2, records.size(), "at-least-once: the record is sent again");
        assertEquals(
                Set.of(e.eventId().toString()),
                records.stream()
                        .map(r -> CloudEvents.last(r.headers(), CloudEvents.ID))
                        .collect(Collectors.toSet()),
                "both copies carry the same event id, which consumers deduplicate on");
    }

    @Test
    void orderPerKeyIsKeptAcrossPartitionsAndConcurrentWriters() throws Exception {
        int keys = 6;
        int perKey = 40;
        List<Thread> writers = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            String key = "key-" + k;
            // one writer per key, as the event store serialises the writes of one stream
            Thread t = new Thread(() -> {
                for (int seq = 0; seq < perKey; seq++) {
                    int s = seq;
                    tx.inNewTransaction(c -> {
                        outbox.enqueue(c, event(key, s));
                        return null;
                    });
                }
            });
            writers.add(t);
            t.start();
        }
        relay("relay-order");
        for (Thread t : writers) {
            t.join();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished() == 0);
        List<ConsumerRecord<String, String>> records = TestTopics.readAll(topic, keys * perKey, Duration.ofSeconds(20));
        assertEquals(keys * perKey, records.size());
        Map<String, List<Integer>> seqByKey = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            seqByKey.computeIfAbsent(r.key(), x -> new ArrayList<>())
                    .add(json.readTree(r.value()).get("seq").asInt());
        }
        for (var entry : seqByKey.entrySet()) {
            List<Integer> seqs = entry.getValue();
            for (int i = 0; i < seqs.size(); i++) {
                assertEquals(i, seqs.get(i), "order of " + entry.getKey() + ": " + seqs);
            }
        }
    }

    @Test
    void withTwoRelaysOneLeadsAndTheOtherTakesOverWhenItStops() {
        OutboxRelay a = relay("relay-a");
        OutboxRelay b = relay("relay-b");
        await().atMost(Duration.ofSeconds(10)).until(() -> a.isLeader() || b.isLeader());
        assertNotEquals(a.isLeader(), b.isLeader(), "exactly one leader");
        for (int i = 0; i < 20; i++) {
            int seq = i;
            tx.inNewTransaction(c -> {
                outbox.enqueue(c, event("k", seq));
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> unpublished() == 0);
        OutboxRelay leader = a.isLeader() ? a : b;
        OutboxRelay follower = leader == a ? b : a;
        leader.close();
        await().atMost(Duration.ofSeconds(10)).until(follower::isLeader);
        for (int i = 20; i < 30; i++) {
            int seq = i;
            tx.inNewTransaction(c -> {
                outbox.enqueue(c, event("k", seq));
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> unpublished() == 0);
        List<ConsumerRecord<String, String>> records = TestTopics.readAll(topic, 30, Duration.ofSeconds(15));
        assertEquals(30, records.size(), "each event once: no relay sent what the other had sent");
    }
}
