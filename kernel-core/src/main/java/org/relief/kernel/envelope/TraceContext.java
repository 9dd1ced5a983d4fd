package org.relief.kernel.envelope;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * W3C trace context for the envelope: the {@code traceparent} of the span that is current when an event is written
 * (a REST request, a consumed record, a job), and the parent context read back from a record's headers. With the
 * OpenTelemetry SDK off (the default) no span is ever valid, and events carry on whatever traceparent they came with.
 */
public final class TraceContext {
    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            for (Header h : carrier) {
                keys.add(h.key());
            }
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            return carrier == null ? null : CloudEvents.last(carrier, key);
        }
    };

    private TraceContext() {}

    /** The {@code traceparent} of the current span, or null when there is none (no SDK, no request, no job span). */
    public static String current() {
        return traceparent(Span.current().getSpanContext());
    }

    /** {@code 00-<trace id>-<span id>-<flags>}, or null for an invalid span context. */
    public static String traceparent(SpanContext sc) {
        if (sc == null || !sc.isValid()) {
            return null;
        }
        return "00-" + sc.getTraceId() + "-" + sc.getSpanId() + "-"
                + sc.getTraceFlags().asHex();
    }

    /** The remote parent context carried by a record's {@code traceparent} (and {@code tracestate}) header. */
    public static Context extract(Headers headers) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, KAFKA_HEADERS);
    }

    /** The remote parent context of a stored {@code traceparent} value (e.g. the last event of a stream). */
    public static Context fromTraceparent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(String carrier) {
                return List.of(CloudEvents.TRACEPARENT);
            }

            @Override
            public String get(String carrier, String key) {
                return CloudEvents.TRACEPARENT.equals(key) ? carrier : null;
            }
        });
    }

    /** The trace id of a {@code traceparent} value, or null. */
    public static String traceId(String traceparent) {
        SpanContext sc = Span.fromContext(fromTraceparent(traceparent)).getSpanContext();
        return sc.isValid() ? sc.getTraceId() : null;
    }
}
