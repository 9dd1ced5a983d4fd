package org.relief.requests.service;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.relief.kernel.security.CallerScope;
import org.relief.kernel.text.Text;
import org.relief.kernel.web.PagedList;
import org.relief.kernel.web.ProblemException;
import org.relief.requests.config.WebhookSettings;
import org.relief.requests.domain.Texts;
import org.relief.requests.projection.WebhookDelivery;
import org.relief.requests.projection.WebhookSubscription;

/** Partners' webhooks: registering one, listing them, switching one off, and its delivery log with replay. */
@ApplicationScoped
public class Webhooks {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookTargets targets;
    private final Clock clock;

    public Webhooks(WebhookSettings settings, Clock clock) {
        this.targets = new WebhookTargets(settings.allowPrivateTargets(), settings.allowHttp());
        this.clock = clock;
    }

    public record Webhook(
            UUID id, String organisationId, String url, String description, Instant createdAt, boolean active) {
        static Webhook of(WebhookSubscription s) {
            return new Webhook(s.id, s.organisationId, s.url, s.description, s.createdAt, s.active);
        }
    }

    /** What registration answers: the webhook and, this once only, its signing secret. */
    public record Registered(Webhook webhook, String secret) {}

    public record Delivery(
            UUID id,
            String requestId,
            long requestVersion,
            String status,
            int attempts,
            Instant createdAt,
            Instant lastAttemptAt,
            Integer lastStatus,
            String lastError,
            Instant nextAttemptAt,
            Instant deliveredAt) {
        static Delivery of(WebhookDelivery d) {
            return new Delivery(
                    d.id,
                    d.requestId,
                    d.requestVersion,
                    d.status,
                    d.attempts,
                    d.createdAt,
                    d.lastAttemptAt,
                    d.lastStatus,
                    d.lastError,
                    WebhookDelivery.PENDING.equals(d.status) ? d.nextAttemptAt : null,
                    d.deliveredAt);
        }
    }

    public record DeliveryPage(List<Delivery> items, int page, int size, long total) implements PagedList<Delivery> {}

    @Transactional
    public Registered register(String organisationId, String url, String description, String actor) {
        targets.check(url);
        WebhookSubscription s = new WebhookSubscription();
        s.id = UUID.randomUUID();
        s.organisationId = organisationId;
        s.url = url;
        s.description = description;
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        s.secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        s.createdAt = clock.instant();
        s.createdBy = actor;
        s.active = true;
        s.persist();
        return new Registered(Webhook.of(s), s.secret);
    }

    @Transactional
    public List<Webhook> list(CallerScope caller) {
        Sort order = Sort.by("createdAt").and("id");
        List<WebhookSubscription> found = caller.isOps()
                ? WebhookSubscription.listAll(order)
                : WebhookSubscription.list("organisationId", order, caller.organisationId());
        return found.stream().map(Webhook::of).toList();
    }

    /** Switched off: no new notifications; those still pending are not sent. The log stays. */
    @Transactional
    public Webhook deactivate(UUID id, CallerScope caller) {
        WebhookSubscription s = accessible(id, caller);
        s.active = false;
        return Webhook.of(s);
    }

    @Transactional
    public DeliveryPage deliveries(UUID id, CallerScope caller, int page, int size) {
        accessible(id, caller);
        var found = WebhookDelivery.<WebhookDelivery>find(
                "subscriptionId", Sort.by("createdAt").descending().and("id"), id);
        List<Delivery> items = found.page(Page.of(page, size)).list().stream()
                .map(Delivery::of)
                .toList();
        return new DeliveryPage(items, page, size, found.count());
    }

    /** Sends one notification again, whatever became of it: the same id and body, a new signature. */
    @Transactional
    public Delivery replay(UUID id, UUID deliveryId, CallerScope caller) {
        WebhookSubscription s = accessible(id, caller);
        WebhookDelivery d = WebhookDelivery.findById(deliveryId);
        if (d == null || !d.subscriptionId.equals(s.id)) {
            throw ProblemException.notFound("webhook delivery", deliveryId.toString());
        }
        if (!s.active) {
            Text off = Texts.of("webhook.switched-off");
            throw ProblemException.conflict(off);
        }
        d.status = WebhookDelivery.PENDING;
        d.nextAttemptAt = clock.instant();
        d.deliveredAt = null;
        return Delivery.of(d);
    }

    private static WebhookSubscription accessible(UUID id, CallerScope caller) {
        WebhookSubscription s = WebhookSubscription.findById(id);
        if (s == null || !caller.mayAccess(s.organisationId)) {
            throw ProblemException.notFound("webhook", id.toString());
        }
        return s;
    }
}
