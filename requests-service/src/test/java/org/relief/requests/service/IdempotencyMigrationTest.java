package org.relief.requests.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.relief.kernel.testing.TestInfrastructure;

/**
 * The upgrade of a requests database that already ran V1..V3 (with keys in its own idempotency_key table) before the
 * kernel's V0_2 existed: with the kernel's out-of-order default, V0_2 is applied late and V4 moves the keys into
 * idempotency_record. Runs in a schema of its own in the real requests_test database.
 */
class IdempotencyMigrationTest {

    @Test
    void anExistingDatabaseGetsTheKernelTableLateAndKeepsItsKeys() throws Exception {
        String schema =
                "upgrade_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestInfrastructure.ensureDatabases();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(TestInfrastructure.jdbcUrl("requests_test"));
        ds.setUser(TestInfrastructure.DB_USER);
        ds.setPassword(TestInfrastructure.DB_PASSWORD);
        // the database as it was: kernel V0_1 only, then the service's V1..V3
        Path oldKernel = Files.createTempDirectory("kernel-v0_1");
        try (InputStream v01 = getClass().getResourceAsStream("/db/kernel/V0_1__event_store_outbox_inbox.sql")) {
            Files.copy(v01, oldKernel.resolve("V0_1__event_store_outbox_inbox.sql"));
        }
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .schemas(schema)
                    .locations("filesystem:" + oldKernel, "classpath:db/migration")
                    .target("3")
                    .load()
                    .migrate();
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("set search_path to " + schema);
                s.execute("insert into idempotency_key (organisation_id, idempotency_key, request_hash, request_id) "
                        + "values ('yanta-community', '重试-1', 'abc', 'req-1')");
            }

            // today's release, with the out-of-order setting every service inherits from the kernel
            boolean outOfOrder = ConfigProvider.getConfig().getValue("quarkus.flyway.out-of-order", Boolean.class);
            assertTrue(outOfOrder, "the kernel's microprofile-config.properties turns out-of-order on");
            Flyway.configure()
                    .dataSource(ds)
                    .schemas(schema)
                    .locations("classpath:db/kernel", "classpath:db/migration")
                    .outOfOrder(outOfOrder)
                    .load()
                    .migrate();

            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("set search_path to " + schema);
                try (ResultSet rs =
                        s.executeQuery("select scope, operation, idempotency_key, request_hash, resource_id "
                                + "from idempotency_record")) {
                    assertTrue(rs.next());
                    assertEquals("yanta-community", rs.getString(1));
                    assertEquals("help-requests", rs.getString(2));
                    assertEquals("重试-1", rs.getString(3));
                    assertEquals("abc", rs.getString(4));
                    assertEquals("req-1", rs.getString(5));
                    assertFalse(rs.next());
                }
                try (ResultSet rs = s.executeQuery("select to_regclass('" + schema + ".idempotency_key') is null")) {
                    rs.next();
                    assertTrue(rs.getBoolean(1), "the old table is gone");
                }
            }
        } finally {
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }
}
