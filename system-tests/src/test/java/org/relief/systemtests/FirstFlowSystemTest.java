package org.relief.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

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
        if (requests != null) {
            requests.close();
        }
        if (inventory != null) {
            inventory.close();
        }
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
