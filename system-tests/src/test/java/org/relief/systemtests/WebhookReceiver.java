package org.relief.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner's system receiving the platform's webhooks, as a partner would write it: it checks every signature itself
 * (Standard Webhooks: base64 HMAC-SHA256 of {@code id.timestamp.body} under the secret after {@code whsec_}), and
 * answers what the test tells it to (a bad moment: 500), else 204.
 */
final class WebhookReceiver implements AutoCloseable {
    record Notification(String webhookId, long timestamp, boolean signedWell, String body, JsonNode event) {
        String subject() {
            return event.path("subject").asText();
        }

        String status() {
            return event.path("data").path("status").asText();
        }

        /** null for the first status of a request */
        String previousStatus() {
            JsonNode previous = event.path("data").path("previousStatus");
            return previous.isNull() || previous.isMissingNode() ? null : previous.asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Notification> received = new CopyOnWriteArrayList<>();
    /** what the receiver answers, in turn; 204 once these are used up */
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

    private volatile String secret;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            String id = h.getFirst("webhook-id");
            long timestamp = Long.parseLong(h.getFirst("webhook-timestamp"));
            String signature = h.getFirst("webhook-signature");
            boolean signedWell = secret != null && ("v1," + sign(secret, id, timestamp, body)).equals(signature);
            received.add(new Notification(id, timestamp, signedWell, body, JSON.readTree(body)));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The secret the platform showed once at registration. */
    void trust(String secret) {
        this.secret = secret;
    }

    /** The next answers, in turn (e.g. 500: the partner's system fails once). */
    void answerNext(int... statuses) {
        for (int s : statuses) {
            answers.add(s);
        }
    }

    /** What arrived about one request, attempts and replays included, in arrival order. */
    List<Notification> about(String requestId) {
        return received.stream().filter(n -> requestId.equals(n.subject())).toList();
    }

    static String sign(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = Base64.getDecoder().decode(secret.substring(secret.indexOf('_') + 1));
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
