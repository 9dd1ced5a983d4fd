package org.relief.inventory.projection;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.relief.contracts.requests.HelpRequestReceiptConfirmed;
import org.relief.contracts.requests.HelpRequestReceiptConfirmed.ReceivedLine;
import org.relief.inventory.Fixtures;
import org.relief.kernel.testing.ProjectionOps;
import org.relief.kernel.testing.RealInfrastructure;

/** Inventory's read models rebuilt from the event store equal the live ones; damaged rows are found and repaired. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ProjectionRebuildTest {
    static final List<String> ALL = List.of("catalogue", "reservations", "stock");

    @Inject
    DataSource dataSource;

    private static ValidatableResponse post(String projection, String what) {
        return ProjectionOps.call(projection, what);
    }

    private void sql(String sql, String key) throws Exception {
        ProjectionOps.changeOneRow(dataSource, sql, key);
    }

    @Test
    void verifyFindsDamagedRowsAndRebuildRestoresThem() throws Exception {
        Fixtures.ops()
                .get("/ops/projections")
                .then()
                .statusCode(200)
                .body("name", equalTo(ALL))
                .body(
                        "find { it.name == 'stock' }.tables",
                        equalTo(List.of("stock_entry", "quarantine", "stock_position")));
        // the test database outlives runs and may hold views written by older projector versions
        ALL.forEach(p -> post(p, "rebuild"));

        String sfx = Fixtures.suffix();
        String mask = "rebuild-mask-" + sfx;
        Fixtures.item(mask, "piece", false);
        String wh = Fixtures.warehouse("长安仓库 " + sfx, "长安区");
        Fixtures.donate(wh, "xian-charity-foundation", mask, 1010, null);
        String received = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(received, "HIGH", List.of(), "长安区", Instant.now(), mask, 1000));
        Fixtures.published(received, 2);
        Fixtures.publish(
                received,
                HelpRequestReceiptConfirmed.TYPE,
                HelpRequestReceiptConfirmed.VERSION,
                new HelpRequestReceiptConfirmed(
                        received,
                        "community-x",
                        List.of(new ReceivedLine(mask, "piece", new BigDecimal("995"), new BigDecimal("5"), "包装破损")),
                        Instant.now()),
                "community-x");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Fixtures.ops()
                .get("/reservations/" + received)
                .then()
                .statusCode(200)
                .body("lines[0].issued", equalTo(995))
                .body("lines[0].quarantined", equalTo(5)));
        String partial = UUID.randomUUID().toString();
        Fixtures.publishSubmitted(Fixtures.supplies(partial, "NORMAL", List.of(), "长安区", Instant.now(), mask, 100));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Fixtures.ops()
                .get("/reservations/" + partial)
                .then()
                .statusCode(200)
                .body("status", equalTo("PARTIALLY_RESERVED")));

        for (String p : ALL) {
            post(p, "verify")
                    .body("projection", equalTo(p))
                    .body("committed", equalTo(false))
                    .body("equal", equalTo(true));
        }

        String status =
                Fixtures.ops().get("/reservations/" + received).then().extract().path("status");
        sql("update reservation_view set status = 'OPEN' where request_id = ?", received);
        sql("update stock_position set on_hand = on_hand + 7 where item = ?", mask);
        sql("delete from item_view where code = ?", mask);
        post("reservations", "verify").body("equal", equalTo(false)).body("tables[0].equal", equalTo(false));
        post("stock", "verify")
                .body("equal", equalTo(false))
                .body("tables.findAll { !it.equal }.table", equalTo(List.of("stock_position")));
        ValidatableResponse catalogue = post("catalogue", "verify")
                .body("equal", equalTo(false))
                .body("tables.findAll { !it.equal }.table", equalTo(List.of("item_view")));
        int liveItems = catalogue.extract().path("tables[1].liveRows");
        catalogue.body("tables[1].rebuiltRows", equalTo(liveItems + 1));
        // verifying changed nothing
        Fixtures.ops().get("/reservations/" + received).then().body("status", equalTo("OPEN"));

        ALL.forEach(p -> post(p, "rebuild").body("committed", equalTo(true)));
        for (String p : ALL) {
            post(p, "verify").body("equal", equalTo(true));
        }
        Fixtures.ops().get("/reservations/" + received).then().body("status", equalTo(status));
        Fixtures.ops()
                .get("/stock?item=" + mask)
                .then()
                .statusCode(200)
                .body("[0].onHand", equalTo(15))
                .body("[0].quarantined", equalTo(5));
    }

    @Test
    void onlyOpsAndKnownProjections() {
        Fixtures.as("community-x", "partner")
                .post("/ops/projections/stock/rebuild")
                .then()
                .statusCode(403);
        given().post("/ops/projections/stock/verify").then().statusCode(401);
        Fixtures.ops()
                .post("/ops/projections/nothing/rebuild")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
