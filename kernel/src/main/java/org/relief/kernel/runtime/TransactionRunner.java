package org.relief.kernel.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.relief.kernel.eventstore.ConcurrencyConflict;
import org.relief.kernel.tx.Transactions;

/**
 * Runs a command in its own transaction and runs it again when another transaction moved one of its streams first
 * (e.g. two donations of different items both topping up the same waiting request, two dispatchers toggling one
 * vehicle). A ConcurrencyConflict leaves the transaction unusable, so the retry starts a new one.
 */
@ApplicationScoped
public class TransactionRunner {
    private static final int ATTEMPTS = 5;

    @Inject
    Transactions transactions;

    public <T> T inTransaction(Transactions.Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.inNewTransaction(work);
            } catch (ConcurrencyConflict e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
