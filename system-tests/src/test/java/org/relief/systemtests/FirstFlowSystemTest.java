package org.relief.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.TestInfrastructure;
import org.relief.kernel.testing.TestTokens;

/**
 * requests-service and inventory-service as two separate processes on the same real broker, each with its own
 * PostgreSQL database, driven through REST only.
 */
class FirstFlowSystemTest {
    static ServiceProcess requests;
    static ServiceProcess inventory;

    static Map<String, String> config(String database) {
        return ServiceProcess.freshConfig(database);
    }

    @BeforeAll
    static void startServices() throws Exception {
        TestInfrastructure.ensureDatabases();
        ConsumerGroups.startAtTheEnd();
        requests = new ServiceProcess("requests-service", config("requests_system")).start();
        inventory = new ServiceProcess("inventory-service", config("inventory_system")).start();
        requests.awaitReady(Duration.ofSeconds(120));
        inventory.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopServices() throws Exception {
        ServiceProcess.closeAll(requests, inventory);
    }

    static final String PARTNER = TestTokens.token("beilin-social-work", "partner");
    static final String OPS = TestTokens.token(null, "ops");

    /** A catalogued item without stock (a line that is not in the catalogue is rejected at once, issue 10 path 5). */
    private String cataloguedItem() {
        String item = "n95-mask-" + UUID.randomUUID();
        given().baseUri(inventory.baseUri())
                .auth()
                .oauth2(OPS)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        item,
                        "nameZh",
                        "N95 口罩",
                        "nameEn",
                        "N95 mask",
                        "category",
                        "PPE",
                        "unit",
                        "piece",
                        "unitWeightKg",
                        0.01,
                        "unitVolumeM3",
                        0.0001,
                        "perishable",
                        false))
                .post("/items")
                .then()
                .statusCode(201);
        return item;
    }

    private String submit(String community, String item) {
        return given().baseUri(requests.baseUri())
                .auth()
                .oauth2(PARTNER)
                .contentType(ContentType.JSON)
                .body(
                        """
                        {"organisationId":"beilin-social-work","priority":"HIGH","community":"%s","district":"碑林区",
                         "lines":[{"item":"%s","quantity":1000,"unit":"piece"}],"note":"我们家生活物资用完了"}"""
                                .formatted(community, item))
                .when()
                .post("/help-requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** No stock of the item exists in this run: inventory takes the request on and puts it in the waiting queue. */
    private void awaitWaitingForStock(String id) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(requests.baseUri())
                .auth()
                .oauth2(PARTNER)
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("request.status", equalTo("WAITING_FOR_STOCK"))
                .body("timeline", hasSize(3))
                .body("timeline.event", equalTo(List.of("Submitted", "ReservationOpened", "StockAllocated")))
                .body("timeline[0].actor", equalTo("beilin-social-work/beilin-social-work-partner"))
                .body("timeline[1].actor", equalTo("inventory-service")));
        given().baseUri(inventory.baseUri())
                .auth()
                .oauth2(OPS)
                .get("/reservations/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("WAITING"))
                .body("district", equalTo("碑林区"));
    }

    /**
     * A partner's own code, written against the Java clients generated from docs/openapi (module partner-client), not
     * against this project's classes: it looks the item up in the catalogue, submits, follows the request until
     * inventory has answered, polls for what changed, and gets the API's problem+json as an exception.
     */
    @Test
    void aPartnersGeneratedClientLooksUpSubmitsFollowsAndPolls() throws Exception {
        String code = cataloguedItem();
        java.util.function.Consumer<java.net.http.HttpRequest.Builder> signedIn =
                b -> b.header("Authorization", "Bearer " + PARTNER).header("Accept-Language", "zh");
        var inventoryClient = new org.relief.client.inventory.ApiClient().setRequestInterceptor(signedIn);
        inventoryClient.updateBaseUri(inventory.baseUri());
        var catalogue = new org.relief.client.inventory.api.ItemCatalogueApi(inventoryClient);
        org.relief.client.inventory.model.Item item = catalogue.itemGet(code);
        assertEquals("N95 口罩", item.getNameZh());

        var client = new org.relief.client.requests.ApiClient().setRequestInterceptor(signedIn);
        client.updateBaseUri(requests.baseUri());
        var api = new org.relief.client.requests.api.HelpRequestsApi(client);
        String since = java.time.Instant.now().minusSeconds(1).toString();
        org.relief.client.requests.model.HelpRequestView submitted = api.helpRequestSubmit(
                new org.relief.client.requests.model.SubmitHelpRequest()
                        .kind(org.relief.client.requests.model.RequestKind.SUPPLIES)
                        .priority(org.relief.client.requests.model.Priority.CRITICAL)
                        .community("东关南街小区")
                        .district("碑林区")
                        .note("独居老人多，口罩告急")
                        .lines(List.of(new org.relief.client.requests.model.RequestedLine()
                                .item(item.getCode())
                                .quantity(new java.math.BigDecimal("500"))
                                .unit(item.getUnit()))),
                UUID.randomUUID().toString());
        assertEquals(org.relief.client.requests.model.RequestStatus.SUBMITTED, submitted.getStatus());
        String id = submitted.getId();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.helpRequestGet(id).getRequest().getStatus()
                        == org.relief.client.requests.model.RequestStatus.WAITING_FOR_STOCK);
        org.relief.client.requests.model.HelpRequestDetails followed = api.helpRequestGet(id);
        assertEquals(Boolean.TRUE, followed.getRequest().getWaitingForStock());
        assertEquals(
                List.of("Submitted", "ReservationOpened", "StockAllocated"),
                followed.getTimeline().stream()
                        .map(org.relief.client.requests.model.TimelineEntry::getEvent)
                        .toList());

        org.relief.client.requests.model.HelpRequestPage changed =
                api.helpRequestList(null, null, null, null, null, null, null, null, null, null, since);
        assertTrue(
                changed.getItems().stream().anyMatch(r -> r.getId().equals(id)),
                "updatedSince lists the request that changed");

        var unknown = org.junit.jupiter.api.Assertions.assertThrows(
                org.relief.client.requests.ApiException.class,
                () -> api.helpRequestGet(UUID.randomUUID().toString()));
        assertEquals(404, unknown.getCode());
        assertTrue(unknown.getResponseBody().contains("/problems/not-found"), unknown.getResponseBody());
    }

    @Test
    void aRequestCrossesToInventoryAndItsAnswerComesBackOnTheTimeline() {
        awaitWaitingForStock(submit("东关南街小区", cataloguedItem()));
    }

    @Test
    void aRequestSubmittedWhileInventoryIsDownIsAnsweredAfterItRestarts() throws Exception {
        String item = cataloguedItem(); // while inventory is up: the catalogue is inventory's
        inventory.kill();
        String id = submit("太乙路小区", item);
        given().baseUri(requests.baseUri())
                .auth()
                .oauth2(PARTNER)
                .get("/help-requests/" + id)
                .then()
                .body("request.status", equalTo("SUBMITTED"));
        inventory = new ServiceProcess("inventory-service", ServiceProcess.config("inventory_system")).start();
        inventory.awaitReady(Duration.ofSeconds(120));
        awaitWaitingForStock(id);
    }
}
