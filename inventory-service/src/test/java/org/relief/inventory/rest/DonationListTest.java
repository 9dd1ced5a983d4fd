package org.relief.inventory.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.inventory.Fixtures;
import org.relief.kernel.testing.RealInfrastructure;

/** GET /donations: a donor reads its own donations, newest first, filtered and paged; nobody else's. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class DonationListTest {

    @Test
    void aDonorListsItsOwnDonationsNewestFirst() {
        String sfx = Fixtures.suffix();
        String donor = "list-donor-" + sfx;
        String item = "list-rice-" + sfx;
        Fixtures.item(item, "bag", false);
        String wh = Fixtures.warehouse("长安区仓库 " + sfx, "长安区");
        String first =
                Fixtures.donate(wh, donor, item, 10, null).path("donationId").asText();
        String second =
                Fixtures.donate(wh, donor, item, 20, null).path("donationId").asText();
        String others = Fixtures.donate(wh, "other-donor-" + sfx, item, 30, null)
                .path("donationId")
                .asText();

        Fixtures.as(donor, "donor")
                .get("/donations")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.donationId", equalTo(List.of(second, first)))
                .body("items[0].lots[0].quantity", equalTo(20));
        Fixtures.as(donor, "donor")
                .queryParam("size", 1)
                .queryParam("page", 1)
                .get("/donations")
                .then()
                .body("items.donationId", equalTo(List.of(first)));
        // a date alone is today in the platform's zone (Asia/Shanghai)
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        Fixtures.as(donor, "donor")
                .queryParam("receivedFrom", today)
                .queryParam("receivedTo", today)
                .queryParam("warehouseId", wh)
                .get("/donations")
                .then()
                .body("total", equalTo(2));
        Fixtures.as(donor, "donor")
                .queryParam("receivedTo", "2021-12-24")
                .get("/donations")
                .then()
                .body("total", equalTo(0));
        // ops see any donor's, and may filter by one
        Fixtures.ops()
                .queryParam("donorOrganisationId", "other-donor-" + sfx)
                .get("/donations")
                .then()
                .body("items.donationId", equalTo(List.of(others)));

        // the donor's record as a sheet: one row per lot, its own donations only, Chinese readable in Excel
        String csv = new String(
                Fixtures.as(donor, "donor")
                        .get("/donations/export")
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/csv"))
                        .header("Content-Disposition", containsString("filename=\"donations-"))
                        .extract()
                        .asByteArray(),
                StandardCharsets.UTF_8);
        List<String> lines = csv.substring(1).lines().toList();
        assertEquals('\uFEFF', csv.charAt(0));
        assertEquals(
                "donation_id,donor_organisation_id,warehouse_id,received_at,value_yuan,item,quantity,lot_code,"
                        + "expires_on,note",
                lines.get(0));
        assertEquals(3, lines.size(), csv);
        assertTrue(lines.get(1).startsWith(second + "," + donor + "," + wh + "," + today + " "), lines.get(1));
        assertTrue(lines.get(1).contains("," + item + ",20,"), lines.get(1));
        assertTrue(lines.get(2).startsWith(first + ","), lines.get(2));
        assertFalse(csv.contains(others), "nobody else's donations");
    }

    @Test
    void anotherDonorsListAndBadFiltersAreRefused() {
        Fixtures.as("list-donor-" + Fixtures.suffix(), "donor")
                .queryParam("donorOrganisationId", "someone-else")
                .get("/donations")
                .then()
                .statusCode(403);
        Fixtures.as("some-partner", "partner").get("/donations").then().statusCode(403);
        Fixtures.as("list-donor-" + Fixtures.suffix(), "donor")
                .header("Accept-Language", "zh")
                .queryParam("receivedFrom", "yesterday")
                .queryParam("size", 500)
                .get("/donations")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("receivedFrom", "size")))
                // the list parameters' messages come from the kernel's bundle, in the caller's language
                .body("errors.find { it.field == 'size' }.message", equalTo("必须是 1 到 200 之间的整数"));
    }
}
