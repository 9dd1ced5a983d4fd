package org.relief.requests.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Partners' webhooks ({@code relief.webhooks.*}): where they may point, and how notifications are retried. */
@ConfigMapping(prefix = "relief.webhooks")
public interface WebhookSettings {
    /**
     * Whether a webhook may point at a loopback, private, link-local (cloud metadata) or other internal address. Off
     * in production (a partner must not reach the platform's own network through us); on for local receivers.
     */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Whether plain http:// is accepted (local receivers); https:// otherwise. */
    @WithDefault("false")
    boolean allowHttp();

    /** The wait after the first failed attempt; it doubles with every further failure, up to {@link #maxBackoff}. */
    @WithDefault("10s")
    Duration retryBackoff();

    @WithDefault("1h")
    Duration maxBackoff();

    /** Attempts before a notification is given up (FAILED, still in the log and replayable). */
    @WithDefault("12")
    int maxAttempts();

    /** How long one attempt may take (connect and answer). */
    @WithDefault("5s")
    Duration timeout();

    /** Notifications claimed per round of the sender. */
    @WithDefault("50")
    int batchSize();

    /** The sender's period; read by its @Scheduled expression, listed here so the whole prefix is in one place. */
    @WithDefault("1s")
    String every();
}
