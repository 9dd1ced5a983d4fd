package org.relief.kernel.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A service's clock in tests: the wall clock until a test sets a time, and again after {@link #reset()}. A service's
 * test sources make it a bean ({@code @Singleton class TestClock extends MovableClock}), which replaces the kernel's
 * default {@code Clock} bean, so a test moves time instead of sleeping.
 */
public class MovableClock extends Clock {
    private volatile Instant fixed;

    public void set(Instant now) {
        fixed = now;
    }

    /** Moves the clock on from where it stands (the wall clock if it was not set). */
    public void advance(Duration by) {
        fixed = instant().plus(by);
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return ZoneOffset.UTC.equals(zone) ? this : Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }
}
