package org.relief.requests.projection;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.Management;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.requests.support.Requests;

/**
 * The domain metrics move with the saga, read from the Prometheus scrape on the management port: a request reserved
 * by inventory's events counts (and times) the RESERVED stage, one left without stock shows in the requests waiting
 * for stock, and the kernel's gauges (outbox backlog and age, parked events) are exported under their names.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class SagaMetricsTest {
    @Inject
    DataSource dataSource;

    static final String ORG = Requests.fresh("org");
    static final String RESERVED = "relief_saga_stage_seconds_count{kind=\"SUPPLIES\",stage=\"RESERVED\"}";
    static final String WAITING_FOR_STOCK = "relief_requests_waiting{for=\"stock\"}";

    @Test
    void stageCountsAndWaitingGaugesMoveWithTheSaga() {
        double reservedBefore = value(scrape(), RESERVED);
        reservedBefore = Double.isNaN(reservedBefore) ? 0 : reservedBefore; // the timer appears with its first record
        double countBefore = reservedBefore;

        String reserved = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "HIGH"));
        Requests.opened(reserved);
        Requests.allocation(reserved, "StockReserved", 200, 1000, "全部预留");
        String waiting = Requests.submit(Requests.supplies(ORG, Requests.fresh("小区"), "NORMAL"));
        Requests.opened(waiting);
        Requests.allocation(waiting, "StockUnavailable", 0, 0, "无库存，等待下一批捐赠");
        awaitStatus(reserved, "RESERVED");
        awaitStatus(waiting, "WAITING_FOR_STOCK");

        // the stage counter is recorded when the projecting transaction commits; the gauges within their 10 s cache
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = scrape();
            // at least: in a full run the same application serves other test classes, whose requests may reach
            // RESERVED meanwhile
            assertTrue(
                    value(metrics, RESERVED) >= countBefore + 1,
                    () -> "RESERVED stage count in "
                            + Arrays.stream(metrics.split("\n"))
                                    .filter(l -> l.startsWith("relief_"))
                                    .collect(Collectors.joining("\n")));
        });
        // the gauge is the view's count (other test classes' requests move too in a full run, so compare with the
        // table, not with an earlier scrape): equal once its cache has caught up with a quiet moment
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            long truth = waitingForStockInTheView();
            double gauge = value(scrape(), WAITING_FOR_STOCK);
            assertEquals(truth, waitingForStockInTheView(), "the view moved during the scrape");
            assertTrue(truth >= 1, "our request waits for stock");
            assertEquals(truth, gauge, 0.0, "requests waiting for stock");
        });
        String metrics = scrape();
        assertTrue(
                value(metrics, "relief_saga_stage_seconds_sum{kind=\"SUPPLIES\",stage=\"RESERVED\"}") > 0,
                "time from submission to RESERVED is recorded");
        for (String gauge : new String[] {
            "relief_outbox_backlog",
            "relief_outbox_oldest_age_ms",
            "relief_parked_events",
            "relief_requests_overdue",
            "relief_requests_waiting{for=\"vehicle\"}",
            "relief_requests_waiting{for=\"volunteer\"}",
            "relief_requests_open{status=\"RESERVED\"}"
        }) {
            assertTrue(value(metrics, gauge) >= 0, gauge + " is exported");
        }
        assertTrue(value(metrics, "relief_requests_open{status=\"RESERVED\"}") >= 1);
        // what the Kafka clients export (consumer lag for the dashboard and alerts), for the record
        System.out.println(Arrays.stream(metrics.split("\n"))
                .filter(l -> l.startsWith("kafka_consumer") && l.contains("lag"))
                .map(l -> l.replaceAll("\\{.*", ""))
                .distinct()
                .collect(Collectors.joining("\n", "kafka lag metrics:\n", "")));
    }

    private long waitingForStockInTheView() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from help_request_view"
                        + " where status in ('WAITING_FOR_STOCK', 'PARTIALLY_RESERVED')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Requests.partner(ORG)
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("request.status", equalTo(status)));
    }

    static String scrape() {
        return Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** The value of one series (name with its labels as printed, or a bare name for the first series of it); NaN if absent. */
    static double value(String metrics, String series) {
        boolean labelled = series.contains("{");
        for (String line : metrics.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            // name{labels} value [timestamp] [# exemplar]
            int end = line.indexOf('{') >= 0 && line.indexOf('{') < line.indexOf(' ')
                    ? line.indexOf('}') + 1
                    : line.indexOf(' ');
            if (end <= 0) {
                continue;
            }
            String name = line.substring(0, end);
            if (labelled ? sameSeries(name, series) : name.equals(series) || name.startsWith(series + "{")) {
                return Double.parseDouble(line.substring(end).trim().split("\\s+")[0]);
            }
        }
        return Double.NaN;
    }

    /** Same metric name and every label of {@code wanted} present (the scrape may add more, e.g. common tags). */
    private static boolean sameSeries(String printed, String wanted) {
        String wantedName = wanted.substring(0, wanted.indexOf('{'));
        if (!printed.startsWith(wantedName + "{")) {
            return false;
        }
        String labels = printed.substring(printed.indexOf('{') + 1, printed.length() - 1);
        for (String l :
                wanted.substring(wanted.indexOf('{') + 1, wanted.length() - 1).split(",")) {
            if (!Arrays.asList(labels.split(",")).contains(l)) {
                return false;
            }
        }
        return true;
    }
}
