package org.relief.volunteer.service;

import org.relief.kernel.security.CallerScope;
import org.relief.kernel.security.Roles;

/**
 * Which volunteer calls a {@link CallerScope} sees and acts on, by its roles:
 * <ul>
 *     <li>ops: every call and assignment;</li>
 *     <li>a volunteer coordinator: saga calls (LOADING, HAND_OUT, CARE_VISIT have no volunteer organisation of their
 *     own, so every coordinator sees them and their volunteers staff them), calls of its own organisation, and calls
 *     one of its volunteers is on; it answers (accepts, declines) and completes only for its own volunteers;</li>
 *     <li>anyone else (a partner): the calls of its own organisation (its community calls and the saga's calls for
 *     its requests).</li>
 * </ul>
 * A scope with both the coordinator and the partner role acts as the coordinator: the wider view.
 */
final class CallVisibility {
    /** the audiences of the visibility rule, as {@link CallQueries}' SQL names them */
    static final String OPS = "OPS";

    static final String COORDINATOR = "COORDINATOR";
    static final String PARTNER = "PARTNER";

    private CallVisibility() {}

    /** Whether the scope sees calls as a volunteer coordinator (and not as ops, who see everything). */
    static boolean coordinates(CallerScope scope) {
        return !scope.isOps() && scope.has(Roles.VOLUNTEER_COORDINATOR);
    }

    static String audience(CallerScope scope) {
        if (scope.isOps()) {
            return OPS;
        }
        return coordinates(scope) ? COORDINATOR : PARTNER;
    }
}
