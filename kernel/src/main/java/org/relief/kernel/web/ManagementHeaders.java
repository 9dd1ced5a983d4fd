package org.relief.kernel.web;

import io.quarkus.vertx.http.ManagementInterface;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The management port's pages (the API docs at /q/swagger-ui, health, metrics, the OpenAPI document) may not be
 * framed by another site, sniffed as another type, or load scripts from elsewhere; the docs page needs its own
 * inline script and styles, so the policy allows those from itself and nothing from anywhere else.
 */
@ApplicationScoped
public class ManagementHeaders {
    static final String POLICY =
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    void install(@Observes ManagementInterface management) {
        management.router().route().order(Integer.MIN_VALUE).handler(ctx -> {
            ctx.addHeadersEndHandler(v -> ctx.response()
                    .headers()
                    .set("X-Frame-Options", "DENY")
                    .set("X-Content-Type-Options", "nosniff")
                    .set("Content-Security-Policy", POLICY)
                    .set("Referrer-Policy", "no-referrer"));
            ctx.next();
        });
    }
}
