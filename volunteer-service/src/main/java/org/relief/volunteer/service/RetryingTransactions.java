package org.relief.volunteer.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.relief.kernel.eventstore.ConcurrencyConflict;
import org.relief.kernel.tx.Transactions;

import java.sql.SQLException;

/**
 * Like the kernel's TransactionRunner, but staffing a call also locks bookings: two transactions booking volunteers
 * in different orders can deadlock (PostgreSQL aborts one), which is retried like a concurrency conflict.
 */
@ApplicationScoped
public class RetryingTransactions {
    private static final int ATTEMPTS = 6;

    @Inject
    Transactions transactions;

    public <T> T inTransaction(Transactions.Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.inNewTransaction(work);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(10L * attempt + (long) (Math.random() * 20));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Another transaction moved a stream first, or PostgreSQL broke a deadlock or a serialization failure. */
    public static boolean retryable(Throwable e) {
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
