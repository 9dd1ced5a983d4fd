package org.relief.inventory.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relief.inventory.Fixtures;
import org.relief.kernel.testing.RealInfrastructure;

/** The REST API's answers to good and bad input: 201 with Location, 400 naming the field, 404, 409. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class InventoryApiTest {
    static final String VALIDATION = "https://relief-logistics.org/problems/validation";

    @Test
    void warehousesAndItemsAreRegisteredAndReadBackWithChineseIntact() {
        String sfx = Fixtures.suffix();
        String id = Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("name", "雁塔仓库 " + sfx, "district", "雁塔区", "address", "丈八东路 1 号"))
                .post("/warehouses")
                .then()
                .statusCode(201)
                .header("Location", containsString("/warehouses/"))
                .body("name", equalTo("雁塔仓库 " + sfx))
                .extract()
                .path("id");
        Fixtures.ops()
                .get("/warehouses/" + id)
                .then()
                .statusCode(200)
                .body("district", equalTo("雁塔区"))
                .body("address", equalTo("丈八东路 1 号"));
        Fixtures.ops().get("/warehouses").then().statusCode(200).body("id", hasItem(id));

        String code = "kn95-" + sfx;
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        code,
                        "nameZh",
                        "KN95 口罩",
                        "nameEn",
                        "KN95 mask",
                        "category",
                        "PPE",
                        "unit",
                        "piece",
                        "unitWeightKg",
                        0.01,
                        "unitVolumeM3",
                        0.0002,
                        "perishable",
                        false))
                .post("/items")
                .then()
                .statusCode(201)
                .header("Location", containsString("/items/" + code))
                .body("nameZh", equalTo("KN95 口罩"));
        Fixtures.ops()
                .get("/items/" + code)
                .then()
                .statusCode(200)
                .body("category", equalTo("PPE"))
                .body("unit", equalTo("piece"));
        Fixtures.ops().get("/items").then().statusCode(200).body("code", hasItem(code));
        // the code is the identity: taken → 409
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        code,
                        "nameZh",
                        "重复",
                        "nameEn",
                        "dup",
                        "category",
                        "PPE",
                        "unit",
                        "piece",
                        "unitWeightKg",
                        0,
                        "unitVolumeM3",
                        0,
                        "perishable",
                        false))
                .post("/items")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void badCatalogueInputIsRefusedFieldByField() {
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .header("Accept-Language", "zh")
                .body(Map.of("name", "", "district", "雁塔区"))
                .post("/warehouses")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("请求中有字段不合法"))
                .body("errors.field", hasItem("name"));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        "N95 Mask",
                        "nameZh",
                        "口罩",
                        "nameEn",
                        "mask",
                        "category",
                        "WEAPONS",
                        "unit",
                        "piece",
                        "unitWeightKg",
                        -1,
                        "unitVolumeM3",
                        0,
                        "perishable",
                        false))
                .post("/items")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("category"));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        "N95 Mask",
                        "nameZh",
                        "口罩",
                        "nameEn",
                        "mask",
                        "category",
                        "PPE",
                        "unit",
                        "piece",
                        "unitWeightKg",
                        -1,
                        "unitVolumeM3",
                        0,
                        "perishable",
                        false))
                .post("/items")
                .then()
                .statusCode(400)
                .body("type", equalTo(VALIDATION))
                .body("errors.field", hasItems("code", "unitWeightKg"));
    }

    @Test
    void donationsNameTheFieldThatIsWrong() {
        String sfx = Fixtures.suffix();
        String rice = "rice-" + sfx;
        String mask = "mask-" + sfx;
        Fixtures.item(rice, "kg", true);
        Fixtures.item(mask, "piece", false);
        String wh = Fixtures.warehouse("长安仓库 " + sfx, "长安区");
        Map<String, Object> good = Map.of(
                "donorOrganisationId",
                "sme-association",
                "warehouseId",
                wh,
                "lines",
                List.of(Map.of("item", mask, "quantity", 10)));

        // unknown item, missing expiry of a perishable item, unknown warehouse: each names its field, in Chinese if
        // asked
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .header("Accept-Language", "zh")
                .body(Map.of(
                        "donorOrganisationId",
                        "sme-association",
                        "warehouseId",
                        "no-such-warehouse",
                        "lines",
                        List.of(
                                Map.of("item", "no-such-item-" + sfx, "quantity", 5),
                                Map.of("item", rice, "quantity", 100))))
                .post("/donations")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo(VALIDATION))
                .body("title", equalTo("请求中有字段不合法"))
                .body("errors.field", hasItems("warehouseId", "lines[0].item", "lines[1].expiresOn"))
                .body("errors.find { it.field == 'lines[1].expiresOn' }.message", containsString("易腐"));
        // negative quantity and a negative value are plain field validation
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "donorOrganisationId",
                        "sme-association",
                        "warehouseId",
                        wh,
                        "valueYuan",
                        -1,
                        "lines",
                        List.of(Map.of("item", mask, "quantity", -5))))
                .post("/donations")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("lines[0].quantity", "valueYuan"));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("donorOrganisationId", "sme-association", "warehouseId", wh, "lines", List.of()))
                .post("/donations")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("lines"));
        // and a good one is received, with its lots
        String donationId = Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(good)
                .post("/donations")
                .then()
                .statusCode(201)
                .header("Location", containsString("/donations/"))
                .body("lots[0].item", equalTo(mask))
                .body("lots[0].quantity", equalTo(10))
                .extract()
                .path("donationId");
        Fixtures.ops()
                .get("/donations/" + donationId)
                .then()
                .statusCode(200)
                .body("donorOrganisationId", equalTo("sme-association"));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "donorOrganisationId",
                        "sme-association",
                        "warehouseId",
                        wh,
                        "lines",
                        List.of(Map.of("item", rice, "quantity", 100, "expiresOn", "2030-06-30"))))
                .post("/donations")
                .then()
                .statusCode(201)
                .body("lots[0].expiresOn", equalTo("2030-06-30"));
    }

    @Test
    void adjustmentsAndReversalsAppendEntriesAndCannotBreakTheInvariants() {
        String sfx = Fixtures.suffix();
        String gloves = "gloves-" + sfx;
        Fixtures.item(gloves, "box", false);
        String wh = Fixtures.warehouse("新城仓库 " + sfx, "新城区");
        String lotId = Fixtures.donate(wh, "donor", gloves, 30, null)
                .at("/lots/0/lotId")
                .asText();
        Map<String, Object> damaged = Map.of(
                "warehouseId", wh, "item", gloves, "lotId", lotId, "delta", -5, "reason", "DAMAGED", "note", "受潮");

        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(damaged)
                .post("/stock/adjustments")
                .then()
                .statusCode(201)
                .body("onHand", equalTo(25));
        String found = Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("warehouseId", wh, "item", gloves, "lotId", lotId, "delta", 3, "reason", "FOUND"))
                .post("/stock/adjustments")
                .then()
                .statusCode(201)
                .body("onHand", equalTo(28))
                .extract()
                .path("entryId");
        // on hand can never go negative: 409
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("warehouseId", wh, "item", gloves, "lotId", lotId, "delta", -29, "reason", "LOST"))
                .post("/stock/adjustments")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        // a reversal appends the opposite entry, once
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("entryId", found, "reason", "重复录入"))
                .post("/stock/reversals")
                .then()
                .statusCode(201)
                .body("onHand", equalTo(25));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("entryId", found, "reason", "again"))
                .post("/stock/reversals")
                .then()
                .statusCode(409);
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("entryId", "nope", "reason", "x"))
                .post("/stock/reversals")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("entryId"));
        // bad fields
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("warehouseId", wh, "item", gloves, "lotId", lotId, "delta", 0, "reason", "FOUND"))
                .post("/stock/adjustments")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("delta"));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of("warehouseId", wh, "item", gloves, "lotId", "no-lot", "delta", 1, "reason", "FOUND"))
                .post("/stock/adjustments")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("lotId"));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "warehouseId",
                        "nowhere",
                        "item",
                        "nothing-" + sfx,
                        "lotId",
                        lotId,
                        "delta",
                        1,
                        "reason",
                        "FOUND"))
                .post("/stock/adjustments")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("warehouseId", "item"));
        Fixtures.ops()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "warehouseId", wh, "item", gloves, "lotId", lotId, "delta", 1, "reason", "STOLEN_BY_ALIENS"))
                .post("/stock/adjustments")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reason"));
        Fixtures.ops()
                .get("/stock?item=" + gloves + "&warehouseId=" + wh)
                .then()
                .statusCode(200)
                .body("[0].onHand", equalTo(25))
                .body("[0].available", equalTo(25))
                .body("[0].warehouseName", equalTo("新城仓库 " + sfx));
        Fixtures.ops().get("/stock?asOf=yesterday").then().statusCode(400).body("errors.field", hasItem("asOf"));
    }

    @Test
    void unknownIdsAre404ProblemJson() {
        String id = UUID.randomUUID().toString();
        for (String path : List.of(
                "/warehouses/" + id,
                "/items/" + id,
                "/donations/" + id,
                "/reservations/" + id,
                "/stock?item=" + id,
                "/stock?warehouseId=" + id)) {
            Fixtures.ops()
                    .get(path)
                    .then()
                    .statusCode(404)
                    .contentType(startsWith("application/problem+json"))
                    .body("status", equalTo(404));
        }
        Fixtures.ops()
                .get("/reservations?status=SOMETIMES")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("status"));
    }
}
