package org.relief.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What lets each test method of a system test class run alone and in any order on the services its class starts once
 * (issue 9): each story registers its own organisations, items and vehicles, and these keep the one thing that cannot
 * be made per story, dispatch's one fleet and one queue, out of its way.
 */
final class Isolation {
    private static final AtomicInteger PLATES = new AtomicInteger(1000);

    private Isolation() {}

    /** A plate nothing else in this JVM registers (a plate is registered once): 陕A·, the letter, four digits. */
    static String plate(char letter) {
        return "陕A·" + letter + PLATES.incrementAndGet();
    }

    /** How dispatch shows a plate: without the separator dot. */
    static String shown(String plate) {
        return plate.replace("·", "");
    }

    /**
     * Takes every vehicle on duty but {@code keep} off duty: the planner and the ride matcher choose from the whole
     * fleet, so the story's own vehicles are then the only ones it can get. Earlier stories' vehicles stay registered;
     * a trip they carry keeps its booking.
     */
    static void onlyOnDuty(ServiceProcess dispatch, String ops, Collection<String> keep) {
        List<Map<String, Object>> onDuty = given().baseUri(dispatch.baseUri())
                .auth()
                .oauth2(ops)
                .queryParam("available", "true")
                .get("/vehicles")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        for (Map<String, Object> v : onDuty) {
            if (!keep.contains((String) v.get("id"))) {
                SystemApi.offDuty(dispatch, ops, (String) v.get("id"), "另一项测试的车辆");
            }
        }
    }

    /**
     * Cancels the story's requests that are still open and waits until none of their trips waits in the queue: a
     * queued trip would take the next story's vehicle as soon as it registers, and every desk's board shows the queue.
     */
    static void settle(
            ServiceProcess requests, ServiceProcess dispatch, String partner, String ops, Collection<String> ids) {
        for (String id : ids) {
            // 200, or 409: it has ended already
            given().baseUri(requests.baseUri())
                    .auth()
                    .oauth2(partner)
                    .contentType(ContentType.JSON)
                    .body("{\"reason\":\"测试结束\"}")
                    .post("/help-requests/" + id + "/cancellation");
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : ids) {
                List<Map<String, Object>> trips = given().baseUri(dispatch.baseUri())
                        .auth()
                        .oauth2(ops)
                        .queryParam("requestId", id)
                        .get("/trips")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items");
                assertTrue(
                        trips.stream().noneMatch(t -> "QUEUED".equals(t.get("status"))),
                        "request " + id + " still has a trip in the queue: " + trips);
            }
        });
    }
}
