package org.relief.kernel.tx;

import java.util.function.Predicate;

/** Whether a failure or anything that caused it matches: how {@link Transient} and {@link Unavailable} classify. */
final class Causes {
    private Causes() {
    }

    static boolean any(Throwable e, Predicate<Throwable> matches) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (matches.test(t)) {
                return true;
            }
        }
        return false;
    }
}
