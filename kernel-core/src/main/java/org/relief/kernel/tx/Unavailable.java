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
    private Unavailable() {}

    public static boolean database(Throwable e) {
        return Causes.any(
                e,
                t -> t instanceof SQLTransientConnectionException
                        || (t instanceof SQLException s
                                && unavailable(s.getSQLState(), String.valueOf(s.getMessage()))));
    }

    private static boolean unavailable(String state, String message) {
        if (state == null) {
            // Agroal's pool, when no connection could be made or handed out within the acquisition timeout
            return message.contains("acquisition timeout");
        }
        return state.startsWith("08")
                || state.equals("57P01")
                || state.equals("57P02")
                || state.equals("57P03")
                || state.equals("53300");
    }
}
