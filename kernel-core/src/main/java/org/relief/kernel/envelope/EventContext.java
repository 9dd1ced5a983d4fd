package org.relief.kernel.envelope;

import java.util.UUID;

/**
 * Who and why behind an event: carried from the command (or the consumed event) onto every event it produces, so a
 * request's timeline can say who did what, and a trace can be followed across services.
 *
 * @param correlationId the business flow, for the saga the help request id
 * @param causationId   the event or command that caused this one (null for a user command)
 * @param actor         who acted: "&lt;org&gt;/&lt;user&gt;" from the token, "ops:&lt;user&gt;", or the service that reacted to an event
 * @param organisationId the organisation on whose behalf (data scoping)
 * @param traceparent   W3C trace context of the span that wrote the event (REST request, consumed record, job), if any
 */
public record EventContext(
        String correlationId, String causationId, String actor, String organisationId, String traceparent) {

    /** The context of a user command: its trace is the current span's (the REST request's), if any. */
    public static EventContext command(String correlationId, String actor, String organisationId) {
        return new EventContext(correlationId, null, actor, organisationId, TraceContext.current());
    }

    /**
     * The context for the effects of a consumed event: same flow, caused by that event, acted by {@code actor}. Its
     * trace is the current span's (the consumer span, a child of the event's own), else the event's traceparent.
     */
    public static EventContext causedBy(EventEnvelope event, String actor) {
        String current = TraceContext.current();
        return new EventContext(
                event.correlationId(),
                event.id().toString(),
                actor,
                event.organisationId(),
                current != null ? current : event.traceparent());
    }

    /** This context, with the current span's traceparent if it has none (events written by jobs, tests, tools). */
    public EventContext withCurrentTraceIfAbsent() {
        if (traceparent != null) {
            return this;
        }
        String current = TraceContext.current();
        return current == null ? this : new EventContext(correlationId, causationId, actor, organisationId, current);
    }

    public EventContext withCorrelation(String correlation) {
        return new EventContext(correlation, causationId, actor, organisationId, traceparent);
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
