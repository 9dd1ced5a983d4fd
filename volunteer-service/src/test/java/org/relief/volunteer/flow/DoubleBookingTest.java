package org.relief.volunteer.flow;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.tx.Transactions;
import org.relief.volunteer.Fixtures;

/**
 * Twenty calls for one volunteer each, in one window, opened at the same moment from twenty threads, and five free
 * volunteers: exactly five bookings, one per volunteer, no two overlapping, five calls FILLED and fifteen short.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class DoubleBookingTest {
    @Inject
    Transactions transactions;

    long query(String sql, String district) {
        return transactions.inNewTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, district);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void twentyConcurrentCallsAndFiveVolunteersMakeExactlyFiveBookings() throws Exception {
        String district = Fixtures.district();
        String org = "race-org-" + Fixtures.suffix();
        Instant start = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        List<String> volunteers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            volunteers.add(Fixtures.available(
                    org,
                    "志愿者" + i,
                    district,
                    start.minus(1, ChronoUnit.HOURS),
                    start.plus(5, ChronoUnit.HOURS),
                    "loading"));
        }
        int calls = 20;
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            Map<String, Object> body = new HashMap<>();
            body.put("community", "小区 " + i);
            body.put("district", district);
            body.put("needed", 1);
            // windows overlap pairwise, though not all start together
            body.put("windowStart", start.plus(i, ChronoUnit.MINUTES).toString());
            body.put("windowEnd", start.plus(2, ChronoUnit.HOURS).toString());
            results.add(pool.submit(() -> {
                go.await();
                return Fixtures.as("race-community", "partner")
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/calls")
                        .statusCode();
            }));
        }
        long began = System.nanoTime();
        go.countDown();
        for (Future<Integer> r : results) {
            assertEquals(201, r.get(120, TimeUnit.SECONDS));
        }
        System.out.printf(
                "double-booking race: %d concurrent calls opened and staffed in %d ms%n",
                calls, (System.nanoTime() - began) / 1_000_000);
        pool.shutdown();

        assertEquals(
                5,
                query(
                        "select count(*) from volunteer_booking b join volunteer_call_view c on c.id = b.call_id "
                                + "where c.district = ?",
                        district));
        assertEquals(
                5,
                query(
                        "select count(distinct b.volunteer_id) from volunteer_booking b join volunteer_call_view c "
                                + "on c.id = b.call_id where c.district = ?",
                        district));
        assertEquals(
                0,
                query(
                        "select count(*) from volunteer_booking a join volunteer_booking b on a.volunteer_id = "
                                + "b.volunteer_id and a.assignment_id < b.assignment_id and a.period && b.period join volunteer_call_view c "
                                + "on c.id = a.call_id where c.district = ?",
                        district),
                "no volunteer booked twice at once");
        assertEquals(
                5,
                query("select count(*) from volunteer_call_view where district = ? and status = 'FILLED'", district));
        assertEquals(
                15,
                query(
                        "select count(*) from volunteer_call_view where district = ? and status = 'OPEN' and short",
                        district));
        for (String v : volunteers) {
            Fixtures.ops()
                    .get("/volunteers/" + v + "/bookings")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(1));
        }
        assertEquals(
                5,
                query(
                        "select count(*) from volunteer_assignment_view a join volunteer_call_view c on c.id = "
                                + "a.call_id where c.district = ? and a.status = 'OFFERED'",
                        district));
    }
}
