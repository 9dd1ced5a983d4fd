package org.relief.kernel.database;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.KernelDatabase;

class TableUpkeepTest {

    @Test
    void thresholdsAreAutovacuumDefaults() {
        assertNull(TableUpkeep.needed(new TableUpkeep.TableStats("t", 1000, 250, 150)));
        assertEquals("vacuum (analyze) \"t\"", TableUpkeep.needed(new TableUpkeep.TableStats("t", 1000, 251, 0)));
        assertEquals("analyze \"t\"", TableUpkeep.needed(new TableUpkeep.TableStats("t", 1000, 0, 151)));
        // a new table is analysed after its first 51 rows, not left with the statistics of an empty one
        assertEquals("analyze \"t\"", TableUpkeep.needed(new TableUpkeep.TableStats("t", 0, 0, 51)));
        assertEquals(
                "vacuum (analyze) \"odd\"\"name\"",
                TableUpkeep.needed(new TableUpkeep.TableStats("odd\"name", 0, 51, 0)));
    }

    @Test
    void aPassAnalysesATableThatGrewWhenAutovacuumIsOff() throws SQLException {
        DataSource ds = KernelDatabase.fresh();
        try (Connection c = ds.getConnection()) {
            boolean autovacuum = TableUpkeep.autovacuumOn(c);
            try (Statement st = c.createStatement()) {
                st.execute("create table upkeep_probe (id int primary key, note text)");
                st.execute("insert into upkeep_probe select g, 'row ' || g from generate_series(1, 500) g");
                st.execute("update upkeep_probe set note = 'changed' where id <= 300");
            }
            TableUpkeep upkeep = new TableUpkeep();
            if (autovacuum) {
                // the server's own autovacuum is in charge: the pass leaves it alone
                assertEquals(List.of(), upkeep.run(c));
                return;
            }
            // statistics reach pg_stat_user_tables asynchronously (at most a second or so after the commit)
            List<TableUpkeep.Action> done = await().atMost(Duration.ofSeconds(20))
                    .until(() -> upkeep.run(c), actions -> actions.stream()
                            .anyMatch(a -> a.table().equals("upkeep_probe")));
            assertTrue(done.stream().anyMatch(a -> a.statement().equals("vacuum (analyze) \"upkeep_probe\"")));
            try (Statement st = c.createStatement();
                    var rs = st.executeQuery("select last_vacuum is not null and last_analyze is not null "
                            + "from pg_stat_user_tables where relname = 'upkeep_probe'")) {
                rs.next();
                assertTrue(rs.getBoolean(1), "the table was vacuumed and analysed");
            }
        }
    }

    @Test
    void refusesATransactionalConnection() throws SQLException {
        DataSource ds = KernelDatabase.fresh();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            assertThrows(IllegalArgumentException.class, () -> new TableUpkeep().run(c));
        }
    }
}
