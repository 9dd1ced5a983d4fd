package org.relief.kernel.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.relief.kernel.web.Messages;
import org.relief.kernel.web.ProblemException;

/**
 * Who is calling, from the verified bearer token: the organisation ({@code org} claim), the user and the roles.
 * Organisation scoping is decided here, once, for every resource.
 */
@RequestScoped
public class Caller {
    public static final String ORGANISATION_CLAIM = "org";

    private final SecurityIdentity identity;

    @Inject
    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isOps() {
        return identity.hasRole(Roles.OPS);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The caller's organisation; a non-ops token without one is refused. */
    public String organisationId() {
        String org = organisationClaim(identity.getPrincipal());
        if ((org == null || org.isBlank()) && !isOps()) {
            throw ProblemException.forbidden(Messages.of("problem.no-organisation"));
        }
        return org == null || org.isBlank() ? null : org;
    }

    /**
     * The token's {@code org} claim as text, or null. A signed token whose {@code org} is a number, a list or an object
     * is not one we issue: 401, where reading it as text used to fail with a 500.
     */
    public static String organisationClaim(Principal principal) {
        Object claim = principal instanceof JsonWebToken jwt ? jwt.getClaim(ORGANISATION_CLAIM) : null;
        if (claim == null || claim instanceof String) {
            return (String) claim;
        }
        if (claim instanceof jakarta.json.JsonString text) {
            return text.getString();
        }
        throw new ProblemException(401, "unauthorized", Messages.of("problem.organisation-not-text"));
    }

    /** "yanta-community/alice" (or "ops:alice" for ops acting for no organisation): the actor on events and timelines. */
    public String actor() {
        String user = identity.getPrincipal() == null
                ? "anonymous"
                : identity.getPrincipal().getName();
        String org = organisationId();
        return org == null ? "ops:" + user : org + "/" + user;
    }

    /** This caller's scope as a plain value, for application services (a token without an organisation: 403). */
    public CallerScope scope() {
        java.util.Set<String> roles = new java.util.HashSet<>();
        for (String role :
                new String[] {Roles.PARTNER, Roles.DONOR, Roles.DISPATCHER, Roles.VOLUNTEER_COORDINATOR, Roles.OPS}) {
            if (identity.hasRole(role)) {
                roles.add(role);
            }
        }
        return new CallerScope(organisationId(), roles);
    }

    /** Ops see everything; everyone else only their own organisation's data. */
    public boolean mayAccess(String organisationId) {
        return scope().mayAccess(organisationId);
    }

    /**
     * The organisation a write acts for: the caller's own, or, for ops only, the one named in the request. A partner
     * naming another organisation is refused.
     */
    public String actingFor(String requested) {
        if (isOps()) {
            if (requested == null || requested.isBlank()) {
                throw ProblemException.validation(Messages.of("problem.ops-names-organisation"));
            }
            return requested;
        }
        String own = organisationId();
        if (requested != null && !requested.isBlank() && !requested.equals(own)) {
            throw ProblemException.forbidden(Messages.of("problem.not-your-organisation", requested));
        }
        return own;
    }

    /**
     * The organisation filter of a list: for ops the one named (blank: every organisation), for anyone else their own,
     * and naming another organisation is refused as in {@link #actingFor}.
     */
    public String readingFor(String requested) {
        if (isOps()) {
            return requested == null || requested.isBlank() ? null : requested;
        }
        return actingFor(requested);
    }
}
