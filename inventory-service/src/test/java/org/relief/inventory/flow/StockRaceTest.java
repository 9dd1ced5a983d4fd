package org.relief.inventory.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.inventory.Fixtures;
import org.relief.inventory.domain.LotPosition;
import org.relief.inventory.domain.StockItem;
import org.relief.inventory.domain.StockItemEvent;
import org.relief.inventory.messaging.RequestsEventsConsumer;
import org.relief.inventory.service.ReservationService;
import org.relief.inventory.service.StockLedger;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.tx.Transactions;

/**
 * 200 requests for one unit each race for 100 units on hand, from 200 threads at once (each its own transaction, as
 * partitions consumed by different instances would be), while a donation of 50 more lands in between. Exactly what
 * is on hand is reserved (150): no unit twice, no lot negative, reserved never above on hand.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class StockRaceTest {
    @Inject
    ReservationService reservations;

    @Inject
    Transactions transactions;

    @Inject
    StockLedger ledger;

    @Test
    void twoHundredConcurrentRequestsForOneHundredUnitsAndALateDonationNeverOversell() throws Exception {
        String item = "race-mask-" + Fixtures.suffix();
        Fixtures.item(item, "piece", false);
        String warehouse = Fixtures.warehouse("碑林仓库 " + item, "碑林区");
        Fixtures.donate(warehouse, "race-donor", item, 60, null, item, 40, "2031-01-01");

        int threads = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        // the late donation waits for a quarter of the requests to be taken on: it lands in the middle of the race
        CountDownLatch quarterTakenOn = new CountDownLatch(threads / 4);
        List<Future<?>> futures = new ArrayList<>();
        List<String> requestIds = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < threads; i++) {
            String requestId = UUID.randomUUID().toString();
            requestIds.add(requestId);
            HelpRequestSubmitted s = Fixtures.supplies(
                    requestId, i % 2 == 0 ? "HIGH" : "NORMAL", List.of(), "碑林区", Instant.now(), item, 1);
            futures.add(pool.submit(() -> {
                start.await();
                transactions.inNewTransaction(c -> {
                    reservations.takeOn(
                            c,
                            RequestsEventsConsumer.suppliesRequest(s),
                            EventContext.command(requestId, "test", s.organisationId()));
                    return null;
                });
                quarterTakenOn.countDown();
                return null;
            }));
        }
        // a donation of 50 more lands in the middle of the race and is allocated to whoever waits by then
        futures.add(pool.submit(() -> {
            start.await();
            quarterTakenOn.await();
            return Fixtures.donate(warehouse, "late-donor", item, 50, null);
        }));
        start.countDown();
        for (Future<?> f : futures) {
            f.get(3, TimeUnit.MINUTES); // any failure in a racing transaction fails the test
        }
        pool.shutdown();

        JsonPath stock = Fixtures.ops()
                .get("/stock?item=" + item + "&byLot=true")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(150, stock.getInt("[0].onHand"));
        assertEquals(150, stock.getInt("[0].reserved"));
        assertEquals(0, stock.getInt("[0].available"));

        List<String> statuses = new ArrayList<>();
        for (String id : requestIds) {
            statuses.add(Fixtures.ops()
                    .get("/reservations/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("status"));
        }
        assertEquals(150, Collections.frequency(statuses, "RESERVED"));
        assertEquals(50, Collections.frequency(statuses, "WAITING"));

        // the ledger itself: every request holds at most its one unit, 100 in all, and each lot balances
        transactions.inNewTransaction(c -> {
            StockItem s = ledger.load(c, item);
            BigDecimal held = BigDecimal.ZERO;
            for (String id : requestIds) {
                BigDecimal mine = s.heldFor(id).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                assertTrue(mine.compareTo(BigDecimal.ONE) <= 0, "request " + id + " holds " + mine);
                held = held.add(mine);
            }
            assertEquals(0, held.compareTo(new BigDecimal("150")));
            for (LotPosition p : s.positions()) {
                assertEquals(0, p.available().signum(), "lot " + p.lotId() + " is used up exactly");
                assertTrue(p.reserved().compareTo(p.onHand()) <= 0);
            }
            Map<String, Integer> reservedEntries = new HashMap<>();
            for (var e : ledger.history(c, item)) {
                if (ledger.decode(e) instanceof StockItemEvent.Reserved r) {
                    reservedEntries.merge(r.requestId(), 1, Integer::sum);
                }
            }
            assertEquals(150, reservedEntries.size());
            assertTrue(reservedEntries.values().stream().allMatch(n -> n == 1), "no request reserved twice");
            try (PreparedStatement ps = c.prepareStatement("select count(*) from stock_position where item = ? "
                    + "and (on_hand < 0 or reserved > on_hand)")) {
                ps.setString(1, item);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(0, rs.getInt(1));
                }
            }
            return null;
        });
    }
}
