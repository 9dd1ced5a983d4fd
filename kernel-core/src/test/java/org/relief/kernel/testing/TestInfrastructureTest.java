package org.relief.kernel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Two checkouts' builds on one machine share neither databases nor the test broker. */
class TestInfrastructureTest {
    @Test
    void logicalDatabaseNamesGetTheCheckoutsSuffixAndOthersStayAsTheyAre() {
        String suffix = TestInfrastructure.databaseSuffix();
        if (System.getenv(TestInfrastructure.DB_SUFFIX_ENV) == null) {
            assertTrue(suffix.matches("[0-9a-f]{8}"), "derived from the checkout's path: " + suffix);
        }
        String tail = suffix.isEmpty() ? "" : "_" + suffix;
        for (String logical : TestInfrastructure.TEST_DATABASES) {
            String physical = TestInfrastructure.databaseName(logical);
            assertEquals(logical + tail, physical);
            assertEquals(physical, TestInfrastructure.databaseName(physical), "mapping twice changes nothing");
        }
        // the platform's databases and the server's own are no test databases
        for (String other : new String[] {"postgres", "requests", "inventory", "dispatch", "volunteer"}) {
            assertEquals(other, TestInfrastructure.databaseName(other));
        }
        assertTrue(TestInfrastructure.jdbcUrl("kernel_test").endsWith("/kernel_test" + tail));
    }

    @Test
    void connectReachesTheSuffixedDatabase() throws Exception {
        try (Connection c = TestInfrastructure.connect("kernel_test");
                ResultSet rs = c.createStatement().executeQuery("select current_database()")) {
            rs.next();
            assertEquals(TestInfrastructure.databaseName("kernel_test"), rs.getString(1));
        }
    }

    @Test
    void theTestBrokerIsTheOneKafkaShRecordedForThisCheckout() {
        Assumptions.assumeTrue(
                TestInfrastructure.mode() == InfrastructureMode.LOCAL
                        && System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null,
                "a broker of the checkout's own");
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        var ports = TestInfrastructure.recordedBrokerPorts();
        assertEquals("127.0.0.1:" + ports.get("broker"), bootstrap);
        assertEquals("127.0.0.1:" + ports.get("sasl"), TestInfrastructure.kafkaSaslBootstrapServers());
        assertTrue(TestInfrastructure.portOpen(ports.get("controller")), "the controller listens on its port");
    }
}
