package org.relief.kernel.eventstore;

import org.relief.kernel.tx.DatabaseException;

/** Reading or appending events failed; the surrounding transaction must roll back. */
public class EventStoreException extends DatabaseException {
    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
