package org.relief.volunteer.service;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock of volunteer-service: every decision that depends on "now" (windows, hours, event times) reads it,
 * so tests move time instead of waiting for it. A default bean: a test clock, or a platform-wide one, replaces it.
 */
@ApplicationScoped
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
