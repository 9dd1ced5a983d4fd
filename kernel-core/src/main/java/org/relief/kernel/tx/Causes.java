package org.relief.kernel.tx;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether a failure or anything behind it matches: how {@link Transient} and {@link Unavailable} classify. Behind
 * means its causes and also its suppressed failures: a transaction manager that fails to commit may report what
 * broke the commit (a dropped connection, say) as suppressed by its own RollbackException rather than as its cause.
 */
final class Causes {
    private Causes() {}

    static boolean any(Throwable e, Predicate<Throwable> matches) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        if (e != null) {
            todo.push(e);
        }
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (matches.test(t)) {
                return true;
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
            for (Throwable s : t.getSuppressed()) {
                todo.push(s);
            }
        }
        return false;
    }
}
