package org.relief.kernel.outbox;

import org.relief.kernel.tx.DatabaseException;

/** Enqueueing an integration event, or marking it published, failed; the surrounding transaction must roll back. */
public class OutboxException extends DatabaseException {
    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
