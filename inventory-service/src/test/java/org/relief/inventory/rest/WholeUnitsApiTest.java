package org.relief.inventory.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relief.inventory.Fixtures;
import org.relief.kernel.testing.RealInfrastructure;

/**
 * Issue 11: "whole numbers where the unit is counted". A fractional quantity of an item the catalogue counts in whole
 * units (box, piece, ...) is refused with 400 naming the field, in English or Chinese; a measured unit (kg) takes it.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class WholeUnitsApiTest {
    static final String PROBLEM = "application/problem+json";

    @Test
    void aDonationOfTwoAndAHalfBoxesIsRefusedNamingTheLineQuantityInEnglishAndChinese() {
        String sfx = Fixtures.suffix();
        String gloves = "gloves-" + sfx;
        String flour = "flour-" + sfx;
        Fixtures.item(gloves, "box", false);
        Fixtures.item(flour, "kg", false);
        String wh = Fixtures.warehouse("临潼仓库 " + sfx, "临潼区");
        Map<String, Object> body = Map.of(
                "donorOrganisationId",
                "whole-donor-" + sfx,
                "warehouseId",
                wh,
                "lines",
                List.of(Map.of("item", flour, "quantity", 12.5), Map.of("item", gloves, "quantity", 2.5)));

        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/donations")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://relief-logistics.org/problems/validation"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("lines[1].quantity"))
                .body(
                        "errors[0].message",
                        equalTo(gloves + " is counted in whole units (box): the quantity must be a "
                                + "whole number, not 2.5"));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .header("Accept-Language", "zh-CN,zh;q=0.9")
                .body(body)
                .post("/donations")
                .then()
                .statusCode(400)
                .header("Content-Language", "zh")
                .body("errors[0].field", equalTo("lines[1].quantity"))
                .body("errors[0].message", equalTo("物资 " + gloves + " 按整数单位（box）计数：数量必须是整数，不能是 2.5"));
        // nothing was received
        Fixtures.ops().get("/stock?item=" + gloves).then().statusCode(200).body("$", hasSize(0));

        // whole boxes (written 3.0 too) and half a kilo of flour are fine
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "donorOrganisationId",
                        "whole-donor-" + sfx,
                        "warehouseId",
                        wh,
                        "lines",
                        List.of(Map.of("item", flour, "quantity", 12.5), Map.of("item", gloves, "quantity", 3.0))))
                .post("/donations")
                .then()
                .statusCode(201);
    }

    @Test
    void aStockAdjustmentOfHalfABoxIsRefusedNamingDelta() {
        String sfx = Fixtures.suffix();
        String gloves = "gloves-" + sfx;
        Fixtures.item(gloves, "box", false);
        String wh = Fixtures.warehouse("高陵仓库 " + sfx, "高陵区");
        String lotId = Fixtures.donate(wh, "whole-donor-" + sfx, gloves, 10, null)
                .at("/lots/0/lotId")
                .asText();
        Map<String, Object> body =
                Map.of("warehouseId", wh, "item", gloves, "lotId", lotId, "delta", -1.5, "reason", "DAMAGED");

        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/stock/adjustments")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("errors[0].field", equalTo("delta"))
                .body(
                        "errors[0].message",
                        equalTo(gloves + " is counted in whole units (box): the quantity must be a "
                                + "whole number, not -1.5"));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .header("Accept-Language", "zh")
                .body(body)
                .post("/stock/adjustments")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("delta"))
                .body("errors[0].message", equalTo("物资 " + gloves + " 按整数单位（box）计数：数量必须是整数，不能是 -1.5"));
        Fixtures.ops().get("/stock?item=" + gloves).then().statusCode(200).body("[0].onHand", equalTo(10));

        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("warehouseId", wh, "item", gloves, "lotId", lotId, "delta", -2, "reason", "DAMAGED"))
                .post("/stock/adjustments")
                .then()
                .statusCode(201)
                .body("onHand", equalTo(8));
    }
}
