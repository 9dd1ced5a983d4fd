package org.relief.kernel.testing;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** The kernel tests' own database, with the kernel schema migrated from scratch (the same Flyway scripts services run). */
public final class KernelDatabase {
    private KernelDatabase() {}

    public static DataSource fresh() {
        TestInfrastructure.ensureDatabases();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(TestInfrastructure.jdbcUrl("kernel_test"));
        ds.setUser(TestInfrastructure.DB_USER);
        ds.setPassword(TestInfrastructure.DB_PASSWORD);
        Flyway flyway = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/kernel")
                .cleanDisabled(false)
                .load();
        flyway.clean();
        flyway.migrate();
        return ds;
    }
}
