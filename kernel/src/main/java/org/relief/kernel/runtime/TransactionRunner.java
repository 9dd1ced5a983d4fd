package org.relief.kernel.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ThreadLocalRandom;
import org.relief.kernel.tx.Transactions;
import org.relief.kernel.tx.Transient;

/**
 * Runs a command in its own transaction and runs it again after a {@link Transient transient} failure: another
 * transaction moved one of its streams first (two donations topping up the same waiting request, two dispatchers
 * toggling one vehicle), or PostgreSQL broke a deadlock between two bookings. Such a failure leaves the transaction
 * unusable, so the retry starts a new one, after a short random pause so that the racers do not collide again.
 */
@ApplicationScoped
public class TransactionRunner {
    private static final int ATTEMPTS = 6;

    private final Transactions transactions;

    @Inject
    public TransactionRunner(Transactions transactions) {
        this.transactions = transactions;
    }

    public <T> T inTransaction(Transactions.Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.inNewTransaction(work);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !Transient.failure(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(10L * attempt + ThreadLocalRandom.current().nextInt(20));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
