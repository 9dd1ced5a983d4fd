package org.relief.requests.service;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.relief.kernel.eventstore.EventStoreException;
import org.relief.kernel.security.CallerScope;
import org.relief.kernel.web.ProblemException;
import org.relief.requests.domain.DuplicateKeys;
import org.relief.requests.domain.HelpRequestEvent;
import org.relief.requests.domain.Occurrence;
import org.relief.requests.domain.TimelineText;
import org.relief.requests.projection.HelpRequestView;

/** Reading requests: one with its timeline, and filtered lists. Nothing here changes a request. */
@ApplicationScoped
public class HelpRequestQueries {
    private final HelpRequestStore store;
    private final DataSource dataSource;

    public HelpRequestQueries(HelpRequestStore store, DataSource dataSource) {
        this.store = store;
        this.dataSource = dataSource;
    }

    /** The request with its timeline, if it exists and the caller may see it (its organisation, or ops). */
    @Transactional
    public Optional<HelpRequestDetails> find(String requestId, CallerScope caller) {
        HelpRequestView view = HelpRequestView.findById(requestId);
        if (view == null || !caller.mayAccess(view.organisationId)) {
            return Optional.empty();
        }
        view.likelyDuplicates =
                HelpRequestView.<HelpRequestView>list(
                                "likelyDuplicateOf = ?1", Sort.by("submittedAt").and("id"), requestId)
                        .stream()
                        .map(v -> v.id)
                        .toList();
        try (Connection c = dataSource.getConnection()) {
            List<TimelineEntry> timeline = TimelineEntry.inOrderOfOccurrence(store.history(c, requestId).stream()
                    .map(e -> {
                        HelpRequestEvent event = store.decode(e);
                        TimelineText.Text text = TimelineText.explain(event);
                        return new TimelineEntry(
                                e.version(),
                                e.type(),
                                Occurrence.of(event),
                                e.occurredAt(),
                                e.context().actor(),
                                e.context().organisationId(),
                                e.context().causationId(),
                                text.en(),
                                text.zh(),
                                e.payload());
                    })
                    .toList());
            return Optional.of(new HelpRequestDetails(view, timeline));
        } catch (SQLException e) {
            // the timeline is the request's stream in the event store
            throw new EventStoreException("reading request " + requestId + " failed", e);
        }
    }

    /** The same, or 404 (an unknown request and another organisation's answer alike). */
    public HelpRequestDetails get(String requestId, CallerScope caller) {
        return find(requestId, caller).orElseThrow(() -> ProblemException.notFound("help request", requestId));
    }

    /** Filtered list, newest first; the caller has already scoped {@code f.organisationId()} to what it may see. */
    @Transactional
    public HelpRequestPage list(HelpRequestFilter f, int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (f.status() != null) {
            where.add("status = :status");
            params.put("status", f.status());
        }
        if (f.district() != null) {
            where.add("districtKey = :district");
            params.put("district", DuplicateKeys.normalize(f.district()));
        }
        if (f.priority() != null) {
            where.add("priority = :priority");
            params.put("priority", f.priority());
        }
        if (f.organisationId() != null) {
            where.add("organisationId = :org");
            params.put("org", f.organisationId());
        }
        if (f.kind() != null) {
            where.add("kind = :kind");
            params.put("kind", f.kind());
        }
        if (f.submittedFrom() != null) {
            where.add("submittedAt >= :from");
            params.put("from", f.submittedFrom());
        }
        if (f.submittedTo() != null) {
            where.add("submittedAt < :to");
            params.put("to", f.submittedTo());
        }
        if (f.overdue() != null) {
            where.add("overdue = :overdue");
            params.put("overdue", f.overdue());
        }
        if (f.updatedSince() != null) {
            where.add("updatedAt >= :updatedSince");
            params.put("updatedSince", f.updatedSince());
        }
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        // a poller reads changes oldest first, so that paging forward never skips one that lands meanwhile
        Sort order = f.updatedSince() != null
                ? Sort.by("updatedAt").ascending().and("id")
                : Sort.by("submittedAt").descending().and("id");
        var found = HelpRequestView.<HelpRequestView>find(query, order, params);
        List<HelpRequestView> items = found.page(Page.of(page, size)).list();
        return new HelpRequestPage(items, page, size, found.count());
    }
}
