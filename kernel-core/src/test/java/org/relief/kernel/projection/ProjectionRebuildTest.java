package org.relief.kernel.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.envelope.Json;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.eventstore.NewEvent;
import org.relief.kernel.eventstore.StoredEvent;
import org.relief.kernel.testing.KernelDatabase;
import org.relief.kernel.tx.JdbcTransactions;

/** Against the real PostgreSQL test database: a toy projection rebuilt, compared and repaired. */
class ProjectionRebuildTest {
    private final EventStore store = new EventStore(Json.newMapper());
    private final EventContext ctx = EventContext.command("flow-1", "tester", "org-1");
    private DataSource ds;
    private JdbcTransactions tx;

    /** thing_view: one row per thing with its event count; touched_at is the clock's, so it is left out. */
    private final RebuildableProjection things = new RebuildableProjection() {
        @Override
        public String name() {
            return "things";
        }

        @Override
        public List<Table> tables() {
            return List.of(new Table("thing_view", "id", List.of("touched_at")));
        }

        @Override
        public List<String> streamTypes() {
            return List.of("thing");
        }

        @Override
        public void apply(Connection c, StoredEvent e) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("insert into thing_view (id, events, last_type, touched_at) "
                    + "values (?, 1, ?, clock_timestamp()) on conflict (id) do update set events = thing_view.events + 1, "
                    + "last_type = excluded.last_type, touched_at = clock_timestamp()")) {
                ps.setString(1, e.streamId());
                ps.setString(2, e.type());
                ps.executeUpdate();
            }
        }
    };

    private static final class Rollback extends RuntimeException {
        final ProjectionRebuild.Report report;

        Rollback(ProjectionRebuild.Report report) {
            this.report = report;
        }
    }

    @BeforeEach
    void setUp() {
        ds = KernelDatabase.fresh();
        tx = new JdbcTransactions(ds);
        tx.inNewTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists thing_view");
                s.execute("create table thing_view (id text primary key, events int not null, last_type text, "
                        + "touched_at timestamptz)");
            }
            return null;
        });
    }

    /** Appends and projects inline, as a service does. */
    private void append(String streamType, String streamId, long expected, String... types) {
        tx.inNewTransaction(c -> {
            List<StoredEvent> stored = store.append(
                    c,
                    streamType,
                    streamId,
                    expected,
                    java.util.Arrays.stream(types)
                            .map(t -> NewEvent.of(t, 1, Map.of()))
                            .toList(),
                    ctx);
            if (streamType.equals("thing")) {
                for (StoredEvent e : stored) {
                    things.apply(c, e);
                }
            }
            return null;
        });
    }

    private ProjectionRebuild.Report verify() {
        try {
            tx.inNewTransaction(c -> {
                throw new Rollback(new ProjectionRebuild(store, "2s").run(c, things, false));
            });
        } catch (Rollback r) {
            return r.report;
        }
        throw new AssertionError("unreachable");
    }

    private int events(String id) {
        return tx.inNewTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select events from thing_view where id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : -1;
                }
            }
        });
    }

    @Test
    void rebuiltEqualsLiveADamagedRowIsReportedAndARebuildRepairsIt() {
        append("thing", "thing-1", 0, "Opened", "Changed");
        append("other", "other-1", 0, "Opened");
        append("thing", "thing-2", 0, "Opened");
        append("thing", "thing-1", 2, "Closed");

        ProjectionRebuild.Report same = verify();
        assertTrue(same.equal(), same.toString());
        assertEquals(4, same.events(), "only the projection's stream types");
        assertEquals(List.of("touched_at"), same.tables().get(0).excludedColumns());

        tx.inNewTransaction(
                c -> c.createStatement().executeUpdate("update thing_view set events = 7 where id = 'thing-1'"));
        ProjectionRebuild.Report damaged = verify();
        assertFalse(damaged.equal());
        assertEquals(2, damaged.tables().get(0).liveRows());
        assertEquals(2, damaged.tables().get(0).rebuiltRows());
        assertEquals(7, events("thing-1"), "a verification changes nothing");

        ProjectionRebuild.Report rebuilt =
                tx.inNewTransaction(c -> new ProjectionRebuild(store, "2s").run(c, things, true));
        assertFalse(rebuilt.equal(), "it reports what it replaced");
        assertEquals(3, events("thing-1"));
        assertTrue(verify().equal());
    }

    @Test
    void readCommittedDoesNotStopAtARunningTransaction() throws Exception {
        append("thing", "thing-1", 0, "Opened");
        try (Connection open = ds.getConnection()) {
            open.setAutoCommit(false);
            store.append(open, "other", "other-1", 0, List.of(NewEvent.of("Pending", 1, Map.of())), ctx);
            append("thing", "thing-2", 0, "Opened");
            assertEquals(2, verify().events(), "the event committed after the running one began is read");
            open.rollback();
        }
    }
}
