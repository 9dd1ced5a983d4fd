package org.relief.kernel.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The outbox relay's own settings ({@code relief.outbox.relay.*}); the datasource's come from Quarkus's. */
@ConfigMapping(prefix = "relief.outbox.relay")
public interface RelaySettings {
    /** false: events stay in the outbox (a replica that must not publish, or a test). */
    @WithDefault("true")
    boolean enabled();

    /**
     * LISTEN and the session advisory lock need a session of their own: behind a transaction-mode pooler (PgBouncer)
     * point this at the database directly; by default it is the datasource's URL.
     */
    Optional<String> jdbcUrl();

    /** How long the relay waits for a NOTIFY before it looks at the outbox anyway. */
    @WithDefault("PT0.5S")
    Duration idleWait();

    /** Rows sent per pass. */
    @WithDefault("500")
    int batchSize();
}
