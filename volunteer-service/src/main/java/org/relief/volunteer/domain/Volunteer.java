package org.relief.volunteer.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.relief.kernel.domain.RuleViolation;
import org.relief.kernel.domain.TimeWindow;
import org.relief.kernel.eventstore.AggregateRoot;
import org.relief.kernel.personaldata.Sealer;

/** A volunteer of one organisation: skills, when they can serve, and whether they still serve at all. */
public final class Volunteer extends AggregateRoot<VolunteerEvent> {
    public static final int MAX_WINDOWS = 50;
    public static final int MAX_NAME = 100;

    private String volunteerId;
    private boolean active;
    private boolean personalDataErased;
    private List<TimeWindow> windows = List.of();

    /**
     * A new volunteer with the given id. Their name, phone and note are stored only as {@code seal} makes them (sealed
     * under the volunteer's own data key), so erasing that key erases them everywhere.
     */
    public static Volunteer register(
            String volunteerId,
            String organisationId,
            String name,
            String phone,
            String district,
            List<Skill> skills,
            String note,
            Clock clock,
            Sealer seal) {
        if (organisationId == null || organisationId.isBlank()) {
            throw RuleViolation.invalid(Texts.of("volunteer.organisation-required"));
        }
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
            throw RuleViolation.invalid(Texts.of("volunteer.name-required", MAX_NAME));
        }
        if (phone == null || phone.isBlank()) {
            throw RuleViolation.invalid(Texts.of("volunteer.phone-required"));
        }
        if (district == null || district.isBlank()) {
            throw RuleViolation.invalid(Texts.of("volunteer.district-required"));
        }
        if (skills == null || skills.isEmpty() || skills.stream().anyMatch(java.util.Objects::isNull)) {
            throw RuleViolation.invalid(Texts.of("volunteer.skill-required"));
        }
        // the same skill twice is one skill; the order given is kept
        List<String> codes =
                new LinkedHashSet<>(skills).stream().map(Skill::code).toList();
        Volunteer v = new Volunteer();
        v.raise(new VolunteerEvent.Registered(
                volunteerId,
                organisationId,
                seal.seal(volunteerId, name.strip()),
                seal.seal(volunteerId, phone.strip()),
                district.strip(),
                codes,
                note == null || note.isBlank() ? null : seal.seal(volunteerId, note.strip()),
                clock.instant()));
        return v;
    }

    /** Replaces the availability windows; each must start before it ends and none may overlap (touching is fine). */
    public void setAvailabilityWindows(List<TimeWindow> requested, Clock clock) {
        if (!active) {
            throw RuleViolation.conflict(Texts.of("volunteer.inactive", volunteerId));
        }
        List<TimeWindow> sorted = TimeWindow.validated(requested, MAX_WINDOWS);
        // the same set again changes nothing, so it is no event
        if (!sorted.equals(windows)) {
            raise(new VolunteerEvent.AvailabilityWindowsSet(volunteerId, List.copyOf(sorted), clock.instant()));
        }
    }

    /** A volunteer who stops serving; deactivating twice is a conflict. */
    public void deactivate(String reason, Clock clock) {
        if (!active) {
            throw RuleViolation.conflict(Texts.of("volunteer.already-inactive", volunteerId));
        }
        raise(new VolunteerEvent.Deactivated(
                volunteerId, reason == null || reason.isBlank() ? null : reason.strip(), clock.instant()));
    }

    /**
     * Records that the volunteer's name, phone and note were erased (their key deleted). Only once they no longer
     * serve: deactivation answers their bookings first. Returns false, raising nothing, when erased before.
     */
    public boolean erasePersonalData(String reason, String erasedBy, Clock clock) {
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            throw RuleViolation.invalid(Texts.of("volunteer.erasure-reason-required"));
        }
        if (active) {
            throw RuleViolation.conflict(Texts.of("volunteer.still-serving", volunteerId));
        }
        if (personalDataErased) {
            return false;
        }
        raise(new VolunteerEvent.PersonalDataErased(volunteerId, reason.strip(), erasedBy, clock.instant()));
        return true;
    }

    /** Active and inside one of the availability windows. */
    public boolean availableAt(Instant t) {
        return active && windows.stream().anyMatch(w -> w.contains(t));
    }

    @Override
    protected void apply(VolunteerEvent event) {
        if (event instanceof VolunteerEvent.Registered r) {
            volunteerId = r.volunteerId();
            active = true;
        } else if (event instanceof VolunteerEvent.AvailabilityWindowsSet w) {
            windows = w.windows();
        } else if (event instanceof VolunteerEvent.Deactivated) {
            active = false;
        } else if (event instanceof VolunteerEvent.PersonalDataErased) {
            personalDataErased = true;
        }
    }

    @Override
    public String id() {
        return volunteerId;
    }

    public boolean active() {
        return active;
    }

    /** When the volunteer is available, sorted by start. */
    public List<TimeWindow> availabilityWindows() {
        return windows;
    }
}
