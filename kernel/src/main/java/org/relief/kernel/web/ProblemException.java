package org.relief.kernel.web;

/**
 * A client-visible failure with its HTTP status and a stable problem slug, thrown by services and resources
 * (e.g. {@code not-found} 404, {@code conflict} 409, {@code idempotency-key-reused} 422).
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String detailZh;

    public ProblemException(int status, String slug, String detail, String detailZh) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.detailZh = detailZh;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(
                404,
                "not-found",
                what + " " + id + " does not exist or is not visible to you",
                what + " " + id + " 不存在或您无权查看");
    }

    public static ProblemException conflict(String detail, String detailZh) {
        return new ProblemException(409, "conflict", detail, detailZh);
    }

    /** The caller's If-Match names a version the resource no longer has: someone changed it since it was read. */
    public static ProblemException preconditionFailed(String detail, String detailZh) {
        return new ProblemException(412, "precondition-failed", detail, detailZh);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String detail(boolean chinese) {
        return chinese && detailZh != null ? detailZh : getMessage();
    }
}
