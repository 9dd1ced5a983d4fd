package org.relief.kernel.tx;

import org.relief.kernel.eventstore.ConcurrencyConflict;

import java.sql.SQLException;

/**
 * Failures that running the same work again in a new transaction resolves: another transaction moved a stream first
 * (ConcurrencyConflict), or PostgreSQL aborted this one to break a deadlock (40P01) or a serialization conflict
 * (40001), as when two transactions book rows of the same vehicles or volunteers in different orders.
 */
public final class Transient {
    private Transient() {
    }

    public static boolean failure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyConflict) {
                return true;
            }
            if (t instanceof SQLException s && ("40P01".equals(s.getSQLState()) || "40001".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
