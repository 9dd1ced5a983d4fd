package org.relief.volunteer.service;

/**
 * Who looks at or acts on calls, for scoping:
 * <ul>
 *     <li>ops: every call and assignment;</li>
 *     <li>a volunteer coordinator: saga calls (LOADING, HAND_OUT, CARE_VISIT have no volunteer organisation of their
 *     own, so every coordinator sees them and their volunteers staff them), calls of its own organisation, and calls
 *     one of its volunteers is on; it answers (accepts, declines) and completes only for its own volunteers;</li>
 *     <li>a partner: the calls of its own organisation (its community calls and the saga's calls for its requests).</li>
 * </ul>
 */
public record Viewer(Kind kind, String organisationId) {
    public enum Kind { OPS, COORDINATOR, PARTNER }

    public static Viewer ops() {
        return new Viewer(Kind.OPS, null);
    }

    public boolean isOps() {
        return kind == Kind.OPS;
    }
}
