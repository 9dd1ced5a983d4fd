package org.relief.requests.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.requests.support.Requests;

/** The three shapes of request, their field validation and Chinese text, over REST with the real database. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class HelpRequestKindsTest {
    static final String ORG = Requests.fresh("kinds-org");
    private final Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private final Instant end = start.plus(2, ChronoUnit.HOURS);

    private static RequestSpecification partner() {
        return Requests.partner(ORG);
    }

    @Test
    void aRideRequestIsStoredWithItsDetailsAndPublishedAsHelpRequestSubmittedV2() {
        String id = partner()
                .contentType(ContentType.JSON)
                .body(Requests.ride(ORG, Requests.fresh("小区"), start, end))
                .when()
                .post("/help-requests")
                .then()
                .statusCode(201)
                .body("kind", equalTo("RIDE"))
                .body("status", equalTo("SUBMITTED"))
                .body("ride.passengerName", equalTo("李同学"))
                .body("ride.windowStart", equalTo(start.toString()))
                .body("ride.accessibility", equalTo(List.of("WHEELCHAIR", "ESCORT")))
                .body("lines", equalTo(List.of()))
                .body("progressDeadline", startsWith("20"))
                .body("overdue", equalTo(false))
                .extract()
                .path("id");
        partner()
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("request.note", equalTo("考研考生，需一对一接送"))
                // read back from the view's jsonb column, not the instance the POST returned
                .body("request.ride.windowStart", equalTo(start.toString()))
                .body("request.ride.windowEnd", equalTo(end.toString()))
                .body("request.ride.pickupDistrict", equalTo("雁塔区"))
                .body("timeline[0].details.ride.dropoffAddress", equalTo("西安交通大学考点"));

        ConsumerRecord<String, String> published = Requests.published(id, 1).get(0);
        assertEquals("HelpRequestSubmitted", CloudEvents.last(published.headers(), CloudEvents.TYPE));
        assertEquals("2", CloudEvents.last(published.headers(), CloudEvents.SCHEMA_VERSION));
        assertTrue(published.value().contains("\"kind\":\"RIDE\""), published.value());
        assertTrue(published.value().contains("\"accessibility\":[\"WHEELCHAIR\",\"ESCORT\"]"), published.value());
        assertTrue(published.value().contains("\"likelyDuplicateOf\":null"), published.value());
    }

    @Test
    void aCareRequestKeepsItsNeedSkillAndVulnerabilities() {
        String id = partner()
                .contentType(ContentType.JSON)
                .body(Requests.care(ORG, Requests.fresh("小区"), start, end))
                .when()
                .post("/help-requests")
                .then()
                .statusCode(201)
                .body("kind", equalTo("CARE"))
                .body("care.need", equalTo("ELDERLY_CARE"))
                .body("care.skill", equalTo("elderly-care"))
                .body("care.personName", equalTo("张奶奶"))
                .body("vulnerabilities", equalTo(List.of("ELDERLY_LIVING_ALONE", "CHRONIC_ILLNESS")))
                .extract()
                .path("id");
        String value = Requests.published(id, 1).get(0).value();
        assertTrue(value.contains("\"kind\":\"CARE\"") && value.contains("\"need\":\"ELDERLY_CARE\""), value);
        // a care request has nothing to receive
        partner()
                .contentType(ContentType.JSON)
                .body("{\"lines\":[{\"item\":\"x\",\"accepted\":1,\"rejected\":0}]}")
                .post("/help-requests/" + id + "/receipt")
                .then()
                .statusCode(409);
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsA400NamingTheField() {
        partner()
                .contentType(ContentType.JSON)
                .body(Requests.ride(ORG, "c", end, start))
                .when()
                .post("/help-requests")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://relief-logistics.org/problems/validation"))
                .body("errors.field", equalTo(List.of("ride.windowStart")))
                .body("errors[0].message", equalTo("must be before windowEnd"));
        partner()
                .contentType(ContentType.JSON)
                .header("Accept-Language", "zh")
                .body(Requests.care(ORG, "c", end, start))
                .when()
                .post("/help-requests")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("care.windowStart")))
                .body("errors[0].message", equalTo("必须早于 windowEnd"));
    }

    @Test
    void thePartsMustMatchTheKind() {
        // a ride body declared as supplies: lines missing, ride not allowed
        partner()
                .contentType(ContentType.JSON)
                .body(Requests.ride(ORG, "c", start, end).replace("\"RIDE\"", "\"SUPPLIES\""))
                .when()
                .post("/help-requests")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("lines", "ride")));
        // supplies body declared as care: care missing, lines not allowed
        partner()
                .contentType(ContentType.JSON)
                .header("Accept-Language", "zh")
                .body(Requests.supplies(ORG, "c", "HIGH").replace("\"SUPPLIES\"", "\"CARE\""))
                .when()
                .post("/help-requests")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("care", "lines")))
                .body("errors.message", hasItem("此类型的求助不能填写此项"));
        // nested fields of a ride are validated and named with their path
        partner()
                .contentType(ContentType.JSON)
                .body(Requests.ride(ORG, "c", start, end)
                        .replace("\"13800000000\"", "\"call me\"")
                        .replace("\"WHEELCHAIR\"", "\"JETPACK\""))
                .when()
                .post("/help-requests")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("ride.accessibility[0]"));
        partner()
                .contentType(ContentType.JSON)
                .body(Requests.ride(ORG, "c", start, end)
                        .replace("\"13800000000\"", "\"call me\"")
                        .replace("\"李同学\"", "\"\""))
                .when()
                .post("/help-requests")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("ride.passengerName", "ride.passengerPhone")));
        partner()
                .contentType(ContentType.JSON)
                .body(Requests.supplies(ORG, "c", "HIGH").replace("\"ELDERLY_LIVING_ALONE\"", "\"ALIEN\""))
                .when()
                .post("/help-requests")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("vulnerabilities[0]"));
        partner()
                .contentType(ContentType.JSON)
                .body(Requests.supplies(ORG, "c", "HIGH").replace("\"quantity\":200", "\"quantity\":10000001"))
                .when()
                .post("/help-requests")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("lines[0].quantity")));
    }

    @Test
    void aSuppliesRequestWithoutKindIsStillAcceptedAsV1ClientsSendIt() {
        String body =
                """
                {"organisationId":"%s","priority":"NORMAL","community":"%s","district":"碑林区",
                 "lines":[{"item":"rice","quantity":50,"unit":"kg"}]}"""
                        .formatted(ORG, Requests.fresh("小区"));
        partner()
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/help-requests")
                .then()
                .statusCode(201)
                .body("kind", equalTo("SUPPLIES"))
                .body("vulnerabilities", equalTo(List.of()));
    }

    @Test
    void chineseAndEmojiTextRoundTripsExactly() {
        String note = "我们小区有残疾人请求帮助：轮椅 ♿，需要送到 5 号楼 2 单元 😷「急」";
        String community = Requests.fresh("雁塔区丈八街道 锦业路小区");
        String body = Requests.supplies(ORG, community, "CRITICAL").replace("我们社区缺少防护服", note);
        String id = partner()
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/help-requests")
                .then()
                .statusCode(201)
                .body("note", equalTo(note))
                .extract()
                .path("id");
        partner()
                .get("/help-requests/" + id)
                .then()
                .body("request.note", equalTo(note))
                .body("request.community", equalTo(community))
                .body("request.contactName", equalTo("王女士"))
                .body("timeline[0].details.note", equalTo(note));
        partner()
                .queryParam("district", "雁塔区")
                .queryParam("priority", "CRITICAL")
                .get("/help-requests")
                .then()
                .statusCode(200)
                .body("items.note", hasItem(note))
                .body("items.note", not(hasItem("")));
        assertTrue(Requests.published(id, 1).get(0).value().contains(community));
    }
}
