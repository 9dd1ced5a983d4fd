package org.relief.kernel.web;

import org.relief.kernel.text.Text;

/**
 * A client-visible failure with its HTTP status and a stable problem slug, thrown by services and resources
 * (e.g. {@code not-found} 404, {@code conflict} 409, {@code idempotency-key-reused} 422). Its detail is a {@link Text}
 * of a bundle, put in the caller's language when the answer is written; the exception's message is the English.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String slug;
    private final Text detail;

    public ProblemException(int status, String slug, Text detail) {
        super(detail.in(false));
        this.status = status;
        this.slug = slug;
        this.detail = detail;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "not-found", Messages.of("problem.not-found", what, id));
    }

    /** 400: the request is malformed in a way Bean Validation does not see (a header, a claim to act for). */
    public static ProblemException validation(Text detail) {
        return new ProblemException(400, "validation", detail);
    }

    /** 403: the caller may not do this to this resource. */
    public static ProblemException forbidden(Text detail) {
        return new ProblemException(403, "forbidden", detail);
    }

    public static ProblemException conflict(Text detail) {
        return new ProblemException(409, "conflict", detail);
    }

    /** The caller's If-Match names a version the resource no longer has: someone changed it since it was read. */
    public static ProblemException preconditionFailed(Text detail) {
        return new ProblemException(412, "precondition-failed", detail);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String detail(boolean chinese) {
        return detail.in(chinese);
    }
}
