package org.relief.kernel.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.relief.kernel.eventstore.StoredEvent;

/**
 * A read model that can be rebuilt from this service's own event store: its tables, the stream types whose events
 * feed it, and how one stored event is applied (decoded with the service's codec and handed to the same projector
 * the append calls, with its side effects such as metrics switched off). A service exposes each as a CDI bean;
 * {@link ProjectionRebuild} does the rest.
 */
public interface RebuildableProjection {

    /**
     * A table of the read model. {@code orderBy} is the primary key (a SQL expression over the table's columns) that
     * fixes the row order of the checksum; {@code excluded} are columns left out of the equality check because they
     * are not derived from this service's events (each projection says why).
     */
    record Table(String name, String orderBy, List<String> excluded) {
        public Table(String name, String orderBy) {
            this(name, orderBy, List.of());
        }
    }

    /** Stable name used in the ops endpoint, e.g. {@code help-requests}. */
    String name();

    /** The tables it writes, in the order they are emptied (children before parents). */
    List<Table> tables();

    /** The event store stream types whose events it projects. */
    List<String> streamTypes();

    /** Applies one stored event exactly as the live append path does, without side effects outside the database. */
    void apply(Connection c, StoredEvent event) throws SQLException;

    /** Empties its tables before the replay. */
    default void reset(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (Table t : tables()) {
                s.executeUpdate("delete from " + t.name());
            }
        }
    }

    /**
     * Writes out what the projector holds in memory (an ORM session) so that SQL on the connection sees it, and may
     * forget it (called every batch and before the checksums). Nothing to do for projectors that write with JDBC.
     */
    default void flush() {}
}
