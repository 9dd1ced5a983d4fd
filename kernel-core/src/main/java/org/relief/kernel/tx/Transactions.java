package org.relief.kernel.tx;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in a new database transaction: committed if it returns, rolled back if it throws. */
public interface Transactions {
    <T> T inNewTransaction(Work<T> work);

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
