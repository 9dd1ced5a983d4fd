package org.relief.kernel.eventstore;

/**
 * A place in the global event order, which is (writing transaction id, position) rather than position alone:
 * positions come from a sequence and are handed out before commit, so a lower position can commit after a higher
 * one. Reading only below the oldest running transaction, in (txId, position) order, never skips such an event.
 */
public record GlobalCursor(long txId, long position) {
    public static final GlobalCursor START = new GlobalCursor(0, 0);
}
