package org.relief.requests.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Escalation of stuck requests ({@code relief.escalation.*}): how long a request of each priority may stay in one
 * status, and how often and how much the escalation job works.
 */
@ConfigMapping(prefix = "relief.escalation")
public interface EscalationSettings {
    /** the limit of a CRITICAL request */
    @WithDefault("PT2H")
    Duration critical();

    /** the limit of a HIGH request */
    @WithDefault("PT12H")
    Duration high();

    /** the limit of every other request */
    @WithDefault("PT48H")
    Duration normal();

    /** requests escalated per run at most; the rest wait for the next run */
    @WithDefault("100")
    int batchSize();

    /** the job's period; read by its @Scheduled expression, listed here so the whole prefix is in one place */
    @WithDefault("5s")
    String every();

    /** the job's first delay after start; read by its @Scheduled expression as well */
    @WithDefault("5s")
    String delay();
}
