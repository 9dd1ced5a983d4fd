package org.relief.requests.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.tx.Transactions;
import org.relief.requests.config.WebhookSettings;
import org.relief.requests.projection.WebhookDelivery;

/**
 * Sends due notifications to partners' webhooks, signed as the Standard Webhooks scheme does ({@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}). A 2xx answer
 * delivers; anything else is tried again after a doubling wait, up to {@code max-attempts}, then the notification is
 * FAILED (kept in the log, replayable). Due rows are claimed with FOR UPDATE SKIP LOCKED and a lease, so replicas share
 * the work and a sender that dies mid-attempt leaves the row to be tried again when the lease ends. A receiver may
 * therefore see a notification more than once: it deduplicates on {@code webhook-id}.
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private static final String CLAIM = "update webhook_delivery d set attempts = d.attempts + 1, last_attempt_at = ?, "
            + "next_attempt_at = ? from webhook_subscription s where s.id = d.subscription_id and d.id in ("
            + "select id from webhook_delivery where status = 'PENDING' and next_attempt_at <= ? "
            + "order by next_attempt_at limit ? for update skip locked) "
            + "returning d.id, d.payload, d.attempts, s.url, s.secret, s.active";

    record Claimed(UUID id, String payload, int attempts, String url, String secret, boolean active) {}

    private final Transactions transactions;
    private final WebhookSettings settings;
    private final WebhookTargets targets;
    private final Clock clock;
    private final HttpClient http;

    public WebhookSender(Transactions transactions, WebhookSettings settings, Clock clock) {
        this.transactions = transactions;
        this.settings = settings;
        this.targets = new WebhookTargets(settings.allowPrivateTargets(), settings.allowHttp());
        this.clock = clock;
        // no redirects: a redirect could lead to an address the target check would have refused
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Scheduled(
            identity = "webhooks",
            every = "${relief.webhooks.every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            LOG.warn("webhook round stopped early; the next round goes on", e);
        }
    }

    /** Sends what is due now; returns how many notifications it tried. */
    public int sendDue() {
        List<Claimed> claimed = claim();
        for (Claimed c : claimed) {
            record(c, attempt(c));
        }
        return claimed.size();
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        // while one attempt runs, nobody else takes the row; after the lease it is due again
        Instant lease = now.plus(settings.timeout().multipliedBy(3));
        return transactions.inNewTransaction(c -> {
            List<Claimed> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setTimestamp(2, Timestamp.from(lease));
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setInt(4, settings.batchSize());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Claimed(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                rs.getInt(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getBoolean(6)));
                    }
                }
            }
            return out;
        });
    }

    /** What one attempt gave: the HTTP status, or null with the reason it did not get one. */
    record Outcome(Integer status, String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private Outcome attempt(Claimed c) {
        if (!c.active()) {
            return new Outcome(null, "the webhook was switched off");
        }
        URI target;
        try {
            target = targets.check(c.url());
        } catch (RuleViolation refused) {
            return new Outcome(null, refused.getMessage());
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(settings.timeout())
                .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                .header("User-Agent", "relief-logistics-webhooks/1")
                .header("webhook-id", c.id().toString())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", "v1," + signature(c.secret(), c.id().toString(), timestamp, c.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(c.payload(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Outcome(response.statusCode(), null);
        } catch (java.io.IOException e) {
            return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        }
    }

    private void record(Claimed c, Outcome o) {
        Instant now = clock.instant();
        String status;
        Instant next = null;
        if (o.delivered()) {
            status = WebhookDelivery.DELIVERED;
        } else if (!c.active() || c.attempts() >= settings.maxAttempts()) {
            status = WebhookDelivery.FAILED;
        } else {
            status = WebhookDelivery.PENDING;
            next = now.plus(backoff(c.attempts()));
        }
        String error = o.error() != null ? o.error() : o.delivered() ? null : "answered " + o.status();
        String finalStatus = status;
        Instant nextAttempt = next;
        transactions.inNewTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "update webhook_delivery set status = ?, last_status = ?, "
                            + "last_error = ?, delivered_at = ?, next_attempt_at = coalesce(?, next_attempt_at) where id = ?")) {
                ps.setString(1, finalStatus);
                ps.setObject(2, o.status());
                ps.setString(3, error == null ? null : error.substring(0, Math.min(500, error.length())));
                ps.setTimestamp(4, o.delivered() ? Timestamp.from(now) : null);
                ps.setTimestamp(5, nextAttempt == null ? null : Timestamp.from(nextAttempt));
                ps.setObject(6, c.id());
                ps.executeUpdate();
            }
            return null;
        });
        if (!o.delivered()) {
            LOG.infof("webhook notification %s: attempt %d %s; now %s", c.id(), c.attempts(), error, finalStatus);
        }
    }

    /** The wait after the n-th failed attempt: retry-backoff, doubled for each earlier failure, at most max-backoff. */
    Duration backoff(int failedAttempts) {
        Duration d = settings.retryBackoff();
        for (int i = 1; i < failedAttempts && d.compareTo(settings.maxBackoff()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    /** Standard Webhooks: base64 HMAC-SHA256, keyed by the secret after "whsec_", of "id.timestamp.body". */
    public static String signature(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = Base64.getDecoder().decode(secret.substring(secret.indexOf('_') + 1));
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sig);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 not available", e);
        }
    }
}
