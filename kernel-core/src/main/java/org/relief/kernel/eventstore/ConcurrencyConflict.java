package org.relief.kernel.eventstore;

/** Another transaction appended to the stream since it was loaded; reload and decide again, or report 409. */
public class ConcurrencyConflict extends RuntimeException {
    public ConcurrencyConflict(String streamId, long expectedVersion) {
        super("stream " + streamId + " has moved past version " + expectedVersion);
    }
}
