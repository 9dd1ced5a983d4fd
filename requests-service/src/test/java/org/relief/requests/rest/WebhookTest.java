package org.relief.requests.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.requests.service.WebhookSender;
import org.relief.requests.support.Requests;

/**
 * A partner's webhook, received by a real HTTP server: every status change of its requests arrives signed, a failed
 * delivery is retried, the log shows what happened, a replay sends the same notification again, and nobody else's
 * requests or webhooks are seen.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class WebhookTest {
    record Received(String id, String timestamp, String signature, String body) {}

    final ObjectMapper json = new ObjectMapper();
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** what the receiver answers, in turn; 204 once these are used up */
    final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

    HttpServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            received.add(new Received(
                    h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"), body));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void statusChangesArriveSignedRetriedLoggedAndReplayable() throws Exception {
        String org = Requests.fresh("hook-org");
        var registered = Requests.partner(org)
                .contentType(ContentType.JSON)
                .body(Map.of("url", hook(), "description", "社区工单系统"))
                .post("/webhooks")
                .then()
                .statusCode(201)
                .header("Location", startsWith("http"))
                .body("webhook.organisationId", equalTo(org))
                .body("secret", startsWith("whsec_"))
                .extract();
        String webhookId = registered.path("webhook.id");
        String secret = registered.path("secret");
        answers.add(500); // the partner's system has a bad moment: the first attempt fails

        String id = Requests.submit(Requests.supplies(org, Requests.fresh("小区"), "HIGH"));
        // another organisation's request is not notified to this webhook
        Requests.submit(Requests.supplies(Requests.fresh("other-org"), Requests.fresh("小区"), "HIGH"));

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
        Received failed = received.get(0);
        Received retried = received.get(1);
        assertEquals(failed.id(), retried.id(), "a retry carries the same webhook-id");
        for (Received r : received) {
            assertEquals(
                    "v1," + WebhookSender.signature(secret, r.id(), Long.parseLong(r.timestamp()), r.body()),
                    r.signature());
        }
        JsonNode submitted = json.readTree(retried.body());
        assertEquals("1.0", submitted.path("specversion").asText());
        assertEquals("HelpRequestStatusChanged", submitted.path("type").asText());
        assertEquals(id, submitted.path("subject").asText());
        assertEquals("SUBMITTED", submitted.path("data").path("status").asText());
        assertTrue(submitted.path("data").path("previousStatus").isNull());

        Requests.partner(org)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"已从其他渠道获得物资\"}")
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 3);
        JsonNode cancelled = json.readTree(received.get(2).body());
        assertEquals("CANCELLED", cancelled.path("data").path("status").asText());
        assertEquals("SUBMITTED", cancelled.path("data").path("previousStatus").asText());
        assertEquals(3, received.size(), "nothing but this organisation's two changes: " + received);

        var log = Requests.partner(org)
                .get("/webhooks/" + webhookId + "/deliveries")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.status", equalTo(List.of("DELIVERED", "DELIVERED")))
                .body("items.lastStatus", equalTo(List.of(204, 204)))
                .extract();
        assertEquals(List.of(1, 2), log.path("items.attempts"), "newest first: the cancellation, then the retried one");
        // the partner lost it: replay sends the same notification again
        String first = failed.id();
        Requests.partner(org)
                .post("/webhooks/" + webhookId + "/deliveries/" + first + "/replay")
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING"));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 4);
        assertEquals(first, received.get(3).id());
        assertEquals(retried.body(), received.get(3).body());

        // nobody else sees the webhook; switched off, it sends nothing more
        Requests.partner(Requests.fresh("nosy-org"))
                .get("/webhooks/" + webhookId + "/deliveries")
                .then()
                .statusCode(404);
        Requests.partner(org)
                .delete("/webhooks/" + webhookId)
                .then()
                .statusCode(200)
                .body("active", equalTo(false));
        String later = Requests.submit(Requests.supplies(org, Requests.fresh("小区"), "NORMAL"));
        Requests.partner(org).get("/help-requests/" + later).then().statusCode(200);
        Requests.partner(org)
                .get("/webhooks/" + webhookId + "/deliveries")
                .then()
                .body("total", equalTo(2));
    }

    @Test
    void aWebhookMustBeAUrlOfTheCallersOwnOrganisation() {
        String org = Requests.fresh("hook-org");
        Requests.partner(org)
                .contentType(ContentType.JSON)
                .header("Accept-Language", "zh")
                .body(Map.of("url", "ftp://partner.example.org/hook"))
                .post("/webhooks")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", startsWith("回调地址必须是 https:// 网址"));
        Requests.partner(org)
                .contentType(ContentType.JSON)
                .body(Map.of("url", hook(), "organisationId", Requests.fresh("other-org")))
                .post("/webhooks")
                .then()
                .statusCode(403);
        Requests.partner(org)
                .contentType(ContentType.JSON)
                .body(Map.of("description", "no url"))
                .post("/webhooks")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("url")));
        Requests.partner(org).get("/webhooks/not-a-uuid/deliveries").then().statusCode(404);
    }
}
