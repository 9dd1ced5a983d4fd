package org.relief.kernel.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.relief.kernel.eventstore.EventStore;
import org.relief.kernel.eventstore.GlobalCursor;
import org.relief.kernel.eventstore.StoredEvent;

/**
 * Rebuilds a projection from the event store on the caller's connection, inside the caller's transaction:
 * <ol>
 *     <li>{@code lock table <its tables> in exclusive mode}: reads of the views go on, but every writer of them
 *     (every append of the stream types it projects, since projections are inline) waits until this transaction
 *     ends, and this waits for writers already running, at most {@code lock_timeout};</li>
 *     <li>a count and checksum of each table as it is live;</li>
 *     <li>the tables are emptied and every committed event of its stream types is applied again in global order
 *     {@code (tx_id, global_position)}, in batches, decoded as the live path decodes;</li>
 *     <li>the count and checksum of each table as rebuilt.</li>
 * </ol>
 * The caller commits (a rebuild) or rolls back (a verification: nothing changes). Events are read in one
 * transaction while the tables are locked, so an event whose projection is still to be written is not committed
 * yet and will be projected by its own transaction after this one, onto the rebuilt tables.
 */
public final class ProjectionRebuild {
    private static final int BATCH = 500;

    private final EventStore store;
    private final String lockTimeout;

    public ProjectionRebuild(EventStore store, String lockTimeout) {
        this.store = store;
        this.lockTimeout = lockTimeout;
    }

    public record TableReport(
            String table,
            long liveRows,
            String liveChecksum,
            long rebuiltRows,
            String rebuiltChecksum,
            List<String> excludedColumns,
            boolean equal) {}

    public record Report(
            String projection, boolean committed, long events, boolean equal, List<TableReport> tables, long millis) {}

    public Report run(Connection c, RebuildableProjection p, boolean commit) throws SQLException {
        long start = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("set local lock_timeout = '" + lockTimeout.replace("'", "") + "'");
            s.execute("lock table "
                    + p.tables().stream().map(RebuildableProjection.Table::name).collect(Collectors.joining(", "))
                    + " in exclusive mode");
        }
        p.flush();
        List<long[]> liveCounts = new ArrayList<>();
        List<String> liveSums = new ArrayList<>();
        for (RebuildableProjection.Table t : p.tables()) {
            Object[] r = checksum(c, t);
            liveCounts.add(new long[] {(Long) r[0]});
            liveSums.add((String) r[1]);
        }
        p.reset(c);
        long events = 0;
        GlobalCursor cursor = GlobalCursor.START;
        while (true) {
            List<StoredEvent> batch = store.readCommitted(c, p.streamTypes(), cursor, BATCH);
            for (StoredEvent e : batch) {
                p.apply(c, e);
            }
            events += batch.size();
            p.flush();
            if (batch.size() < BATCH) {
                break;
            }
            cursor = batch.get(batch.size() - 1).cursor();
        }
        List<TableReport> tables = new ArrayList<>();
        boolean equal = true;
        for (int i = 0; i < p.tables().size(); i++) {
            RebuildableProjection.Table t = p.tables().get(i);
            Object[] r = checksum(c, t);
            boolean same = liveCounts.get(i)[0] == (Long) r[0] && Objects.equals(liveSums.get(i), r[1]);
            equal &= same;
            tables.add(new TableReport(
                    t.name(), liveCounts.get(i)[0], liveSums.get(i), (Long) r[0], (String) r[1], t.excluded(), same));
        }
        return new Report(p.name(), commit, events, equal, tables, (System.nanoTime() - start) / 1_000_000);
    }

    /** Row count and md5 of the rows as JSON (less the excluded columns), in primary key order. */
    static Object[] checksum(Connection c, RebuildableProjection.Table t) throws SQLException {
        String sql = "select count(*), md5(coalesce(string_agg((to_jsonb(t) - ?::text[])::text, ',' order by "
                + t.orderBy() + "), '')) from " + t.name() + " t";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", t.excluded().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Object[] {rs.getLong(1), rs.getString(2)};
            }
        }
    }
}
