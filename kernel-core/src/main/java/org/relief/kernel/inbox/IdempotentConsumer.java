package org.relief.kernel.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.envelope.EventEnvelope;
import org.relief.kernel.envelope.EventTypeRegistry;
import org.relief.kernel.envelope.MalformedEventException;
import org.relief.kernel.envelope.TraceContext;
import org.relief.kernel.tx.Transactions;
import org.relief.kernel.tx.Transient;
import org.relief.kernel.tx.Unavailable;

/**
 * Applies Kafka records effectively once: in one transaction it checks the inbox, applies the handler and records
 * the event id. A failing record is retried a few times, then parked (never dropped, never blocking other keys);
 * a record whose key already has a parked event is parked behind it. Unknown event types are recorded and skipped.
 * <p>
 * Tracing: each record is handled in a CONSUMER span that continues the trace of the record's {@code traceparent}
 * header (or of the connector's span, when it is current and of the same trace), so the events appended while
 * handling carry the child context on to the next service. Log lines while handling carry {@code correlationId},
 * {@code eventId} and {@code consumer} in the MDC.
 */
public final class IdempotentConsumer {
    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    /** Transient failures (lost optimistic races, broken deadlocks) retried before they count as failed attempts. */
    private static final int MAX_CONFLICTS = 50;

    public enum Outcome {
        APPLIED,
        DUPLICATE,
        IGNORED,
        PARKED
    }

    @FunctionalInterface
    public interface Handler {
        /** Applies one decoded event on the given connection (inside the consumer's transaction). */
        void handle(Connection c, EventEnvelope envelope, Object event) throws Exception;
    }

    private final String consumer;
    private final Transactions tx;
    private final EventTypeRegistry registry;
    private final ObjectMapper json;
    private final Inbox inbox = new Inbox();
    private final ParkingLot parking;
    private final int maxAttempts;
    private final Duration backoff;
    private final Handler boundHandler;
    private final Tracer tracer;
    private final java.util.function.BooleanSupplier stopping;

    public IdempotentConsumer(
            String consumer,
            Transactions tx,
            EventTypeRegistry registry,
            ObjectMapper json,
            int maxAttempts,
            Duration backoff) {
        this(consumer, tx, registry, json, maxAttempts, backoff, null);
    }

    /** A consumer bound to its handler, so that its parked events can be replayed by name (ops tool). */
    public IdempotentConsumer(
            String consumer,
            Transactions tx,
            EventTypeRegistry registry,
            ObjectMapper json,
            int maxAttempts,
            Duration backoff,
            Handler boundHandler) {
        this(consumer, tx, registry, json, maxAttempts, backoff, boundHandler, null);
    }

    /** @param tracer the service's tracer (null: no spans) */
    public IdempotentConsumer(
            String consumer,
            Transactions tx,
            EventTypeRegistry registry,
            ObjectMapper json,
            int maxAttempts,
            Duration backoff,
            Handler boundHandler,
            Tracer tracer) {
        this(consumer, tx, registry, json, maxAttempts, backoff, boundHandler, tracer, () -> false);
    }

