package org.relief.kernel.eventstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.Json;
import org.relief.kernel.testing.KernelDatabase;
import org.relief.kernel.tx.JdbcTransactions;

/** Against the real PostgreSQL test database. */
class EventStoreTest {
    private final EventStore store = new EventStore(Json.newMapper());
    private final EventContext ctx = EventContext.command("flow-1", "tester", "org-1");
    private DataSource ds;
    private JdbcTransactions tx;

    @BeforeEach
    void setUp() {
        ds = KernelDatabase.fresh();
        tx = new JdbcTransactions(ds);
    }

    @Test
    void appendsAndLoadsAStreamInOrderWithMetadataAndChineseText() {
        tx.inNewTransaction(c -> store.append(
                c,
                "thing",
                "thing-1",
                0,
                List.of(NewEvent.of("Opened", 1, Map.of("note", "我们社区缺少防护服")), NewEvent.of("Closed", 1, Map.of())),
                ctx));
        List<StoredEvent> events = tx.inNewTransaction(c -> store.load(c, "thing-1"));
        assertEquals(
                List.of("Opened", "Closed"),
                events.stream().map(StoredEvent::type).toList());
        assertEquals(List.of(1L, 2L), events.stream().map(StoredEvent::version).toList());
        assertEquals("我们社区缺少防护服", events.get(0).payload().get("note").asText());
        assertEquals("flow-1", events.get(0).context().correlationId());
        assertEquals("org-1", events.get(1).context().organisationId());
    }

    @Test
    void aLongBatchIsWrittenInPartsAndEveryStoredEventNamesItsOwnRow() {
        List<NewEvent> many = new java.util.ArrayList<>();
        for (int i = 1; i <= 1201; i++) {
            many.add(NewEvent.of("Counted", 1, Map.of("n", i)));
        }
        tx.inNewTransaction(
                c -> store.append(c, "thing", "thing-many", 0, List.of(NewEvent.of("Opened", 1, Map.of())), ctx));
        List<StoredEvent> written = tx.inNewTransaction(c -> store.append(c, "thing", "thing-many", 1, many, ctx));
        List<StoredEvent> loaded = tx.inNewTransaction(c -> store.load(c, "thing-many"));
        assertEquals(1202, loaded.size());
        for (int i = 0; i < written.size(); i++) {
            StoredEvent w = written.get(i);
            StoredEvent l = loaded.get(i + 1);
            assertEquals(i + 2L, w.version());
            assertEquals(l.globalPosition(), w.globalPosition(), "event " + w.version());
            assertEquals(l.txId(), w.txId());
            assertEquals(l.eventId(), w.eventId());
            assertEquals(i + 1, l.payload().get("n").asInt());
        }
    }

    @Test
    void appendAtAStaleVersionIsRejected() {
        tx.inNewTransaction(
                c -> store.append(c, "thing", "thing-2", 0, List.of(NewEvent.of("Opened", 1, Map.of())), ctx));
        assertThrows(
                ConcurrencyConflict.class,
                () -> tx.inNewTransaction(
                        c -> store.append(c, "thing", "thing-2", 0, List.of(NewEvent.of("Opened", 1, Map.of())), ctx)));
        assertEquals(1, tx.inNewTransaction(c -> store.load(c, "thing-2")).size());
    }

