package org.relief.requests.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.requests.support.Requests;

/** A look-alike request is stored and linked to the first, never dropped. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class LikelyDuplicateTest {

    private static Response post(String body) {
        return Requests.partnerOf(body).contentType(ContentType.JSON).body(body).post("/help-requests");
    }

    @Test
    void theSameCompoundAndItemsAreLinkedEvenFromAnotherOrganisationOrSpelling() {
        String community = Requests.fresh("锦业路小区");
        String original = Requests.submit(Requests.supplies(Requests.fresh("org-a"), community, "HIGH"));
        // another organisation, the compound written with spaces and capitals, other quantities and line order
        String spaced = community.toUpperCase().replace("-", " - ");
        String lookAlike =
                """
                {"organisationId":"%s","kind":"SUPPLIES","priority":"CRITICAL","community":"%s","district":" 雁塔区 ",
                 "lines":[{"item":"n95-mask","quantity":50,"unit":"box"},{"item":"protective-suit","quantity":10,"unit":"piece"}]}"""
                        .formatted(Requests.fresh("org-b"), spaced);
        String second = Requests.partnerOf(lookAlike)
                .contentType(ContentType.JSON)
                .body(lookAlike)
                .post("/help-requests")
                .then()
                .statusCode(201)
                .body("likelyDuplicateOf", equalTo(original))
                .extract()
                .path("id");
        String third = Requests.submit(Requests.supplies(Requests.fresh("org-c"), community, "NORMAL"));

        Requests.ops()
                .get("/help-requests/" + original)
                .then()
                .body("request.likelyDuplicateOf", nullValue())
                .body("request.likelyDuplicates", equalTo(List.of(second, third)));
        Requests.ops()
                .get("/help-requests/" + third)
                .then()
                .body("request.likelyDuplicateOf", equalTo(original))
                .body("timeline[0].details.likelyDuplicateOf", equalTo(original));
        String published = Requests.published(second, 1).get(0).value();
        assertTrue(published.contains("\"likelyDuplicateOf\":\"" + original + "\""), published);
    }

    @Test
    void otherItemsKindsCompoundsOrCancelledRequestsAreNotDuplicates() {
        String community = Requests.fresh("小区");
        String firstOrg = Requests.fresh("org");
        String first = Requests.submit(Requests.supplies(firstOrg, community, "HIGH"));
        String otherItems = Requests.supplies(Requests.fresh("org"), community, "HIGH")
                .replace(",{\"item\":\"n95-mask\",\"quantity\":1000,\"unit\":\"piece\"}", "");
        post(otherItems).then().statusCode(201).body("likelyDuplicateOf", nullValue());
        post(Requests.supplies("org", Requests.fresh("小区"), "HIGH"))
                .then()
                .statusCode(201)
                .body("likelyDuplicateOf", nullValue());
        Instant start = Instant.now().plusSeconds(86400);
        post(Requests.ride("org", community, start, start.plusSeconds(600)))
                .then()
                .statusCode(201)
                .body("likelyDuplicateOf", nullValue());

        Requests.partner(firstOrg)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"重复提交\"}")
                .post("/help-requests/" + first + "/cancellation")
                .then()
                .statusCode(200);
        post(Requests.supplies(Requests.fresh("org"), community, "HIGH"))
                .then()
                .statusCode(201)
                .body("likelyDuplicateOf", nullValue());
    }

    @Test
    void ridesMatchOnPassengerAndPickup() {
        String community = Requests.fresh("小区");
        Instant start = Instant.now().plusSeconds(86400);
        String first = Requests.submit(Requests.ride(Requests.fresh("org"), community, start, start.plusSeconds(600)));
        post(Requests.ride(Requests.fresh("org"), community, start.plusSeconds(60), start.plusSeconds(900)))
                .then()
                .statusCode(201)
                .body("likelyDuplicateOf", equalTo(first));
        post(Requests.ride(Requests.fresh("org"), community, start, start.plusSeconds(600))
                        .replace("李同学", "赵同学"))
                .then()
                .statusCode(201)
                .body("likelyDuplicateOf", nullValue());
    }

    /** R4: only open requests count: an expired or fulfilled one is not what a new request duplicates. */
    @Test
    void expiredAndFulfilledRequestsAreNotDuplicatesButAReservedOneIs() {
        String org = Requests.fresh("org");
        String expiredCompound = Requests.fresh("小区");
        String expired = Requests.submit(Requests.supplies(org, expiredCompound, "HIGH"));
        Requests.opened(expired);
        Requests.allocation(expired, "StockPartiallyReserved", 10, 0, "部分");
        Requests.released(expired, "EXPIRED");
        awaitStatus(expired, "EXPIRED");
        post(Requests.supplies(Requests.fresh("org"), expiredCompound, "HIGH"))
                .then()
                .statusCode(201)
                .body("likelyDuplicateOf", nullValue());

        String fulfilledCompound = Requests.fresh("小区");
        String fulfilled = Requests.submit(Requests.supplies(org, fulfilledCompound, "HIGH"));
        Requests.opened(fulfilled);
        Requests.allocation(fulfilled, "StockReserved", 200, 1000, "全部");
        awaitStatus(fulfilled, "RESERVED");
        // still open: a look-alike is linked to it
        String lookAlike = post(Requests.supplies(Requests.fresh("org"), fulfilledCompound, "HIGH"))
                .then()
                .statusCode(201)
                .body("likelyDuplicateOf", equalTo(fulfilled))
                .extract()
                .path("id");
        Requests.partner(org)
                .contentType(ContentType.JSON)
                .body(
                        """
                        {"lines":[{"item":"protective-suit","accepted":200,"rejected":0},{"item":"n95-mask","accepted":1000,"rejected":0}]}""")
                .post("/help-requests/" + fulfilled + "/receipt")
                .then()
                .statusCode(200)
                .body("status", equalTo("FULFILLED"));
        // the fulfilled request no longer counts; the look-alike above is open and now the earliest one
        post(Requests.supplies(Requests.fresh("org"), fulfilledCompound, "HIGH"))
                .then()
                .statusCode(201)
                .body("likelyDuplicateOf", equalTo(lookAlike));
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Requests.details(id).then().body("request.status", equalTo(status)));
    }
}
