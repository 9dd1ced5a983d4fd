package org.relief.requests.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.requests.support.Requests;

/** GET /help-requests: filters, paging, newest first, and 400s naming the bad parameter. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class HelpRequestListTest {

    @Test
    void filtersCombineAndPagesAreNewestFirst() {
        String org = Requests.fresh("list-org");
        String district = Requests.fresh("长安区");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String body = Requests.supplies(org, Requests.fresh("小区"), i < 2 ? "CRITICAL" : "NORMAL")
                    .replace("雁塔区", district);
            ids.add(Requests.submit(body));
        }
        Instant now = Instant.now().plus(1, ChronoUnit.DAYS);
        String ride = Requests.submit(Requests.ride(org, Requests.fresh("小区"), now, now.plusSeconds(3600)));
        Requests.partner(org)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"不需要了\"}")
                .post("/help-requests/" + ids.get(4) + "/cancellation")
                .then()
                .statusCode(200);

        List<String> newestFirst = new ArrayList<>(ids);
        newestFirst.add(ride);
        Collections.reverse(newestFirst);

        Requests.partner(org)
                .queryParam("size", 4)
                .get("/help-requests")
                .then()
                .statusCode(200)
                .body("total", equalTo(6))
                .body("page", equalTo(0))
                .body("size", equalTo(4))
                .body("items.id", equalTo(newestFirst.subList(0, 4)))
                // the next page is a link away, with the same filters
                .header("Link", containsString("/help-requests?page=1&size=4>; rel=\"next\""))
                .header("Link", not(containsString("rel=\"prev\"")));
        Requests.partner(org)
                .queryParam("size", 4)
                .queryParam("page", 1)
                .get("/help-requests")
                .then()
                .body("items.id", equalTo(newestFirst.subList(4, 6)))
                .header("Link", containsString("/help-requests?page=0&size=4>; rel=\"prev\""))
                .header("Link", not(containsString("rel=\"next\"")));

        Requests.partner(org)
                .queryParam("priority", "CRITICAL")
                .get("/help-requests")
                .then()
                .body("total", equalTo(2))
                .body("items.id", equalTo(List.of(ids.get(1), ids.get(0))));
        Requests.partner(org)
                .queryParam("kind", "RIDE")
                .get("/help-requests")
                .then()
                .body("items.id", equalTo(List.of(ride)));
        Requests.partner(org)
                .queryParam("status", "CANCELLED")
                .get("/help-requests")
                .then()
                .body("items.id", equalTo(List.of(ids.get(4))));
        Requests.partner(org)
                .queryParam("status", "SUBMITTED")
                .queryParam("kind", "SUPPLIES")
                .get("/help-requests")
                .then()
                .body("total", equalTo(4));
        // district ignores case and spaces, like the duplicate check
        Requests.ops()
                .queryParam("district", " " + district + " ")
                .get("/help-requests")
                .then()
                .body("total", equalTo(5))
                .body("items.district", hasItem(district));
        Requests.partner(org)
                .queryParam("overdue", "true")
                .get("/help-requests")
                .then()
                .body("total", equalTo(0));
        Requests.partner(org)
                .queryParam("overdue", "false")
                .get("/help-requests")
                .then()
                .body("total", equalTo(6));

        // a date alone is a day in the platform's local zone (Asia/Shanghai), not a UTC day
        String today =
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        Requests.partner(org)
                .queryParam("submittedFrom", today)
                .queryParam("submittedTo", today)
                .get("/help-requests")
                .then()
                .body("total", equalTo(6));
        Requests.partner(org)
                .queryParam("submittedTo", "2021-12-24T00:00:00Z")
                .get("/help-requests")
                .then()
                .body("total", equalTo(0));
        Requests.partner(org)
                .queryParam("submittedFrom", Instant.now().plusSeconds(60).toString())
                .get("/help-requests")
                .then()
                .body("total", equalTo(0))
                .body("items", hasSize(0));
    }

    /** A partner that polls passes the last updatedAt it saw: it gets what changed since, oldest change first. */
    @Test
    void updatedSinceListsWhatChangedSinceOldestChangeFirst() {
        String org = Requests.fresh("poll-org");
        String first = Requests.submit(Requests.supplies(org, Requests.fresh("小区"), "NORMAL"));
        String second = Requests.submit(Requests.supplies(org, Requests.fresh("小区"), "NORMAL"));
        String cancelledAt = Requests.partner(org)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"不需要了\"}")
                .post("/help-requests/" + first + "/cancellation")
                .then()
                .statusCode(200)
                .extract()
                .path("updatedAt");

        Requests.partner(org)
                .queryParam("updatedSince", "2021-12-24")
                .get("/help-requests")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(second, first)));
        Requests.partner(org)
                .queryParam("updatedSince", cancelledAt)
                .get("/help-requests")
                .then()
                .body("items.id", equalTo(List.of(first)));
        Requests.partner(org)
                .queryParam("updatedSince", Instant.now().plusSeconds(60).toString())
                .get("/help-requests")
                .then()
                .body("total", equalTo(0));
        Requests.partner(org)
                .queryParam("updatedSince", "yesterday")
                .get("/help-requests")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("updatedSince")));
    }

    @Test
    void badParametersAre400sNamingTheParameter() {
        Requests.partner("list-org")
                .queryParam("size", 201)
                .get("/help-requests")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", equalTo(List.of("size")));
        Requests.partner("list-org")
                .queryParam("size", 0)
                .queryParam("page", -1)
                .get("/help-requests")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("page", "size")));
        Requests.partner("list-org")
                .queryParam("status", "LOST")
                .queryParam("priority", "URGENT")
                .queryParam("kind", "TAXI")
                .queryParam("overdue", "maybe")
                .queryParam("submittedFrom", "yesterday")
                .get("/help-requests")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("kind", "overdue", "priority", "status", "submittedFrom")));
        Requests.partner("list-org")
                .queryParam("submittedTo", "2021-13-45")
                .get("/help-requests")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://relief-logistics.org/problems/rule-violation"));
        Requests.partner("list-org")
                .queryParam("size", 200)
                .get("/help-requests")
                .then()
                .statusCode(200)
                .body("size", equalTo(200));
    }

    @Test
    void theOpenApiDocumentDescribesEveryOperation() {
        org.relief.kernel.testing.Management.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.'/help-requests'.get.parameters.name", hasItem("submittedFrom"))
                .body("paths.'/help-requests'.post.parameters.name", hasItem("Idempotency-Key"))
                .body(
                        "paths.'/help-requests'.post.requestBody.content.'application/json'.examples.zh.summary",
                        org.hamcrest.Matchers.containsString("物资求助"))
                .body(
                        "paths.'/help-requests'.post.requestBody.content.'application/json'.examples.en.value",
                        org.hamcrest.Matchers.notNullValue())
                .body(
                        "paths.'/help-requests'.post.requestBody.content.'application/json'.schema.$ref",
                        org.hamcrest.Matchers.endsWith("SubmitHelpRequest"))
                .body(
                        "paths.'/help-requests/{id}/cancellation'.post.responses.'409'.description",
                        startsWith("Already"))
                .body("paths.'/help-requests/{id}/receipt'.post.requestBody", org.hamcrest.Matchers.notNullValue())
                .body(
                        "components.schemas.SubmitHelpRequest.properties.ride.$ref",
                        org.hamcrest.Matchers.endsWith("RideRequest"));
    }

    /** The Chinese and English examples in the document are requests a partner can submit as they are. */
    @Test
    void theOpenApiExamplesAreAccepted() {
        for (String language : List.of("zh", "en")) {
            Object example = org.relief.kernel.testing.Management.given()
                    .get("/q/openapi?format=json")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("paths.'/help-requests'.post.requestBody.content.'application/json'.examples." + language
                            + ".value");
            Requests.partner(Requests.fresh("example-org"))
                    .contentType(ContentType.JSON)
                    .body(example)
                    .post("/help-requests")
                    .then()
                    .statusCode(201)
                    .body("status", equalTo("SUBMITTED"));
        }
    }
}
