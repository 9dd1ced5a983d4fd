package org.relief.requests.health;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.Management;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.requests.support.Requests;

/**
 * The broker is unreachable (kafka.bootstrap.servers points at a closed port) while the real database is up: the pod
 * stays ready and live, a partner's write is accepted and waits in the outbox, and only the kafka group is DOWN.
 */
@QuarkusTest
@WithTestResource(BrokerOutageTest.DeadBroker.class)
class BrokerOutageTest {
    /** The real database and test tokens, and a Kafka address where nothing listens. */
    public static class DeadBroker implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(new RealInfrastructure().start());
            config.put("kafka.bootstrap.servers", "127.0.0.1:" + closedPort());
            return config;
        }

        @Override
        public void stop() {}

        private static int closedPort() {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void readyAndTakingWritesIntoTheOutboxWhileTheKafkaGroupIsDown() throws Exception {
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));

        String id = Requests.submit(Requests.supplies(Requests.fresh("outage-org"), "锦业路小区", "HIGH"));
        Requests.details(id).then().statusCode(200).body("request.status", equalTo("SUBMITTED"));

        // the relay has had its chance: for 3 s the records stay committed and waiting for the broker (the request's
        // data key on personal-data.keys.v1 and HelpRequestSubmitted, both keyed by the request)
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> outboxRows(id, false) == 2 && outboxRows(id, true) == 0);

        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", not(hasItem("kafka-broker")));
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        Management.given()
                .get("/q/health/group/kafka")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'kafka-broker' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'outbox-relay' }.data.unpublished", greaterThanOrEqualTo(1));
    }

    private int outboxRows(String requestId, boolean published) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select count(*) from outbox where message_key = ? and (published_at is not null) = ?")) {
            ps.setString(1, requestId);
            ps.setBoolean(2, published);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
