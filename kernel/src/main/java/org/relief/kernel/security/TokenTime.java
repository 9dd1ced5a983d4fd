package org.relief.kernel.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.relief.kernel.web.Messages;
import org.relief.kernel.web.ProblemMappers;

/**
 * A token issued in the future is refused: smallrye-jwt checks {@code exp} and, with {@code mp.jwt.verify.token.age},
 * how old a token is, but lets an {@code iat} an hour ahead through, and such a token outlives its stated lifetime.
 * The allowed clock skew is the one the verifier uses for {@code exp}.
 */
@ApplicationScoped
public class TokenTime {
    private final SecurityIdentity identity;
    private final long skewSeconds;

    /** the wall clock on purpose, not the service's clock bean: it must agree with the token verifier's, which is */
    Clock clock = Clock.systemUTC();

    @Inject
    public TokenTime(
            SecurityIdentity identity,
            @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long skewSeconds) {
        this.identity = identity;
        this.skewSeconds = skewSeconds;
    }

    @ServerRequestFilter
    public Response issuedInTheFuture(HttpHeaders headers, UriInfo uri) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        long issuedAt = jwt.getIssuedAtTime();
        if (issuedAt <= clock.instant().getEpochSecond() + skewSeconds) {
            return null;
        }
        boolean zh = ProblemMappers.chinese(headers);
        Response r = ProblemMappers.build(
                401, "unauthorized", Messages.text(zh, "token.issued-in-future"), List.of(), headers, uri);
        return Response.fromResponse(r)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }
}
