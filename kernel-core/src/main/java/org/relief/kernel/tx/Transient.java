package org.relief.kernel.tx;

import java.sql.SQLException;
import org.relief.kernel.eventstore.ConcurrencyConflict;

/**
 * Failures that running the same work again in a new transaction resolves: another transaction moved a stream first
 * (ConcurrencyConflict), or PostgreSQL aborted this one to break a deadlock (40P01) or a serialization conflict
 * (40001), as when two transactions book rows of the same vehicles or volunteers in different orders.
 */
public final class Transient {
    private Transient() {}

    public static boolean failure(Throwable e) {
        return Causes.any(
                e,
                t -> t instanceof ConcurrencyConflict
                        || (t instanceof SQLException s
                                && ("40P01".equals(s.getSQLState()) || "40001".equals(s.getSQLState()))));
    }
}
