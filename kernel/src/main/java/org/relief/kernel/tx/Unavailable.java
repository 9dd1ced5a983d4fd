package org.relief.kernel.tx;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Failures that say the database is away, not that the work is wrong: the connection was refused, broken or closed
 * by the server (SQLState class 08), the server is shutting down or starting (57P01-57P03), or the pool could not hand
 * out a connection in time. Running the work again later succeeds once PostgreSQL is back; nothing half-done stays,
 * because the transaction never committed. A consumer waits (it must not park a good event for an outage) and an API
 * answers 503 with Retry-After (the client's retry with the same Idempotency-Key is safe), never 500.
 */
public final class Unavailable {
    private Unavailable() {
    }

    public static boolean database(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03") || state.equals("53300"))) {
                    return true;
                }
                // Agroal's pool, when no connection could be made or handed out within the acquisition timeout
                String message = String.valueOf(s.getMessage());
                if (state == null && message.contains("acquisition timeout")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
