package org.relief.kernel.tx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.relief.kernel.eventstore.ConcurrencyConflict;
import org.relief.kernel.eventstore.EventStoreException;
import org.relief.kernel.testing.KernelDatabase;

/** Which failures mean "the database is away" (wait, or answer 503) and which mean the work itself failed. */
class UnavailableTest {

    @Test
    void aRefusedConnectionIsAnOutageEvenWrapped() {
        SQLException refused = assertThrows(
                SQLException.class,
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "x", "x"));
        assertTrue(Unavailable.database(refused), refused.getSQLState());
        assertTrue(Unavailable.database(new EventStoreException("transaction failed", refused)));
        assertTrue(Unavailable.database(new RuntimeException(new IllegalStateException(refused))));
    }

    @Test
    void aConnectionTerminatedByTheServerIsAnOutage() throws Exception {
        var ds = KernelDatabase.fresh();
        try (var victim = ds.getConnection();
                var admin = ds.getConnection()) {
            int pid;
            try (Statement s = victim.createStatement();
                    var rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            try (Statement s = admin.createStatement()) {
                s.execute("select pg_terminate_backend(" + pid + ")");
            }
            SQLException cut = assertThrows(SQLException.class, () -> {
                try (Statement s = victim.createStatement()) {
                    s.execute("select 1");
                }
            });
            assertTrue(Unavailable.database(cut), cut.getSQLState() + " " + cut.getMessage());
        }
    }

    @Test
    void anOutageReportedAsSuppressedByAFailedCommitIsAnOutage() {
        // a transaction manager's commit failure may carry what broke it as suppressed, not as its cause
        var rolledBack = new Exception("could not commit transaction"); // as Narayana's RollbackException does
        rolledBack.addSuppressed(new SQLException("An I/O error occurred while sending to the backend", "08006"));
        assertTrue(Unavailable.database(new RuntimeException(rolledBack)));
        var cycle = new IllegalStateException("a");
        var other = new IllegalStateException("b", cycle);
        cycle.addSuppressed(other);
        assertFalse(Unavailable.database(cycle), "a cycle of failures ends the walk");
    }

    @Test
    void failuresOfTheWorkItselfAreNot() throws Exception {
        var ds = KernelDatabase.fresh();
        try (var c = ds.getConnection();
                Statement s = c.createStatement()) {
            SQLException syntax = assertThrows(SQLException.class, () -> s.execute("select from nowhere_at_all"));
            assertFalse(Unavailable.database(syntax));
        }
        assertFalse(Unavailable.database(new ConcurrencyConflict("help-request-1", 3)));
        assertFalse(Unavailable.database(new IllegalArgumentException("bad")));
        assertFalse(Unavailable.database(new SQLException("duplicate key", "23505")));
    }
}
