package org.relief.kernel.personaldata;

import java.sql.Connection;
import java.time.Clock;
import java.util.Base64;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.outbox.Outbox;
import org.relief.kernel.outbox.OutgoingEvent;

/**
 * What the service that takes a person's data in does with the subject's key, in the caller's transaction: issue it
 * and publish it (wrapped) to every service, and later erase it here and, through the same topic, everywhere. The
 * records go through the outbox like any event, so the key and the data it seals commit, or not, together.
 */
public final class DataSubjects {
    private final PersonalDataVault vault;
    private final Outbox outbox;
    private final Clock clock;

    public DataSubjects(PersonalDataVault vault, Outbox outbox, Clock clock) {
        this.vault = vault;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * A new data subject: its key is issued and published, and the returned sealer seals its fields. Enqueue it before
     * the events that carry the sealed fields, so that services usually hold the key by the time those reach them.
     */
    public Sealer open(Connection c, String subjectId, EventContext context) {
        byte[] wrapped = vault.issue(c, subjectId)
                .orElseThrow(() -> new IllegalStateException("data subject " + subjectId + " exists already"));
        outbox.enqueue(
                c,
                OutgoingEvent.of(
                        PersonalDataKeyIssued.TOPIC,
                        subjectId,
                        PersonalDataKeyIssued.TYPE,
                        PersonalDataKeyIssued.VERSION,
                        subjectId,
                        new PersonalDataKeyIssued(
                                subjectId, Base64.getEncoder().encodeToString(wrapped), clock.instant()),
                        context));
        return vault.sealer(c);
    }

    /** Crypto-shredding: the subject's key goes here now and on every service once the erasure record reaches it. */
    public void erase(Connection c, String subjectId, String reason, java.time.Instant erasedAt, EventContext context) {
        vault.erase(c, subjectId);
        outbox.enqueue(
                c,
                OutgoingEvent.of(
                        PersonalDataKeyIssued.TOPIC,
                        subjectId,
                        PersonalDataErased.TYPE,
                        PersonalDataErased.VERSION,
                        subjectId,
                        new PersonalDataErased(subjectId, reason, erasedAt),
                        context));
    }
}