    /**
     * @param stopping true once the service shuts down: from then on a failing record is not retried and never parked
     *                 (what fails is the service going away, e.g. its persistence closed, not the event); it stays
     *                 unacknowledged and is delivered again after the restart
     */
    public IdempotentConsumer(
            String consumer,
            Transactions tx,
            EventTypeRegistry registry,
            ObjectMapper json,
            int maxAttempts,
            Duration backoff,
            Handler boundHandler,
            Tracer tracer,
            java.util.function.BooleanSupplier stopping) {
        this.stopping = stopping;
        this.tracer = tracer != null ? tracer : OpenTelemetry.noop().getTracer("relief-kernel");
        this.boundHandler = boundHandler;
        this.consumer = consumer;
        this.tx = tx;
        this.registry = registry;
        this.json = json;
        this.parking = new ParkingLot(json);
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    public String name() {
        return consumer;
    }

    /**
     * Handles one record. Returns once its effect is committed, known to be a duplicate, or parked.
     *
     * @throws RuntimeException only if even parking fails (the database is gone): the record must then not be
     *                          acknowledged, and will be redelivered
     */
    public Outcome handle(ConsumerRecord<String, String> record, Handler handler) {
        Span span = tracer.spanBuilder(record.topic() + " process")
                .setParent(parentOf(record))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("messaging.kafka.message.key", String.valueOf(record.key()))
                .setAttribute("messaging.kafka.destination.partition", (long) record.partition())
                .setAttribute("messaging.kafka.message.offset", record.offset())
                .setAttribute(
                        "messaging.message.id", String.valueOf(CloudEvents.last(record.headers(), CloudEvents.ID)))
                .setAttribute(
                        "cloudevents.event_type", String.valueOf(CloudEvents.last(record.headers(), CloudEvents.TYPE)))
                .startSpan();
        String correlation = CloudEvents.last(record.headers(), CloudEvents.CORRELATION_ID);
        try (Scope ignored = span.makeCurrent()) {
            MDC.put("consumer", consumer);
            putOrRemove("correlationId", correlation);
            putOrRemove("eventId", CloudEvents.last(record.headers(), CloudEvents.ID));
            Outcome outcome = traced(record, handler);
            span.setAttribute("relief.consumer.outcome", outcome.name());
            if (outcome == Outcome.PARKED) {
                span.setStatus(StatusCode.ERROR, "parked");
            }
            return outcome;
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
            MDC.remove("consumer");
            MDC.remove("correlationId");
            MDC.remove("eventId");
        }
    }

    /**
     * The record's own trace: the connector's span when it is current and continues the record's trace, else the
     * context of the record's {@code traceparent} header, else whatever is current (a new trace if nothing).
     */
    private static Context parentOf(ConsumerRecord<String, String> record) {
        Context remote = TraceContext.extract(record.headers());
        var remoteSpan = Span.fromContext(remote).getSpanContext();
        if (!remoteSpan.isValid()) {
            return Context.current();
        }
        var current = Span.current().getSpanContext();
        return current.isValid() && current.getTraceId().equals(remoteSpan.getTraceId()) ? Context.current() : remote;
    }

    private static void putOrRemove(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private Outcome traced(ConsumerRecord<String, String> record, Handler handler) {
        EventEnvelope envelope;
        try {
            envelope = CloudEvents.read(record.headers(), record.value(), json);
        } catch (MalformedEventException e) {
            UUID id = syntheticId(record);
            if (tx.inNewTransaction(c -> inbox.seen(c, consumer, id))) {
                return Outcome.DUPLICATE; // discarded by ops earlier, delivered again
            }
            return park(record, id, CloudEvents.last(record.headers(), CloudEvents.TYPE), e.getMessage());
        }
        RuntimeException last = null;
        int conflicts = 0;
        int outages = 0;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return tx.inNewTransaction(c -> apply(c, record, envelope, handler));
            } catch (MalformedEventException | RuleViolation e) {
                // deterministic: retrying cannot help, park at once
                return park(record, envelope.id(), envelope.type(), describe(e));
            } catch (RuntimeException e) {
                last = e;
                if (stopping.getAsBoolean()) {
                    throw new IllegalStateException(
                            consumer + " is shutting down: " + envelope.type() + " " + envelope.id()
                                    + " stays unacknowledged and is delivered again after the restart",
                            e);
                }
                if (Unavailable.database(e)) {
                    // PostgreSQL is away: the event is fine, so it must not use up attempts and be parked; wait for
                    // the database (the record stays unacknowledged, and its key's order holds)
                    awaitDatabase(envelope, e, ++outages);
                    attempt--;
                } else if (Transient.failure(e)) {
                    // another writer (a REST command, another consumer of the same aggregate) committed first, or a
                    // deadlock was broken: running again resolves it, so it does not use up the attempts that lead
                    // to parking, up to a sane cap
                    if (++conflicts < MAX_CONFLICTS) {
                        attempt--;
                    }
                    sleep(Duration.ofMillis(5 + ThreadLocalRandom.current().nextInt(20 * Math.min(conflicts, 10))));
                } else {
                    LOG.debugf(e, "%s: attempt %d for %s %s failed", consumer, attempt, envelope.type(), envelope.id());
                    sleep(backoff.multipliedBy(attempt));
                }
            }
        }
        LOG.warnf(
                last,
                "%s: parking %s %s (key %s) after %d attempts",
                consumer,
                envelope.type(),
                envelope.id(),
                record.key(),
                maxAttempts);
        return park(record, envelope.id(), envelope.type(), describe(last));
    }

    /** Handles one record with the bound handler. */
    public Outcome handle(ConsumerRecord<String, String> record) {
        if (boundHandler == null) {
            throw new IllegalStateException(consumer + " was created without a handler");
        }
        return handle(record, boundHandler);
    }

    /** What a replay did: how many parked records were applied, and the first one still failing, if any. */
    public record ReplayResult(int applied, int stillParked, String error) {}

