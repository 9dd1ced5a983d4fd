package org.relief.kernel.tx;

/**
 * A database failure; the surrounding transaction must roll back. Subclasses name what failed (the event store, the
 * outbox, the inbox); services throw this one for their own tables (views, ledgers). {@link Unavailable} and
 * {@link Transient} look through it at the SQL cause.
 */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
