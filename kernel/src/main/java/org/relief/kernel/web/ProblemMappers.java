package org.relief.kernel.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.eventstore.ConcurrencyConflict;
import org.relief.kernel.tx.Unavailable;

/** Turns every failure into RFC 9457 problem+json, in English or Chinese, and never leaks a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** The problem types ("slugs") that have a title of their own in messages/kernel; any other is titled as "http". */
    private static final java.util.Set<String> TITLED = java.util.Set.of(
            "validation",
            "malformed-json",
            "invalid-csv",
            "rule-violation",
            "not-found",
            "conflict",
            "precondition-failed",
            "idempotency-key-reused",
            "unauthorized",
            "forbidden",
            "rate-limited",
            "http",
            "too-large",
            "unavailable",
            "internal");
    /** Seconds a client should wait before retrying while the database is away (a restart takes a few seconds). */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return build(400, "validation", detail, errors, headers, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        if (e.getProcessor() instanceof com.fasterxml.jackson.core.JsonGenerator || Unavailable.database(e)) {
            // not the client's JSON: writing the answer failed (opening a sealed field needs its key, which needs the
            // database), and Jackson reports that as a mapping failure at the field it was writing
            return unexpected(e, headers, uri);
        }
        String field = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? pathOf(m) : null;
        boolean zh = chinese(headers);
        String explained = JsonErrors.explain(e, zh);
        String detail = field == null
                ? Messages.text(zh, "json.unparsable", explained)
                : Messages.text(zh, "json.field", field, explained);
        return build(
                400,
                "malformed-json",
                detail,
                field == null ? List.of() : List.of(new Problem.FieldError(field, explained)),
                headers,
                uri);
    }

    /** More specific than quarkus-rest-jackson's own mapper for this type, so ours answers. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpHeaders headers, UriInfo uri) {
        return malformedJson(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        return build(e.status(), e.slug(), e.detail(chinese(headers)), List.of(), headers, uri);
    }

    @ServerExceptionMapper
    public Response rule(RuleViolation e, HttpHeaders headers, UriInfo uri) {
        return build(
                e.isConflict() ? 409 : 400,
                e.isConflict() ? "conflict" : "rule-violation",
                e.message(chinese(headers)),
                List.of(),
                headers,
                uri);
    }

    @ServerExceptionMapper
    public Response concurrency(ConcurrencyConflict e, HttpHeaders headers, UriInfo uri) {
        return build(
                409,
                "conflict",
                Messages.text(chinese(headers), "conflict.concurrent", e.getMessage()),
                List.of(),
                headers,
                uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException json) {
                // quarkus-rest wraps body parse failures (e.g. a truncated document) in a 400
                return malformedJson(json, headers, uri);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        String slug = status == 404 ? "not-found" : "http";
        // the framework's own messages name annotations and classes (@Consumes, ...): say what the client can change
        boolean zh = chinese(headers);
        String detail =
                switch (status) {
                    case 404, 405, 406, 415 -> Messages.text(zh, "http." + status);
                    default -> plain(e.getMessage()) ? e.getMessage() : title(slug, zh);
                };
        return build(status, slug, detail, List.of(), headers, uri);
    }

    /** A message a person can read: no Java types, annotations or exception names. */
    private static boolean plain(String message) {
        return message != null
                && !message.isBlank()
                && !message.matches("(?s).*(java\\.|jakarta\\.|@[A-Z]|Exception|\\bclass\\b).*");
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, HttpHeaders headers, UriInfo uri) {
        return unauthenticatedResponse(headers, uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpHeaders headers, UriInfo uri) {
        return unauthenticatedResponse(headers, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        return build(403, "forbidden", Messages.text(chinese(headers), "forbidden.role"), List.of(), headers, uri);
    }

    private static Response unauthenticatedResponse(HttpHeaders headers, UriInfo uri) {
        Response r = build(
                401, "unauthorized", Messages.text(chinese(headers), "unauthorized.token"), List.of(), headers, uri);
        return Response.fromResponse(r)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpHeaders headers, UriInfo uri) {
        if (Unavailable.database(e)) {
            // not the client's fault: say when to come back (a retry with the same
            // Idempotency-Key is safe); one line in the log, not a stack trace per request while the outage lasts
            LOG.warnf("database unavailable on %s: %s", uri == null ? null : uri.getPath(), e.getMessage());
            Response r = build(
                    503,
                    "unavailable",
                    Messages.text(chinese(headers), "unavailable.database", RETRY_AFTER_SECONDS),
                    List.of(),
                    headers,
                    uri);
            return Response.fromResponse(r)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .build();
        }
        LOG.error("unexpected failure on " + (uri == null ? null : uri.getPath()), e);
        return build(500, "internal", Messages.text(chinese(headers), "internal.logged"), List.of(), headers, uri);
    }

    public static Response build(
            int status, String slug, String detail, List<Problem.FieldError> errors, HttpHeaders headers, UriInfo uri) {
        boolean zh = chinese(headers);

        Problem p = new Problem(
                Problem.TYPE_BASE + slug, title(slug, zh), status, detail, uri == null ? null : uri.getPath(), errors);
        return Response.status(status)
                .type(Problem.MEDIA_TYPE + ";charset=UTF-8")
                .header(HttpHeaders.CONTENT_LANGUAGE, zh ? "zh" : "en")
                .entity(p)
                .build();
    }

    /** The title of a kind of problem, in English or Chinese. */
    static String title(String slug, boolean zh) {
        return Messages.text(zh, "title." + (TITLED.contains(slug) ? slug : "http"));
    }

    public static boolean chinese(HttpHeaders headers) {
        return headers != null && AcceptLanguage.prefersChinese(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** "submit.request.lines[0].quantity" → "lines[0].quantity": the path inside the body the client sent. */
    private static String fieldOf(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : path;
    }

    private static String pathOf(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
