package org.relief.requests.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relief.requests.domain.DuplicateKeys;
import org.relief.requests.domain.RequestKind;
import org.relief.requests.domain.RequestStatus;
import org.relief.requests.domain.SubmitHelpRequest;
import org.relief.requests.projection.HelpRequestView;

/**
 * Finds the request a new one likely repeats ({@code relief.duplicates.window}, 2 hours by default): a look-alike is
 * stored and linked, never dropped, so this only names it.
 */
@ApplicationScoped
public class LikelyDuplicates {
    private final Duration window;
    private final Clock clock;

    public LikelyDuplicates(
            @ConfigProperty(name = "relief.duplicates.window", defaultValue = "PT2H") Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    /**
     * The earliest open request (not cancelled, expired or fulfilled: an ended request needs no second one to be
     * noticed) of the same kind for the same compound and the same need, submitted within the window, from any
     * organisation; null if none.
     */
    public String of(SubmitHelpRequest cmd) {
        RequestKind kind = cmd.kind() == null ? RequestKind.SUPPLIES : cmd.kind();
        HelpRequestView earlier = HelpRequestView.find(
                        "kind = ?1 and communityKey = ?2 and districtKey = ?3 "
                                + "and matchKey = ?4 and status not in ?5 and submittedAt >= ?6",
                        Sort.by("submittedAt").and("id"),
                        kind,
                        DuplicateKeys.normalize(cmd.community()),
                        DuplicateKeys.normalize(cmd.district()),
                        DuplicateKeys.matchKey(kind, cmd.lines(), cmd.ride(), cmd.care()),
                        List.copyOf(RequestStatus.TERMINAL),
                        clock.instant().minus(window))
                .firstResult();
        return earlier == null ? null : earlier.id;
    }
}
