package org.relief.kernel.testing;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka and PostgreSQL in containers, for {@code -Ptestcontainers} on machines with Docker: the same broker version
 * and topics as {@code deploy/local/kafka.sh}, the same role and (suffixed) test databases as
 * {@link TestInfrastructure#ensureDatabases} makes. Started once per test JVM; Testcontainers' Ryuk removes them when
 * it ends. Loaded only in {@link InfrastructureMode#CONTAINERS}.
 */
final class ContainerInfrastructure {
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String POSTGRES_IMAGE = "postgres:16.4";
    private static KafkaContainer kafka;
    private static PostgreSQLContainer postgres;

    private ContainerInfrastructure() {}

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            KafkaContainer k = new KafkaContainer(KAFKA_IMAGE).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            k.start();
            createTopics(k.getBootstrapServers());
            kafka = k;
        }
        return kafka.getBootstrapServers();
    }

    static synchronized String host() {
        return postgres().getHost();
    }

    static synchronized int port() {
        return postgres().getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    private static PostgreSQLContainer postgres() {
        if (postgres == null) {
            PostgreSQLContainer p = new PostgreSQLContainer(POSTGRES_IMAGE)
                    .withUsername("postgres")
                    .withPassword("postgres");
            p.start();
            createRoleAndDatabases(p);
            postgres = p;
        }
        return postgres;
    }

    private static void createRoleAndDatabases(PostgreSQLContainer p) {
        String url = "jdbc:postgresql://" + p.getHost() + ":" + p.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
                + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                Statement s = c.createStatement()) {
            s.execute("create role " + TestInfrastructure.DB_USER + " login createdb password '"
                    + TestInfrastructure.DB_PASSWORD + "'");
            // the same (suffixed) names as on a local server, so that tests and services resolve them one way
            for (String logical : TestInfrastructure.TEST_DATABASES) {
                String db = TestInfrastructure.databaseName(logical);
                s.execute("create database " + db + " owner " + TestInfrastructure.DB_USER
                        + " encoding 'UTF8' template template0");
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the PostgreSQL container", e);
        }
    }

    /** The topics of deploy/local/topics.txt, with their partitions. */
    private static void createTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics =
                    Files.readAllLines(TestInfrastructure.projectRoot().resolve("deploy/local/topics.txt")).stream()
                            .map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                            .map(l -> l.split("\\s+"))
                            .map(f -> new NewTopic(f[0], Integer.parseInt(f[1]), (short) 1))
                            .toList();
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the topics in the Kafka container", e);
        }
    }
}
