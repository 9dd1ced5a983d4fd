package org.relief.kernel.security;

import java.util.Set;

/**
 * What a caller may see and do, as a plain value the application services take (they are not request-scoped, and
 * the saga's steps act as {@link #ops()}): the organisation the caller belongs to and its roles. The one name
 * for "the caller's scope" in every service; {@link Caller#scope()} makes it from the verified token.
 */
public record CallerScope(String organisationId, Set<String> roles) {
    public CallerScope {
        roles = Set.copyOf(roles);
    }

    /** Ops: everything, every organisation. Also what the saga's own steps act as. */
    public static CallerScope ops() {
        return new CallerScope(null, Set.of(Roles.OPS));
    }

    public static CallerScope of(String organisationId, String... roles) {
        return new CallerScope(organisationId, Set.of(roles));
    }

    public boolean isOps() {
        return roles.contains(Roles.OPS);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** Ops see everything; everyone else only their own organisation's data. */
    public boolean mayAccess(String organisation) {
        return isOps() || (organisation != null && organisation.equals(organisationId));
    }
}
