package org.relief.inventory.messaging;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.contracts.requests.HelpRequestPriorityCorrected;
import org.relief.inventory.Fixtures;
import org.relief.kernel.testing.RealInfrastructure;

/**
 * Issue 11: HelpRequestPriorityCorrected from requests-service gives a reservation still waiting for stock its new
 * place in the allocation queue, and the next units go by the corrected order.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class PriorityCorrectionTest {
    static final List<String> ALL = List.of("ELDERLY_LIVING_ALONE", "DISABLED", "CHRONIC_ILLNESS", "PREGNANT", "CHILD");

    private static List<String> queue(String... ours) {
        List<String> ids = JsonPath.from(Fixtures.ops()
                        .get("/reservations?status=WAITING")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .getList("requestId");
        List<String> wanted = List.of(ours);
        return ids.stream().filter(wanted::contains).toList();
    }

    @Test
    void aCorrectedPriorityMovesAWaitingReservationInTheQueue() {
        String item = "oxygen-" + Fixtures.suffix();
        Fixtures.item(item, "piece", false);
        String loud = UUID.randomUUID().toString();
        String quiet = UUID.randomUUID().toString();
        Instant t = Instant.now().minusSeconds(60);
        Fixtures.publishSubmitted(Fixtures.supplies(loud, "CRITICAL", ALL, "雁塔区", t, item, 10));
        Fixtures.publishSubmitted(Fixtures.supplies(quiet, "HIGH", List.of(), "雁塔区", t.plusSeconds(1), item, 10));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals(List.of(loud, quiet), queue(loud, quiet)));

        var corrected = new HelpRequestPriorityCorrected(
                loud,
                "community-" + loud.substring(0, 4),
                "CRITICAL",
                "NORMAL",
                ALL,
                List.of("ELDERLY_LIVING_ALONE"),
                "电话核实：只有一位独居老人",
                "ops:li",
                Instant.now());
        Fixtures.publish(
                loud,
                HelpRequestPriorityCorrected.TYPE,
                HelpRequestPriorityCorrected.VERSION,
                corrected,
                corrected.organisationId());
        // a second copy (another CloudEvent id) changes nothing: the reservation already has that priority
        Fixtures.publish(
                loud,
                HelpRequestPriorityCorrected.TYPE,
                HelpRequestPriorityCorrected.VERSION,
                corrected,
                corrected.organisationId());

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals(List.of(quiet, loud), queue(loud, quiet)));
        Fixtures.ops()
                .get("/reservations/" + loud)
                .then()
                .statusCode(200)
                .body("priority", equalTo("NORMAL"))
                .body("vulnerabilities", equalTo(List.of("ELDERLY_LIVING_ALONE")))
                .body("status", equalTo("WAITING"));

        // the next units go by the corrected order: the HIGH request first
        String warehouse = Fixtures.warehouse("仓库-" + Fixtures.suffix(), "雁塔区");
        Fixtures.donate(warehouse, "chamber-" + Fixtures.suffix(), item, 10, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Fixtures.ops()
                .get("/reservations/" + quiet)
                .then()
                .statusCode(200)
                .body("status", equalTo("RESERVED")));
        Fixtures.ops().get("/reservations/" + loud).then().body("status", equalTo("WAITING"));
        // recorded in inventory's own store only: nothing of it is published
        var published = Fixtures.published(loud, 1);
        assertTrue(published.stream().noneMatch(p -> p.type().contains("Priority")), published.toString());
    }

    @Test
    void aCorrectionForAClosedOrUnknownReservationIsIgnored() {
        String unknown = UUID.randomUUID().toString();
        var corrected = new HelpRequestPriorityCorrected(
                unknown, "org-x", "CRITICAL", "NORMAL", List.of(), List.of(), "核实", "ops:li", Instant.now());
        Fixtures.publish(
                unknown, HelpRequestPriorityCorrected.TYPE, HelpRequestPriorityCorrected.VERSION, corrected, "org-x");
        // a later record of the same key is handled after it: nothing was parked
        String marker = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(
                Fixtures.supplies(marker, "NORMAL", List.of(), "长安区", Instant.now(), "nothing-" + marker, 1));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        Fixtures.ops().get("/reservations/" + marker).then().statusCode(200));
        Fixtures.ops().get("/reservations/" + unknown).then().statusCode(404);
        Fixtures.ops()
                .get("/ops/parked-events")
                .then()
                .statusCode(200)
                .body("findAll { it.key == '" + unknown + "' }.size()", equalTo(0));
    }
}
