package org.relief.kernel.envelope;

/** A record that can never be applied, however often it is retried (it is parked at once). */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }
}
