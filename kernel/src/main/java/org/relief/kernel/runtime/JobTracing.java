package org.relief.kernel.runtime;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import org.relief.kernel.envelope.TraceContext;
import org.relief.kernel.eventstore.EventStore;

/**
 * Traces for scheduled jobs. A job that acts on a stream (an expiry, an escalation, a queued trip retried) records a
 * span {@code job <name>} as a child of the stream's latest traced event, so the action and everything it causes in
 * other services show in the saga's own trace rather than in a new one per timer tick. Job runs that find nothing to
 * do record no span.
 */
@ApplicationScoped
public class JobTracing {
    private final OpenTelemetry openTelemetry;
    private final EventStore events;

    @Inject
    public JobTracing(OpenTelemetry openTelemetry, EventStore events) {
        this.openTelemetry = openTelemetry;
        this.events = events;
    }

    /**
     * Records the job's span for one stream, on the caller's connection, and returns its traceparent for the
     * {@code EventContext} of the events the job appends. Without tracing it returns the stream's own traceparent.
     */
    public String traceparent(Connection c, String job, String streamId) {
        String parent = events.lastTraceparent(c, streamId);
        Span span = openTelemetry
                .getTracer("org.relief.kernel.jobs")
                .spanBuilder("job " + job)
                .setParent(TraceContext.fromTraceparent(parent))
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute("relief.job", job)
                .setAttribute("relief.stream", streamId)
                .startSpan();
        try {
            String own = TraceContext.traceparent(span.getSpanContext());
            return own != null ? own : parent;
        } finally {
            span.end();
        }
    }
}
