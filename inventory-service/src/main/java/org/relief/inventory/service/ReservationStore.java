package org.relief.inventory.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.relief.inventory.domain.StockReservation;
import org.relief.inventory.domain.StockReservationEvent;
import org.relief.inventory.projection.ReservationProjector;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.tx.DatabaseException;

/**
 * StockReservation streams ({@code stock-reservation-<requestId>}), loaded under their items' stock locks, and the
 * pickups waiting for a reservation that is not open yet.
 */
@ApplicationScoped
public class ReservationStore {
    public static final String STREAM_TYPE = StockReservation.STREAM_TYPE;

    private final StockLedger ledger;
    private final EventSourcedRepository<StockReservation, StockReservationEvent> repository;

    public ReservationStore(
            EventStore eventStore, ObjectMapper json, ReservationProjector projector, StockLedger ledger) {
        this.ledger = ledger;
        this.repository = new EventSourcedRepository<>(
                eventStore,
                STREAM_TYPE,
                new EventCodec<>(StockReservationEvent.class, json),
                StockReservation::new,
                projector::project);
    }

    /** A reservation loaded with the advisory locks of its items held (until the transaction ends). */
    public record Locked(StockReservation reservation, Set<String> items) {}

    public Optional<StockReservation> load(Connection c, String requestId) {
        return repository.load(c, requestId);
    }

    /**
     * Load → lock its items → load again → re-check: the first load only learns which items to lock; what the caller
     * decides on is loaded with the locks held (the same lock order as allocation and expiry, so none of them
     * interleave or deadlock). Empty when there is no reservation or {@code decidable} refuses it, before or after
     * locking (a reservation refused before is not locked).
     */
    public Optional<Locked> loadLocked(Connection c, String requestId, Predicate<StockReservation> decidable) {
        Optional<StockReservation> before = load(c, requestId);
        if (before.isEmpty() || !decidable.test(before.get())) {
            return Optional.empty();
        }
        Set<String> items = itemsOf(before.get());
        ledger.lock(c, items);
        StockReservation r = load(c, requestId).orElseThrow();
        return decidable.test(r) ? Optional.of(new Locked(r, items)) : Optional.empty();
    }

    public void save(Connection c, StockReservation r, EventContext ctx) {
        repository.save(c, r, ctx);
    }

    /** The context for events about one request: its own flow and organisation, caused by what triggered them. */
    public static EventContext contextFor(StockReservation r, EventContext trigger) {
        return new EventContext(
                r.id(), trigger.causationId(), trigger.actor(), r.organisationId(), trigger.traceparent());
    }

    static Set<String> itemsOf(StockReservation r) {
        Set<String> items = new LinkedHashSet<>();
        r.lines().forEach(l -> items.add(l.item()));
        return items;
    }

    /**
     * A pickup dispatch reported before inventory took the request on (cross-topic order): kept until the reservation
     * opens, never dropped.
     */
    public void rememberPickup(Connection c, String requestId, String tripId, Instant at) {
        try (PreparedStatement ps =
                c.prepareStatement("insert into transport_pickup_waiting (request_id, trip_id, picked_up_at) "
                        + "values (?, ?, ?) on conflict do nothing")) {
            ps.setString(1, requestId);
            ps.setString(2, tripId);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("remembering the pickup of trip " + tripId + " failed", e);
        }
    }

    /** The pickups waiting for this request's reservation, removed from the waiting table (tripId → when). */
    public Map<String, Instant> takeWaitingPickups(Connection c, String requestId) {
        Map<String, Instant> found = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "delete from transport_pickup_waiting where request_id = ? " + "returning trip_id, picked_up_at")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading waiting pickups of " + requestId + " failed", e);
        }
        return found;
    }
}
