package org.relief.requests.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import org.relief.contracts.ContractTypes;
import org.relief.contracts.Topics;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.outbox.Outbox;
import org.relief.kernel.outbox.OutgoingEvent;
import org.relief.requests.domain.HelpRequest;
import org.relief.requests.domain.HelpRequestEvent;

/**
 * Publishes what other services care about: the integration event of one of a request's new events goes to the
 * outbox in the transaction that appends it, so it is published if and only if the event is stored.
 */
@ApplicationScoped
public class HelpRequestPublisher {
    private final Outbox outbox;

    public HelpRequestPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Enqueues {@code event}'s integration event on the requests topic, keyed by the request; nothing if none. */
    public void publish(Connection c, HelpRequest request, HelpRequestEvent event, EventContext ctx) {
        Object integration = HelpRequestContracts.toContract(request, event);
        if (integration == null) {
            return;
        }
        String id = request.id();
        outbox.enqueue(
                c,
                OutgoingEvent.of(
                        Topics.REQUESTS,
                        id,
                        ContractTypes.typeOf(integration),
                        ContractTypes.versionOf(integration),
                        id,
                        integration,
                        ctx));
    }
}
