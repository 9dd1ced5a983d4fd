package org.relief.requests.domain;

import java.time.Clock;
import java.util.UUID;

/** Submits a request in domain tests: a fresh id, and personal fields left as written (sealing is tested on its own). */
final class Submissions {
    private Submissions() {}

    static HelpRequest submit(SubmitHelpRequest cmd, String likelyDuplicateOf, Clock clock) {
        return HelpRequest.submit(UUID.randomUUID().toString(), cmd, likelyDuplicateOf, clock, (subject, text) -> text);
    }
}
