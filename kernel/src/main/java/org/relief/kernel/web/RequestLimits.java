package org.relief.kernel.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Requests refused before they reach an endpoint, answered as problem+json like every other error instead of the
 * HTTP server's empty 413, 414 and 431: a body over {@code quarkus.http.limits.max-body-size}, an address longer than
 * {@code relief.http.max-uri-length}, headers larger than {@code relief.http.max-header-bytes}, and a NUL character
 * ({@code %00}) anywhere in the address, which no id or name holds and PostgreSQL cannot store. The HTTP server's own
 * limits (kernel defaults) sit above these, so only a request beyond them still gets the server's bare answer.
 */
@ApplicationScoped
public class RequestLimits {
    private final ObjectMapper json;
    private final MemorySize maxBody;
    private final int maxUriLength;
    private final int maxHeaderBytes;

    @Inject
    public RequestLimits(
            ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBody,
            @ConfigProperty(name = "relief.http.max-uri-length", defaultValue = "8192") int maxUriLength,
            @ConfigProperty(name = "relief.http.max-header-bytes", defaultValue = "16384") int maxHeaderBytes) {
        this.json = json;
        this.maxBody = maxBody;
        this.maxUriLength = maxUriLength;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    void install(@Observes Router router) {
        // before every other route (security, body reading, REST), and the first to see a failed body read
        router.route().order(Integer.MIN_VALUE).handler(this::check);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::bodyTooLarge);
    }

    void check(RoutingContext ctx) {
        HttpServerRequest r = ctx.request();
        boolean zh = AcceptLanguage.prefersChinese(r.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        String uri = r.uri();
        if (uri.length() > maxUriLength) {
            refuse(ctx, 414, Messages.text(zh, "limits.uri", maxUriLength), zh);
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> h : r.headers()) {
            headerBytes += h.getKey().length() + h.getValue().length() + 4;
        }
        if (headerBytes > maxHeaderBytes) {
            refuse(ctx, 431, Messages.text(zh, "limits.headers", maxHeaderBytes), zh);
            return;
        }
        if (uri.indexOf('\0') >= 0 || uri.toLowerCase(Locale.ROOT).contains("%00")) {
            refuse(ctx, 400, Messages.text(zh, "limits.nul"), zh);
            return;
        }
        String length = r.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLarge(length)) {
            refuse(ctx, 413, tooLargeDetail(zh), zh);
            return;
        }
        ctx.next();
    }

    /** A chunked body that grows past the limit is cut off while it is read: the body reader fails with 413. */
    void bodyTooLarge(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
            boolean zh = AcceptLanguage.prefersChinese(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
            refuse(ctx, 413, tooLargeDetail(zh), zh);
            return;
        }
        ctx.next();
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBody.asLongValue();
        } catch (NumberFormatException e) {
            return false; // the HTTP server itself refuses a malformed Content-Length
        }
    }

    private String tooLargeDetail(boolean zh) {
        long kib = maxBody.asLongValue() / 1024;
        return Messages.text(zh, "limits.body", kib);
    }

    private void refuse(RoutingContext ctx, int status, String detail, boolean zh) {
        String slug = status == 400 ? "http" : "too-large";
        // no instance: the address may be the oversized or NUL-bearing part, not worth echoing
        Problem p =
                new Problem(Problem.TYPE_BASE + slug, ProblemMappers.title(slug, zh), status, detail, null, List.of());
        String body;
        try {
            body = json.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var response = ctx.response().setStatusCode(status);
        SecurityHeaders.EVERY_ANSWER.forEach(response::putHeader);
        response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE + ";charset=UTF-8")
                .putHeader(HttpHeaders.CONTENT_LANGUAGE, zh ? "zh" : "en");
        if (status == 413 || status == 431 || status == 414) {
            // the rest of an oversized request is not read: the connection ends with this answer
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(body);
    }
}
