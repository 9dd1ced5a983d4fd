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
 * @param traceparent   W3C trace context, if any
 */
public record EventContext(String correlationId, String causationId, String actor, String organisationId,
                           String traceparent) {

    public static EventContext command(String correlationId, String actor, String organisationId) {
        return new EventContext(correlationId, null, actor, organisationId, null);
    }

    /** The context for the effects of a consumed event: same flow, caused by that event, acted by {@code actor}. */
    public static EventContext causedBy(EventEnvelope event, String actor) {
        return new EventContext(event.correlationId(), event.id().toString(), actor, event.organisationId(),
                event.traceparent());
    }

    public EventContext withCorrelation(String correlation) {
        return new EventContext(correlation, causationId, actor, organisationId, traceparent);
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
