package org.relief.kernel.inbox;

import org.relief.kernel.tx.DatabaseException;

/** Recording a consumed event, or parking, replaying or discarding one, failed; the transaction must roll back. */
public class InboxException extends DatabaseException {
    public InboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
