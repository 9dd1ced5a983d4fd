package org.relief.kernel.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers every API answer carries: answers hold people's names, phones and addresses, so no cache (browser, proxy)
 * keeps them, browsers do not guess a content type, and no page may frame the API.
 */
public class SecurityHeaders {
    /** Also on answers written before any endpoint is reached ({@link RequestLimits}). */
    static final Map<String, String> EVERY_ANSWER = Map.of(
            "X-Content-Type-Options",
            "nosniff",
            "X-Frame-Options",
            "DENY",
            "Content-Security-Policy",
            "default-src 'none'; frame-ancestors 'none'",
            HttpHeaders.CACHE_CONTROL,
            "no-store");

    @ServerResponseFilter
    public void add(ContainerResponseContext response) {
        var headers = response.getHeaders();
        EVERY_ANSWER.forEach((name, value) -> {
            if (!name.equals(HttpHeaders.CACHE_CONTROL)) {
                headers.putSingle(name, value);
            }
        });
        if (!headers.containsKey(HttpHeaders.CACHE_CONTROL)) {
            headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
