package org.relief.requests.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.requests.domain.RequestStatus;

/**
 * Turns a request's status change into one notification per webhook of its organisation, in the transaction that
 * records the change: a change is never lost, and its notification's id (derived from the subscription, the request
 * and the event's version) is the same on every attempt and replay. The notification is a CloudEvent in structured mode; it carries
 * no personal data, only what changed and where to read the rest.
 */
@ApplicationScoped
public class PartnerNotifications {
    public static final String TYPE = "HelpRequestStatusChanged";

    private final ObjectMapper json;

    public PartnerNotifications(ObjectMapper json) {
        this.json = json;
    }

    void statusChanged(HelpRequestView v, RequestStatus before, StoredEvent stored) {
        for (WebhookSubscription s : WebhookSubscription.activeOf(v.organisationId)) {
            // live projection runs once per appended version, and a rebuild does not notify: no lookup needed
            UUID id = UUID.nameUUIDFromBytes(
                    (s.id + "/" + v.id + "/" + stored.version()).getBytes(StandardCharsets.UTF_8));
            WebhookDelivery d = new WebhookDelivery();
            d.id = id;
            d.subscriptionId = s.id;
            d.requestId = v.id;
            d.requestVersion = stored.version();
            d.status = WebhookDelivery.PENDING;
            d.payload = cloudEvent(id, v, before, stored);
            d.attempts = 0;
            d.nextAttemptAt = stored.occurredAt();
            d.createdAt = stored.occurredAt();
            d.persist();
        }
    }

    private String cloudEvent(UUID id, HelpRequestView v, RequestStatus before, StoredEvent stored) {
        ObjectNode e = json.createObjectNode();
        e.put("specversion", "1.0");
        e.put("id", id.toString());
        e.put("source", "/requests-service");
        e.put("type", TYPE);
        e.put("subject", v.id);
        e.put("time", stored.occurredAt().toString());
        e.put("datacontenttype", "application/json");
        ObjectNode data = e.putObject("data");
        data.put("requestId", v.id);
        data.put("organisationId", v.organisationId);
        data.put("kind", v.kind == null ? null : v.kind.name());
        data.put("status", v.status.name());
        data.put("previousStatus", before == null ? null : before.name());
        data.put("event", stored.type());
        data.put("version", stored.version());
        data.put("href", "/help-requests/" + v.id);
        try {
            return json.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("notification of request " + v.id + " not writable", ex);
        }
    }
}
