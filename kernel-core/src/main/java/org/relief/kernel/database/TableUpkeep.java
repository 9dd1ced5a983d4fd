package org.relief.kernel.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What autovacuum would do, for a server where it is off. Every saga updates projection rows and outbox rows several
 * times; without VACUUM the dead rows pile up, and without ANALYZE the planner keeps the statistics of an empty
 * table, so a query that was an index probe becomes a nested loop over everything (dispatch's free-vehicle query took
 * 20 ms for 662 trucks and 665 bookings, 219,000 rows compared, where fresh statistics give well under a millisecond).
 * Cost then grows with history, not with work.
 *
 * <p>It does nothing while the server's autovacuum is on (a managed or default PostgreSQL). Otherwise it uses
 * autovacuum's default thresholds on the statistics of the service's own schema: VACUUM (ANALYZE) a table once its
 * dead rows exceed 50 + 20 % of its live rows, ANALYZE it once the rows changed since the last analysis exceed 50 +
 * 10 %. One replica at a time (a session advisory lock tried, not awaited). VACUUM runs outside any transaction, so
 * the connection must be in autocommit mode; neither statement blocks reads or writes of the table.
 */
public final class TableUpkeep {
    /** advisory lock key: "relief-table-upkeep" */
    static final long LOCK_KEY = 0x7570_6b65_6570L;

    static final long BASE_THRESHOLD = 50;
    static final double VACUUM_SCALE = 0.2;
    static final double ANALYZE_SCALE = 0.1;

    /** The statistics of one table, as pg_stat_user_tables reports them. */
    public record TableStats(String table, long liveRows, long deadRows, long modifiedSinceAnalyze) {}

    /** What a pass decided for one table. */
    public record Action(String table, String statement) {}

    /** The statement a table needs now, or null. */
    static String needed(TableStats s) {
        if (s.deadRows() > BASE_THRESHOLD + VACUUM_SCALE * s.liveRows()) {
            return "vacuum (analyze) " + quoted(s.table());
        }
        if (s.modifiedSinceAnalyze() > BASE_THRESHOLD + ANALYZE_SCALE * s.liveRows()) {
            return "analyze " + quoted(s.table());
        }
        return null;
    }

    /**
     * One pass over the current schema's tables.
     *
     * @return what it ran; empty when autovacuum is on, nothing needed it, or another replica holds the pass
     */
    public List<Action> run(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            throw new IllegalArgumentException("table upkeep needs a connection in autocommit mode (VACUUM)");
        }
        if (autovacuumOn(c)) {
            return List.of();
        }
        if (!tryLock(c)) {
            return List.of();
        }
        try {
            List<Action> done = new ArrayList<>();
            for (TableStats s : stats(c)) {
                String statement = needed(s);
                if (statement != null) {
                    try (Statement st = c.createStatement()) {
                        st.execute(statement);
                    }
                    done.add(new Action(s.table(), statement));
                }
            }
            return done;
        } finally {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?)")) {
                ps.setLong(1, LOCK_KEY);
                ps.execute();
            }
        }
    }

    static boolean autovacuumOn(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select current_setting('autovacuum') = 'on'")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static List<TableStats> stats(Connection c) throws SQLException {
        List<TableStats> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select relname, n_live_tup, n_dead_tup, n_mod_since_analyze "
                        + "from pg_stat_user_tables where schemaname = current_schema() order by relname")) {
            while (rs.next()) {
                out.add(new TableStats(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return out;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
