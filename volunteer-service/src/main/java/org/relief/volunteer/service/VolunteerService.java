package org.relief.volunteer.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.relief.kernel.domain.TimeWindow;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.personaldata.DataSubjects;
import org.relief.kernel.runtime.TransactionRunner;
import org.relief.kernel.web.IdempotencyKeys;
import org.relief.kernel.web.ProblemException;
import org.relief.volunteer.domain.Skill;
import org.relief.volunteer.domain.Volunteer;
import org.relief.volunteer.domain.VolunteerEvent;
import org.relief.volunteer.projection.VolunteerProjector;
import org.relief.volunteer.projection.VolunteerView;

/**
 * Volunteers: event-sourced (streams {@code volunteer-<id>}). Every method takes {@code visible}, the caller's
 * organisation scope: a volunteer outside it answers 404 exactly like an unknown id.
 */
@ApplicationScoped
public class VolunteerService {
    private final EventStore eventStore;
    private final ObjectMapper json;
    private final VolunteerProjector projector;
    private final TransactionRunner runner;
    private final Waitlist waitlist;
    private final VolunteerCallStaffing staffing;
    private final DataSubjects dataSubjects;
    private final Clock clock;

    private EventSourcedRepository<Volunteer, VolunteerEvent> volunteers;

    @Inject
    public VolunteerService(
            EventStore eventStore,
            ObjectMapper json,
            VolunteerProjector projector,
            TransactionRunner runner,
            Waitlist waitlist,
            VolunteerCallStaffing staffing,
            DataSubjects dataSubjects,
            Clock clock) {
        this.eventStore = eventStore;
        this.json = json;
        this.projector = projector;
        this.runner = runner;
        this.waitlist = waitlist;
        this.staffing = staffing;
        this.dataSubjects = dataSubjects;
        this.clock = clock;
    }

    /** Volunteer filters; null means any. A skill matches its children too. */
    public record Filter(Skill skill, String district, Instant availableAt) {}

    public record Registration(
            String organisationId, String name, String phone, String district, List<Skill> skills, String note) {}

    @PostConstruct
    void init() {
        volunteers = new EventSourcedRepository<>(
                eventStore,
                "volunteer",
                new EventCodec<>(VolunteerEvent.class, json),
                Volunteer::new,
                projector::volunteer);
    }

    public IdempotencyKeys.Outcome<VolunteerView> register(
            Registration r, IdempotencyKeys.Key idempotencyKey, EventContext ctx) {
        return runner.inTransaction(c -> {
            Optional<String> earlier = IdempotencyKeys.earlier(c, idempotencyKey);
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(VolunteerView.<VolunteerView>findById(earlier.get()));
            }
            String id = UUID.randomUUID().toString();
            // the volunteer is a data subject: their own key seals their name, phone and note
            Volunteer v = Volunteer.register(
                    id,
                    r.organisationId(),
                    r.name(),
                    r.phone(),
                    r.district(),
                    r.skills(),
                    r.note(),
                    clock,
                    dataSubjects.open(c, id, ctx.withCorrelation(id)));
            earlier = IdempotencyKeys.claim(c, idempotencyKey, v.id());
            if (earlier.isPresent()) {
                return IdempotencyKeys.Outcome.replayed(VolunteerView.<VolunteerView>findById(earlier.get()));
            }
            volunteers.save(c, v, ctx.withCorrelation(v.id()));
            // a new volunteer may be what a short call waits for (once they have windows, in practice)
            waitlist.afterCommit(List.of(v.id()));
            return IdempotencyKeys.Outcome.created(VolunteerView.<VolunteerView>findById(v.id()));
        });
    }

    public VolunteerView setAvailabilityWindows(
            String id, List<TimeWindow> windows, Predicate<String> visible, EventContext ctx) {
        return runner.inTransaction(c -> {
            volunteer(id, visible);
            Volunteer v = volunteers.load(c, id).orElseThrow(() -> ProblemException.notFound("volunteer", id));
            v.setAvailabilityWindows(windows, clock);
            volunteers.save(c, v, ctx.withCorrelation(id));
            waitlist.afterCommit(List.of(id));
            return VolunteerView.<VolunteerView>findById(id);
        });
    }

    public VolunteerView deactivate(String id, String reason, Predicate<String> visible, EventContext ctx) {
        return runner.inTransaction(c -> {
            volunteer(id, visible);
            Volunteer v = volunteers.load(c, id).orElseThrow(() -> ProblemException.notFound("volunteer", id));
            v.deactivate(reason, clock);
            volunteers.save(c, v, ctx.withCorrelation(id));
            // their offers and acceptances on calls still to come are answered for them, and replaced
            staffing.volunteerDeactivated(c, id, ctx);
            return VolunteerView.<VolunteerView>findById(id);
        });
    }

    /**
     * Erases a volunteer's name, phone and note once they no longer serve (409 while active). A repeat changes nothing
     * and answers the same.
     */
    public VolunteerView erasePersonalData(String id, String reason, Predicate<String> visible, EventContext ctx) {
        return runner.inTransaction(c -> {
            volunteer(id, visible);
            Volunteer v = volunteers.load(c, id).orElseThrow(() -> ProblemException.notFound("volunteer", id));
            if (v.erasePersonalData(reason, ctx.actor(), clock)) {
                EventContext context = ctx.withCorrelation(id);
                volunteers.save(c, v, context);
                dataSubjects.erase(c, id, reason.strip(), clock.instant(), context);
            }
            return VolunteerView.<VolunteerView>findById(id);
        });
    }

    public VolunteerView volunteer(String id, Predicate<String> visible) {
        VolunteerView v = id == null ? null : VolunteerView.findById(id);
        if (v == null || !visible.test(v.organisationId)) {
            throw ProblemException.notFound("volunteer", id);
        }
        return v;
    }

    /**
     * organisationId null: every organisation's (ops). Native SQL because the skill and window conditions look
     * inside the jsonb skills and the window rows.
     */
    @SuppressWarnings("unchecked")
    public List<VolunteerView> volunteers(String organisationId, Filter f) {
        List<String> where = new ArrayList<>();
        Map<String, Object> p = new LinkedHashMap<>();
        if (organisationId != null) {
            where.add("v.organisation_id = :org");
            p.put("org", organisationId);
        }
        if (f.district() != null && !f.district().isBlank()) {
            where.add("v.district = :district");
            p.put("district", f.district().strip());
        }
        if (f.skill() != null) {
            // catalogue codes hold no LIKE wildcards, so the prefix is literal
            where.add("exists (select 1 from jsonb_array_elements_text(v.skills) s(code)"
                    + " where s.code = :skill or s.code like :skillPrefix)");
            p.put("skill", f.skill().code());
            p.put("skillPrefix", f.skill().code() + ".%");
        }
        if (f.availableAt() != null) {
            where.add("v.active and exists (select 1 from volunteer_window w where w.volunteer_id = v.id"
                    + " and w.from_at <= :at and w.to_at > :at)");
            p.put("at", Timestamp.from(f.availableAt()));
        }
        String sql =
                "select v.* from volunteer_view v" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                        + " order by v.registered_at, v.id"; // names are sealed: their order says nothing
        Query q = VolunteerView.getEntityManager().createNativeQuery(sql, VolunteerView.class);
        p.forEach(q::setParameter);
        return q.getResultList();
    }
}
