package org.relief.requests.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.requests.support.Requests;

/** Idempotency-Key on POST /help-requests: replays, reuse with another body, and concurrent duplicates. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class IdempotencyTest {

    private Response post(String body, String key) {
        return Requests.partnerOf(body)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/help-requests");
    }

    @Test
    void theSameKeyAndBodyReturnTheFirstRequestAndADifferentBodyIs422() {
        String org = Requests.fresh("idem-org");
        String body = Requests.supplies(org, Requests.fresh("小区"), "HIGH");
        String key = Requests.fresh("key");
        Response first = post(body, key);
        first.then().statusCode(201);
        assertNull(first.header("Idempotent-Replayed"));
        String id = first.path("id");

        // the same JSON with its fields in another order and other whitespace is the same body
        String reordered = body.replace(
                "\"kind\":\"SUPPLIES\",\"priority\":\"HIGH\",", "\"priority\":\"HIGH\",  \"kind\":\"SUPPLIES\",");
        post(reordered, key)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", endsWith("/help-requests/" + id))
                .body("id", equalTo(id));

        post(body.replace("\"quantity\":200", "\"quantity\":300"), key)
                .then()
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://relief-logistics.org/problems/idempotency-key-reused"));
        // keys are scoped per organisation: another organisation may use the same key
        String other = post(Requests.supplies(Requests.fresh("idem-org"), Requests.fresh("小区"), "HIGH"), key)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertNotEquals(id, other);

        Requests.partner(org).get("/help-requests").then().body("total", equalTo(1));
        assertEquals(1, Requests.published(id, 1).size(), "one HelpRequestSubmitted");
    }

    @Test
    void concurrentPostsWithOneKeyCreateOneRequest() throws Exception {
        String org = Requests.fresh("idem-org");
        String body = Requests.supplies(org, Requests.fresh("小区"), "CRITICAL");
        String key = Requests.fresh("key");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            calls.add(pool.submit(() -> {
                go.await();
                return post(body, key);
            }));
        }
        go.countDown();
        List<String> ids = new ArrayList<>();
        int replayed = 0;
        for (Future<Response> call : calls) {
            Response r = call.get();
            assertEquals(201, r.statusCode(), r.asString());
            ids.add(r.path("id"));
            if ("true".equals(r.header("Idempotent-Replayed"))) {
                replayed++;
            }
        }
        pool.shutdown();
        assertEquals(1, ids.stream().distinct().count(), ids.toString());
        assertEquals(threads - 1, replayed);
        Requests.partner(org).get("/help-requests").then().body("total", equalTo(1));
    }

    /** R5: the key is looked up before the domain rules, so a retry gets its first result even if a rule would now refuse. */
    @Test
    void aRetryIsReplayedEvenAfterItsNeededByHasPassed() {
        String org = Requests.fresh("idem-org");
        Instant neededBy = Instant.now().minusSeconds(55);
        // neededBy may lie up to 60 s in the past when submitted
        String body = Requests.supplies(org, Requests.fresh("小区"), "HIGH")
                .replace("\"note\":", "\"neededBy\":\"" + neededBy + "\",\"note\":");
        String key = Requests.fresh("key");
        String id = post(body, key).then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(neededBy.plusSeconds(62)));

        // the same body without a key is now refused by the rule...
        Requests.partner(org)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/help-requests")
                .then()
                .statusCode(400)
                .body("detail", containsString("neededBy"));
        // ...but the retry with its key gets the request the first POST created
        post(body, key)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
        // the body's organisationId may be left out by the partner: the key is scoped by the token's organisation
        Requests.partner(org)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body.replace("\"organisationId\":\"" + org + "\",", ""))
                .post("/help-requests")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
        Requests.partner(org).get("/help-requests").then().body("total", equalTo(1));
    }

    @Test
    void aKeyLongerThan100CharactersIsRefused() {
        post(Requests.supplies(Requests.fresh("idem-org"), Requests.fresh("小区"), "HIGH"), "k".repeat(101))
                .then()
                .statusCode(400)
                .body("detail", containsString("Idempotency-Key"));
    }
}