    @Test
    void concurrentAppendsAtTheSameVersionCommitExactlyOnce() throws Exception {
        int writers = 8;
        CyclicBarrier barrier = new CyclicBarrier(writers);
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int writer = i;
            futures.add(pool.submit(() -> {
                try {
                    tx.inNewTransaction(c -> {
                        try {
                            barrier.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return store.append(
                                c, "thing", "race", 0, List.of(NewEvent.of("Won", 1, Map.of("writer", writer))), ctx);
                    });
                } catch (ConcurrencyConflict e) {
                    conflicts.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals(writers - 1, conflicts.get());
        assertEquals(1, tx.inNewTransaction(c -> store.load(c, "race")).size());
    }

    @Test
    void globalReadNeverSkipsAnEventThatCommitsLateWithALowerPosition() throws Exception {
        try (Connection slow = ds.getConnection()) {
            slow.setAutoCommit(false);
            // the slow transaction takes its position first but commits last
            store.append(slow, "thing", "slow", 0, List.of(NewEvent.of("Slow", 1, Map.of())), ctx);
            tx.inNewTransaction(
                    c -> store.append(c, "thing", "fast", 0, List.of(NewEvent.of("Fast", 1, Map.of())), ctx));

            List<StoredEvent> whileOpen = tx.inNewTransaction(c -> store.readAll(c, GlobalCursor.START, 100));
            assertTrue(whileOpen.isEmpty(), "nothing past the open transaction may be read yet, got " + whileOpen);
            slow.commit();
        }
        List<StoredEvent> all = tx.inNewTransaction(c -> store.readAll(c, GlobalCursor.START, 100));
        assertEquals(
                List.of("Slow", "Fast"), all.stream().map(StoredEvent::type).toList());
        GlobalCursor after = all.get(1).cursor();
        tx.inNewTransaction(c -> store.append(c, "thing", "later", 0, List.of(NewEvent.of("Later", 1, Map.of())), ctx));
        assertEquals(
                List.of("Later"),
                tx.inNewTransaction(c -> store.readAll(c, after, 100)).stream()
                        .map(StoredEvent::type)
                        .toList());
    }

    @Test
    void globalOrderIsByTransactionNumberNotByItsDigits() {
        // transaction 100 wrote first, transaction 98 second (a position is taken before commit, so this happens):
        // in global order 98 comes first, and as text "100" would sort before "98"
        tx.inNewTransaction(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate(
                        "insert into event_store (tx_id, stream_id, stream_type, version, event_id, event_type, "
                                + "schema_version, payload, occurred_at) values "
                                + "('100', 'b', 'thing', 1, gen_random_uuid(), 'Hundred', 1, '{}', now()), "
                                + "('98', 'a', 'thing', 1, gen_random_uuid(), 'NinetyEight', 1, '{}', now())");
            }
            return null;
        });
        List<String> expected = List.of("NinetyEight", "Hundred");
        assertEquals(
                List.of("NinetyEight"),
                tx.inNewTransaction(c -> store.readAll(c, GlobalCursor.START, 1)).stream()
                        .map(StoredEvent::type)
                        .toList());
        assertEquals(
                expected,
                tx.inNewTransaction(c -> store.readAll(c, GlobalCursor.START, 10)).stream()
                        .map(StoredEvent::type)
                        .toList());
        assertEquals(
                expected,
                tx.inNewTransaction(c -> store.readCommitted(c, List.of("thing"), GlobalCursor.START, 10)).stream()
                        .map(StoredEvent::type)
                        .toList());
        // a batch of one: the cursor of the first event must not pass over the second
        GlobalCursor first = tx.inNewTransaction(c -> store.readCommitted(c, List.of("thing"), GlobalCursor.START, 1))
                .get(0)
                .cursor();
        assertEquals(
                List.of("Hundred"),
                tx.inNewTransaction(c -> store.readCommitted(c, List.of("thing"), first, 1)).stream()
                        .map(StoredEvent::type)
                        .toList());
    }

    @Test
    void aRolledBackAppendLeavesNoEvent() {
        assertThrows(
                IllegalStateException.class,
                () -> tx.inNewTransaction(c -> {
                    store.append(c, "thing", "ghost", 0, List.of(NewEvent.of("Opened", 1, Map.of())), ctx);
                    throw new IllegalStateException("business rule failed after the append");
                }));
        assertTrue(tx.inNewTransaction(c -> store.load(c, "ghost")).isEmpty());
        assertTrue(tx.inNewTransaction(c -> store.readAll(c, GlobalCursor.START, 10))
                .isEmpty());
    }
}
