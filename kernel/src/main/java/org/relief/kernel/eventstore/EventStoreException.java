package org.relief.kernel.eventstore;

/** A database failure while reading or writing events; the surrounding transaction must roll back. */
public class EventStoreException extends RuntimeException {
    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
