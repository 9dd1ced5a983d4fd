package org.relief.inventory.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.inventory.Fixtures;
import org.relief.kernel.testing.RealInfrastructure;

/** GET /stock/ledger: ops read every entry that moved stock, newest first, filtered and paged; nobody else. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class StockLedgerListTest {

    @Test
    void opsReadTheLedgerNewestFirstByItemKindAndDay() {
        String sfx = Fixtures.suffix();
        String item = "ledger-rice-" + sfx;
        Fixtures.item(item, "bag", false);
        String wh = Fixtures.warehouse("灞桥区仓库 " + sfx, "灞桥区");
        String lot = Fixtures.donate(wh, "ledger-donor-" + sfx, item, 100, null)
                .path("lots")
                .get(0)
                .path("lotId")
                .asText();
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "warehouseId", wh, "item", item, "lotId", lot, "delta", -3, "reason", "DAMAGED", "note", "受潮"))
                .post("/stock/adjustments")
                .then()
                .statusCode(201);

        Fixtures.ops()
                .queryParam("item", item)
                .get("/stock/ledger")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.kind", equalTo(List.of("ADJUSTED", "RECEIVED")))
                .body("items.quantity", equalTo(List.of(-3, 100)))
                .body("items[0].warehouseId", equalTo(wh))
                .body("items[0].lotId", equalTo(lot));
        Fixtures.ops()
                .queryParam("item", item)
                .queryParam("kind", "RECEIVED")
                .queryParam("size", 1)
                .get("/stock/ledger")
                .then()
                .body("items.kind", equalTo(List.of("RECEIVED")))
                .header("Link", containsString("rel=\"first\""));
        Fixtures.ops()
                .queryParam("item", item)
                .queryParam("to", "2021-12-24")
                .get("/stock/ledger")
                .then()
                .body("total", equalTo(0));
    }

    @Test
    void onlyOpsReadItAndBadFiltersAreNamed() {
        Fixtures.as("ledger-donor-" + Fixtures.suffix(), "donor")
                .get("/stock/ledger")
                .then()
                .statusCode(403);
        Fixtures.ops()
                .queryParam("kind", "STOLEN")
                .queryParam("from", "yesterday")
                .get("/stock/ledger")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("from", "kind")));
    }
}
