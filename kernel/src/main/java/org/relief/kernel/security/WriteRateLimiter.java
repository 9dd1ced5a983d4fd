package org.relief.kernel.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
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
    public static final String POLICY = "RateLimit-Policy";
    public static final String STATE = "RateLimit";
    private static final String STANDING = WriteRateLimiter.class.getName() + ".standing";

    private final int perMinute;
    private final int burst;
    private final SecurityIdentity identity;

    @Inject
    public WriteRateLimiter(
            @ConfigProperty(name = "relief.rate-limit.writes-per-minute", defaultValue = "600") int perMinute,
            @ConfigProperty(name = "relief.rate-limit.burst", defaultValue = "300") int burst,
            SecurityIdentity identity) {
        this.perMinute = perMinute;
        this.burst = burst;
        this.identity = identity;
    }

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
        String org = bucketKey();
        long now = System.nanoTime();
        long waitSeconds = take(org, now);
        request.setProperty(STANDING, standing(org, now));
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
        return Response.fromResponse(r)
                .header("Retry-After", waitSeconds)
                .header(POLICY, policy())
                .header(STATE, request.getProperty(STANDING))
                .build();
    }

    /**
     * Every write answer tells the client where it stands (IETF draft-ietf-httpapi-ratelimit-headers, structured
     * fields): {@code RateLimit-Policy: "writes";q=<burst>;w=<seconds to refill it>} and {@code RateLimit:
     * "writes";r=<writes left now>;t=<seconds until the burst is full again>}, so a careful client paces itself before
     * it meets a 429.
     */
    @ServerResponseFilter
    public void tell(ContainerRequestContext request, ContainerResponseContext response) {
        Object standing = request.getProperty(STANDING);
        if (standing != null && !response.getHeaders().containsKey(STATE)) {
            response.getHeaders().putSingle(POLICY, policy());
            response.getHeaders().putSingle(STATE, standing);
        }
    }

    private String policy() {
        return "\"writes\";q=%d;w=%d".formatted(burst, Math.max(1, Math.round(burst * 60.0 / perMinute)));
    }

    /** The bucket of {@code key} now, as the RateLimit field says it. */
    String standing(String key, long nowNanos) {
        Bucket b = buckets.get(key);
        if (b == null) {
            return "\"writes\";r=%d;t=0".formatted(burst);
        }
        synchronized (b) {
            double tokens = Math.min(burst, b.tokens + (nowNanos - b.refilledAt) * (perMinute / 60e9));
            long toFull = (long) Math.ceil((burst - tokens) * 60.0 / perMinute);
            return "\"writes\";r=%d;t=%d".formatted((long) Math.floor(tokens), Math.max(0, toFull));
        }
    }

    /** The caller's bucket: its organisation, or (a token without one, ops) its user, never one shared bucket. */
    private String bucketKey() {
        String claim = Caller.organisationClaim(identity.getPrincipal());
        return claim != null && !claim.isBlank()
                ? claim
                : "user:" + identity.getPrincipal().getName();
    }

    /**
     * One more write inside a call that does several (each request of an uploaded sheet after the first, which the
     * call itself paid for): 0 if the caller's bucket had a token, else the whole seconds until one is available.
     */
    public long takeAnother() {
        if (perMinute <= 0 || identity.isAnonymous()) {
            return 0;
        }
        return take(bucketKey(), System.nanoTime());
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
