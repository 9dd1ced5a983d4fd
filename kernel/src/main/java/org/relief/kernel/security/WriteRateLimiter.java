package org.relief.kernel.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.relief.kernel.web.Messages;
import org.relief.kernel.web.ProblemMappers;

/**
 * Per-organisation token bucket on write calls (POST, PUT, PATCH, DELETE): a burst, refilled at a steady rate. Over
 * the limit: 429 problem+json with {@code Retry-After}. Per service instance; with N replicas the effective limit is
 * N times higher (documented), which still stops one partner's runaway client from starving the others.
 */
@ApplicationScoped
public class WriteRateLimiter {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @ConfigProperty(name = "relief.rate-limit.writes-per-minute", defaultValue = "600")
    int perMinute;

    @ConfigProperty(name = "relief.rate-limit.burst", defaultValue = "300")
    int burst;

    @Inject
    SecurityIdentity identity;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    @ServerRequestFilter
    public Response limit(ContainerRequestContext request, HttpHeaders headers) {
        if (!WRITES.contains(request.getMethod()) || perMinute <= 0 || identity.isAnonymous()) {
            return null;
        }
        String claim = Caller.organisationClaim(identity.getPrincipal());
        // a token without an organisation (ops) is limited per user, never in one shared bucket
        String org = claim != null && !claim.isBlank()
                ? claim
                : "user:" + identity.getPrincipal().getName();
        long waitSeconds = take(org, System.nanoTime());
        if (waitSeconds == 0) {
            return null;
        }
        boolean zh = ProblemMappers.chinese(headers);
        Response r = ProblemMappers.build(
                429,
                "rate-limited",
                Messages.text(zh, "rate.writes", org, waitSeconds),
                java.util.List.of(),
                headers,
                request.getUriInfo());
        return Response.fromResponse(r).header("Retry-After", waitSeconds).build();
    }

    /** 0 if a token was taken, else the whole seconds until one is available. */
    long take(String key, long nowNanos) {
        double perNano = perMinute / 60e9;
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (nowNanos - b.refilledAt) * perNano);
            b.refilledAt = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perNano / 1e9));
        }
    }
}
