package org.relief.kernel.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WriteRateLimiterTest {
    @Test
    void aBurstIsServedThenTheOrganisationWaitsWhileOthersGoOn() {
        WriteRateLimiter limiter = new WriteRateLimiter(60, 3, null);
        long t = 1_000_000_000L;
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.take("org-a", t));
        }
        long wait = limiter.take("org-a", t);
        assertTrue(wait >= 1 && wait <= 1, "one token per second: wait " + wait);
        assertEquals(0, limiter.take("org-b", t), "another organisation has its own bucket");
        assertEquals(0, limiter.take("org-a", t + 1_000_000_000L), "refilled after a second");
        assertTrue(limiter.take("org-a", t + 1_000_000_000L) > 0);
    }

    @Test
    void theRateLimitFieldsSayWhatIsLeftAndWhenTheBurstIsFullAgain() {
        WriteRateLimiter limiter = new WriteRateLimiter(60, 3, null);
        long t = 1_000_000_000L;
        assertEquals("\"writes\";r=3;t=0", limiter.standing("org-a", t), "an organisation not seen yet has it all");
        limiter.take("org-a", t);
        limiter.take("org-a", t);
        assertEquals("\"writes\";r=1;t=2", limiter.standing("org-a", t));
        assertEquals(
                "\"writes\";r=2;t=1", limiter.standing("org-a", t + 1_000_000_000L), "one refilled a second later");
    }
}
