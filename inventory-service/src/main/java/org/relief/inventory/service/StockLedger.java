package org.relief.inventory.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.relief.inventory.domain.StockItem;
import org.relief.inventory.domain.StockItemEvent;
import org.relief.inventory.projection.StockProjector;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.eventstore.EventCodec;
import org.relief.kernel.eventstore.EventSourcedRepository;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.tx.DatabaseException;

/**
 * The StockItem ledgers (stream {@code stock-item-<code>}). Every transaction that changes stock takes the item's
 * advisory lock first, for all its items in sorted order (so two transactions never wait on each other in a
 * circle); with the lock held, load → decide → append cannot interleave, even across service instances. The
 * StockItem invariants and the event store's optimistic concurrency stay as the second guard.
 */
@ApplicationScoped
public class StockLedger {
    public static final String STREAM_TYPE = StockItem.STREAM_TYPE;

    private final EventStore eventStore;
    private final ObjectMapper json;
    private final StockProjector projector;

    private EventCodec<StockItemEvent> codec;

    @Inject
    public StockLedger(EventStore eventStore, ObjectMapper json, StockProjector projector) {
        this.eventStore = eventStore;
        this.json = json;
        this.projector = projector;
    }

    @PostConstruct
    void init() {
        codec = new EventCodec<>(StockItemEvent.class, json);
    }

    /** Held until the transaction ends. */
    public void lock(Connection c, Collection<String> items) {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtext('stock-item:' || ?))")) {
            for (String item : new TreeSet<>(items)) {
                ps.setString(1, item);
                ps.execute();
            }
        } catch (SQLException e) {
            throw new DatabaseException("locking stock of " + items + " failed", e);
        }
    }

    public StockItem load(Connection c, String item) {
        return repository(c).load(c, item).orElseGet(() -> StockItem.empty(item));
    }

    public List<StoredEvent> save(Connection c, StockItem stock, EventContext ctx) {
        return repository(c).save(c, stock, ctx);
    }

    public List<StoredEvent> history(Connection c, String item) {
        return eventStore.load(c, STREAM_TYPE + "-" + item);
    }

    public StockItemEvent decode(StoredEvent e) {
        return codec.decode(e.type(), e.payload());
    }

    /** The projection writes with the transaction's own connection, so a repository is bound to it. */
    private EventSourcedRepository<StockItem, StockItemEvent> repository(Connection c) {
        return new EventSourcedRepository<>(
                eventStore,
                STREAM_TYPE,
                codec,
                StockItem::new,
                (item, stored, event) -> projector.project(c, item, event));
    }
}
