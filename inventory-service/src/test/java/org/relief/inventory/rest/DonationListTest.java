package org.relief.inventory.rest;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
