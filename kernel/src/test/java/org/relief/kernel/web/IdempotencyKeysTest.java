package org.relief.kernel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.testing.KernelDatabase;
import org.relief.kernel.tx.JdbcTransactions;

/** The Idempotency-Key bookkeeping against the real PostgreSQL test database (kernel migrations V0_1, V0_2). */
class IdempotencyKeysTest {
    private DataSource ds;
    private JdbcTransactions tx;

    @BeforeEach
    void setUp() {
        ds = KernelDatabase.fresh();
        tx = new JdbcTransactions(ds);
    }

    private static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void theHashIgnoresPropertyOrderButNotValues() {
        String a = IdempotencyKeys.hash(
                body("warehouseId", "wh-1", "note", "商会捐赠", "lines", List.of(body("item", "mask", "quantity", 5))));
        String b = IdempotencyKeys.hash(
                body("lines", List.of(body("quantity", 5, "item", "mask")), "note", "商会捐赠", "warehouseId", "wh-1"));
        String c = IdempotencyKeys.hash(
                body("warehouseId", "wh-1", "note", "商会捐赠", "lines", List.of(body("item", "mask", "quantity", 6))));
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(64, a.length());
    }

    @Test
    void noHeaderMeansNoKeyAndABlankOrTooLongKeyIsRefused() {
        assertNull(IdempotencyKeys.of("org-1", "donations", null, body("a", 1)));
        assertEquals(
                "k".repeat(100),
                IdempotencyKeys.of("org-1", "donations", "k".repeat(100), body("a", 1))
                        .key());
        RuleViolation tooLong = assertThrows(RuleViolation.class, () -> IdempotencyKeys.checked("k".repeat(101)));
        assertTrue(tooLong.message(false).contains("Idempotency-Key"));
        assertTrue(tooLong.message(true).contains("请求头 Idempotency-Key"));
        assertThrows(RuleViolation.class, () -> IdempotencyKeys.checked(" "));
        var alice = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("alice"))
                .addRole("ops")
                .build();
        assertEquals("ops:alice", IdempotencyKeys.scope(null, alice));
        assertEquals("org-1", IdempotencyKeys.scope("org-1", alice));
    }

    @Test
    void aClaimedKeyReplaysItsResourceAndRefusesAnotherBodyWith422() {
        var key = IdempotencyKeys.of("org-1", "donations", "key-1", body("q", 5));
        assertEquals(Optional.empty(), tx.inNewTransaction(c -> IdempotencyKeys.earlier(c, key)));
        assertEquals(Optional.empty(), tx.inNewTransaction(c -> IdempotencyKeys.claim(c, key, "donation-1")));

        assertEquals(Optional.of("donation-1"), tx.inNewTransaction(c -> IdempotencyKeys.earlier(c, key)));
        assertEquals(Optional.of("donation-1"), tx.inNewTransaction(c -> IdempotencyKeys.claim(c, key, "donation-2")));

        var otherBody = IdempotencyKeys.of("org-1", "donations", "key-1", body("q", 6));
        ProblemException reused = assertThrows(
                ProblemException.class, () -> tx.inNewTransaction(c -> IdempotencyKeys.earlier(c, otherBody)));
        assertEquals(422, reused.status());
        assertEquals("idempotency-key-reused", reused.slug());
        assertTrue(reused.detail(true).contains("幂等键"));
        assertEquals(
                422,
                assertThrows(
                                ProblemException.class,
                                () -> tx.inNewTransaction(c -> IdempotencyKeys.claim(c, otherBody, "donation-3")))
                        .status());
    }

    @Test
    void keysAreScopedByWhoActsAndByOperation() {
        var key = IdempotencyKeys.of("org-1", "donations", "same", body("q", 5));
        tx.inNewTransaction(c -> IdempotencyKeys.claim(c, key, "donation-1"));
        // the same key under another organisation, another ops user or another operation is a different key
        for (var other : List.of(
                IdempotencyKeys.of("org-2", "donations", "same", body("q", 5)),
                IdempotencyKeys.of("ops:alice", "donations", "same", body("q", 5)),
                IdempotencyKeys.of("org-1", "warehouses", "same", body("other", "body")))) {
            assertEquals(Optional.empty(), tx.inNewTransaction(c -> IdempotencyKeys.earlier(c, other)));
            assertEquals(Optional.empty(), tx.inNewTransaction(c -> IdempotencyKeys.claim(c, other, "x")));
        }
    }

    @Test
    void aNullKeyIsNeverStored() throws Exception {
        assertEquals(Optional.empty(), tx.inNewTransaction(c -> IdempotencyKeys.claim(c, null, "r-1")));
        try (Connection c = ds.getConnection();
                var rs = c.createStatement().executeQuery("select count(*) from idempotency_record")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    /** A concurrent claim waits for the first transaction: it replays after a commit and claims after a rollback. */
    @Test
    void aConcurrentClaimWaitsForTheFirstTransaction() throws Exception {
        var key = IdempotencyKeys.of("org-1", "donations", "race", body("q", 5));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection first = ds.getConnection()) {
            first.setAutoCommit(false);
            assertEquals(Optional.empty(), IdempotencyKeys.claim(first, key, "first"));
            Future<Optional<String>> second =
                    pool.submit(() -> tx.inNewTransaction(c -> IdempotencyKeys.claim(c, key, "second")));
            assertThrows(TimeoutException.class, () -> second.get(500, TimeUnit.MILLISECONDS), "waits on the key");
            first.commit();
            assertEquals(Optional.of("first"), second.get(10, TimeUnit.SECONDS));
        }

        var rolledBack = IdempotencyKeys.of("org-1", "donations", "race-rollback", body("q", 5));
        try (Connection first = ds.getConnection()) {
            first.setAutoCommit(false);
            IdempotencyKeys.claim(first, rolledBack, "first");
            Future<Optional<String>> second =
                    pool.submit(() -> tx.inNewTransaction(c -> IdempotencyKeys.claim(c, rolledBack, "second")));
            assertThrows(TimeoutException.class, () -> second.get(500, TimeUnit.MILLISECONDS));
            first.rollback();
            assertEquals(Optional.empty(), second.get(10, TimeUnit.SECONDS), "the second claims it itself");
        }
        assertEquals(Optional.of("second"), tx.inNewTransaction(c -> IdempotencyKeys.earlier(c, rolledBack)));
        pool.shutdown();
    }
}
