package org.relief.dispatch.rest;

/** What the creating POSTs of this service say about their Idempotency-Key header (OpenAPI). */
final class Idempotency {
    static final String IDEMPOTENCY_KEY_DOC = "Makes retries safe: the same key and body return the first result "
            + "(201, Idempotent-Replayed: true) and change nothing; the same key with another body is a 422. At most "
            + "100 characters, scoped to the organisation acted for (ops: to the ops user) and to the operation";

    private Idempotency() {
    }
}