    /**
     * Applies the open parked records of one key again, oldest first, each in its own transaction. Stops at the first
     * that still fails (it and the later ones stay parked, in order), so the key's order is kept.
     */
    public ReplayResult replay(String key) {
        if (boundHandler == null) {
            throw new IllegalStateException(consumer + " was created without a handler and cannot replay");
        }
        List<ParkingLot.ParkedRecord> parked = tx.inNewTransaction(c -> parking.openOfKeyForReplay(c, consumer, key));
        int applied = 0;
        for (ParkingLot.ParkedRecord p : parked) {
            try {
                tx.inNewTransaction(c -> {
                    EventEnvelope envelope =
                            CloudEvents.read(p.record().headers(), p.record().value(), json);
                    if (!inbox.seen(c, consumer, envelope.id())) {
                        decodeAndHandle(c, envelope, boundHandler);
                    }
                    parking.resolve(c, p.id());
                    return null;
                });
                applied++;
            } catch (RuntimeException e) {
                String error = describe(e);
                tx.inNewTransaction(c -> {
                    parking.recordReplayFailure(c, p.id(), "replay failed: " + error);
                    return null;
                });
                return new ReplayResult(applied, parked.size() - applied, error);
            }
        }
        return new ReplayResult(applied, 0, null);
    }

    /**
     * Gives up on one open parked record of this consumer for good (ops, after deciding that it can never apply:
     * garbage, an event for a version nobody will ship). Its id goes into the inbox, so a redelivery is a duplicate,
     * and the key's later parked records can then be replayed. Returns false if no such open record exists.
     */
    public boolean discard(long parkedId, String note) {
        return tx.inNewTransaction(c -> {
            Optional<ParkingLot.Parked> parked = parking.open(c, consumer).stream()
                    .filter(p -> p.id() == parkedId)
                    .findFirst();
            if (parked.isEmpty() || !parking.discard(c, parkedId, note)) {
                return false;
            }
            if (!inbox.seen(c, consumer, parked.get().eventId())) {
                inbox.record(
                        c,
                        consumer,
                        parked.get().eventId(),
                        String.valueOf(parked.get().eventType()));
            }
            LOG.warnf(
                    "%s: parked %s %s (key %s) discarded: %s",
                    consumer,
                    parked.get().eventType(),
                    parked.get().eventId(),
                    parked.get().key(),
                    note);
            return true;
        });
    }

    private Outcome apply(Connection c, ConsumerRecord<String, String> record, EventEnvelope envelope, Handler handler)
            throws java.sql.SQLException {
        if (inbox.seen(c, consumer, envelope.id())) {
            return Outcome.DUPLICATE;
        }
        if (record.key() != null && parking.hasOpen(c, consumer, record.key())) {
            parking.park(
                    c,
                    consumer,
                    record,
                    envelope.id(),
                    envelope.type(),
                    "parked behind an earlier event of key " + record.key());
            return Outcome.PARKED;
        }
        return decodeAndHandle(c, envelope, handler) ? Outcome.APPLIED : Outcome.IGNORED;
    }

    /** Decodes the event, applies it if its type is known, and records it in the inbox; false if it was unknown. */
    private boolean decodeAndHandle(Connection c, EventEnvelope envelope, Handler handler) {
        Optional<Object> decoded = registry.decode(envelope);
        if (decoded.isPresent()) {
            try {
                handler.handle(c, envelope, decoded.get());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        inbox.record(c, consumer, envelope.id(), envelope.type());
        return decoded.isPresent();
    }

    private Outcome park(ConsumerRecord<String, String> record, UUID eventId, String type, String error) {
        for (int outages = 1; ; outages++) {
            try {
                tx.inNewTransaction(c -> {
                    parking.park(c, consumer, record, eventId, type, error);
                    return null;
                });
                return Outcome.PARKED;
            } catch (RuntimeException e) {
                if (!Unavailable.database(e) || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                sleep(unavailableWait(outages));
            }
        }
    }

    private static final Duration MAX_OUTAGE_WAIT = Duration.ofSeconds(5);

    /** One pause while the database is away; {@code waits} counts this record's pauses, which grow to 5 s. */
    private void awaitDatabase(EventEnvelope envelope, RuntimeException e, int waits) {
        if (Thread.currentThread().isInterrupted()) {
            // shutting down: leave the record unacknowledged, it is delivered again after the restart
            throw e;
        }
        if (waits == 1 || waits % 12 == 0) {
            LOG.warnf(
                    "%s: database unavailable (%s) while handling %s %s; waiting for it, the record is not parked",
                    consumer, e.getMessage(), envelope.type(), envelope.id());
        }
        sleep(unavailableWait(waits));
    }

    private static Duration unavailableWait(int waits) {
        long millis = Math.min(MAX_OUTAGE_WAIT.toMillis(), 100L << Math.min(waits - 1, 6));
        return Duration.ofMillis(millis);
    }

    private static UUID syntheticId(ConsumerRecord<String, String> record) {
        String where = record.topic() + "/" + record.partition() + "/" + record.offset();
        return UUID.nameUUIDFromBytes(where.getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 2000; c = c.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return sb.toString();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
