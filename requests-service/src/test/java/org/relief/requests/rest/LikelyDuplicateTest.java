package org.relief.requests.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.requests.support.Requests;

import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A look-alike request is stored and linked to the first, never dropped. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class LikelyDuplicateTest {

    @Test
    void theSameCompoundAndItemsAreLinkedEvenFromAnotherOrganisationOrSpelling() {
        String community = Requests.fresh("锦业路小区");
        String original = Requests.submit(Requests.supplies(Requests.fresh("org-a"), community, "HIGH"));
        // another organisation, the compound written with spaces and capitals, other quantities and line order
        String spaced = community.toUpperCase().replace("-", " - ");
        String lookAlike = """
                {"organisationId":"%s","kind":"SUPPLIES","priority":"CRITICAL","community":"%s","district":" 雁塔区 ",
                 "lines":[{"item":"n95-mask","quantity":50,"unit":"box"},{"item":"protective-suit","quantity":10,"unit":"piece"}]}"""
                .formatted(Requests.fresh("org-b"), spaced);
        String second = given().contentType(ContentType.JSON).body(lookAlike).post("/help-requests")
                .then().statusCode(201).body("likelyDuplicateOf", equalTo(original)).extract().path("id");
        String third = Requests.submit(Requests.supplies(Requests.fresh("org-c"), community, "NORMAL"));

        given().get("/help-requests/" + original).then()
                .body("request.likelyDuplicateOf", nullValue())
                .body("request.likelyDuplicates", equalTo(List.of(second, third)));
        given().get("/help-requests/" + third).then()
                .body("request.likelyDuplicateOf", equalTo(original))
                .body("timeline[0].details.likelyDuplicateOf", equalTo(original));
        String published = Requests.published(second, 1).get(0).value();
        assertTrue(published.contains("\"likelyDuplicateOf\":\"" + original + "\""), published);
    }

    @Test
    void otherItemsKindsCompoundsOrCancelledRequestsAreNotDuplicates() {
        String community = Requests.fresh("小区");
        String first = Requests.submit(Requests.supplies(Requests.fresh("org"), community, "HIGH"));
        String otherItems = Requests.supplies(Requests.fresh("org"), community, "HIGH")
                .replace(",{\"item\":\"n95-mask\",\"quantity\":1000,\"unit\":\"piece\"}", "");
        given().contentType(ContentType.JSON).body(otherItems).post("/help-requests")
                .then().statusCode(201).body("likelyDuplicateOf", nullValue());
        given().contentType(ContentType.JSON).body(Requests.supplies("org", Requests.fresh("小区"), "HIGH")).post("/help-requests")
                .then().statusCode(201).body("likelyDuplicateOf", nullValue());
        Instant start = Instant.now().plusSeconds(86400);
        given().contentType(ContentType.JSON).body(Requests.ride("org", community, start, start.plusSeconds(600))).post("/help-requests")
                .then().statusCode(201).body("likelyDuplicateOf", nullValue());

        given().contentType(ContentType.JSON).body("{\"reason\":\"重复提交\"}").post("/help-requests/" + first + "/cancellation")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(Requests.supplies(Requests.fresh("org"), community, "HIGH")).post("/help-requests")
                .then().statusCode(201).body("likelyDuplicateOf", nullValue());
    }

    @Test
    void ridesMatchOnPassengerAndPickup() {
        String community = Requests.fresh("小区");
        Instant start = Instant.now().plusSeconds(86400);
        String first = Requests.submit(Requests.ride(Requests.fresh("org"), community, start, start.plusSeconds(600)));
        given().contentType(ContentType.JSON).body(Requests.ride(Requests.fresh("org"), community, start.plusSeconds(60), start.plusSeconds(900)))
                .post("/help-requests").then().statusCode(201).body("likelyDuplicateOf", equalTo(first));
        given().contentType(ContentType.JSON).body(Requests.ride(Requests.fresh("org"), community, start, start.plusSeconds(600))
                        .replace("李同学", "赵同学"))
                .post("/help-requests").then().statusCode(201).body("likelyDuplicateOf", nullValue());
    }
}
