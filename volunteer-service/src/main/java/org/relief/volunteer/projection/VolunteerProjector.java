package org.relief.volunteer.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.util.List;
import org.relief.kernel.domain.TimeWindow;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.volunteer.domain.VolunteerEvent;

/** Keeps the volunteer read model (and its window rows) in step with the events, in the appending transaction. */
@ApplicationScoped
public class VolunteerProjector {

    public void volunteer(String id, StoredEvent stored, VolunteerEvent event) {
        if (event instanceof VolunteerEvent.Registered r) {
            VolunteerView v = new VolunteerView();
            v.id = r.volunteerId();
            v.organisationId = r.organisationId();
            v.name = r.name();
            v.phone = r.phone();
            v.district = r.district();
            v.skills = r.skills();
            v.note = r.note();
            v.active = true;
            v.windows = List.of();
            v.registeredAt = r.registeredAt();
            v.version = stored.version();
            // flushed now: the window rows reference it
            v.persistAndFlush();
        } else if (event instanceof VolunteerEvent.AvailabilityWindowsSet w) {
            VolunteerView v = VolunteerView.findById(id);
            v.windows = w.windows();
            v.version = stored.version();
            EntityManager em = VolunteerView.getEntityManager();
            em.createNativeQuery("delete from volunteer_window where volunteer_id = ?1")
                    .setParameter(1, id)
                    .executeUpdate();
            for (TimeWindow t : w.windows()) {
                em.createNativeQuery("insert into volunteer_window (volunteer_id, from_at, to_at) values (?1, ?2, ?3)")
                        .setParameter(1, id)
                        .setParameter(2, Timestamp.from(t.from()))
                        .setParameter(3, Timestamp.from(t.to()))
                        .executeUpdate();
            }
        } else if (event instanceof VolunteerEvent.PersonalDataErased e) {
            VolunteerView v = VolunteerView.findById(id);
            v.personalDataErasedAt = e.erasedAt();
            v.version = stored.version();
        } else if (event instanceof VolunteerEvent.Deactivated d) {
            VolunteerView v = VolunteerView.findById(id);
            v.active = false;
            v.deactivationReason = d.reason();
            v.version = stored.version();
        }
    }
}
