package org.relief.requests.service;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.tx.Unavailable;

/**
 * The database goes away between a transaction's last statement and its commit (PostgreSQL restarted, the connection
 * cut): the commit fails inside the transaction manager, and what reaches the API or a consumer must still read as
 * "the database is away" (503 and Retry-After, or wait), not as a defect (500, or a parked event).
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class CommitLostConnectionTest {
    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void aCommitThatLostItsConnectionIsAnOutage() {
        RuntimeException failed = assertThrows(
                RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                    try (Connection c = dataSource.getConnection();
                            Statement s = c.createStatement()) {
                        s.execute("create temporary table if not exists commit_probe (n int)");
                        s.execute("insert into commit_probe values (1)");
                        int pid;
                        try (ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                            rs.next();
                            pid = rs.getInt(1);
                        }
                        // from outside the transaction, as a restart or an operator would
                        try (Connection admin = DriverManager.getConnection(url, user, password);
                                Statement a = admin.createStatement()) {
                            a.execute("select pg_terminate_backend(" + pid + ")");
                        }
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException("the probe itself failed", e);
                    }
                }));
        assertTrue(Unavailable.database(failed), () -> "not read as an outage: " + describe(failed));
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        describe(e, sb, seen, "");
        return sb.toString();
    }

    private static void describe(Throwable e, StringBuilder sb, java.util.Set<Throwable> seen, String how) {
        if (e == null || !seen.add(e)) {
            return;
        }
        sb.append(" <").append(how).append(e).append('>');
        describe(e.getCause(), sb, seen, "cause ");
        for (Throwable s : e.getSuppressed()) {
            describe(s, sb, seen, "suppressed ");
        }
    }
}
