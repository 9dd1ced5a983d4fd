package org.relief.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.relief.kernel.security.LocalTokens;

/**
 * The public REST API as a partner client sees it: JSON over HTTP/1.1 with the JDK client, one client (and so one
 * connection pool) per thread, bearer tokens signed with the local key pair like {@code ./platform token}. Where a
 * service runs as several instances, each thread keeps to one of them (threads are dealt out in turn), as clients
 * behind a connection-level load balancer would.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, JsonNode body, long retryAfterSeconds) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String text(String field) {
            JsonNode n = body.path(field);
            return n.isMissingNode() || n.isNull() ? null : n.asText();
        }
    }

    private final List<String> requests;
    private final List<String> inventory;
    private final List<String> dispatch;
    private final List<String> volunteer;
    private final AtomicInteger threadsSeen = new AtomicInteger();
    private final ThreadLocal<Integer> slot = ThreadLocal.withInitial(threadsSeen::getAndIncrement);
    private final PrivateKey key;
    private final String issuer;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final ThreadLocal<HttpClient> clients = ThreadLocal.withInitial(() -> HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build());

    /** Each service's base URLs, one per running instance. */
    Api(
            List<String> requests,
            List<String> inventory,
            List<String> dispatch,
            List<String> volunteer,
            Path keyPem,
            String issuer)
            throws IOException, GeneralSecurityException {
        this.requests = nonEmpty(requests, "requests");
        this.inventory = nonEmpty(inventory, "inventory");
        this.dispatch = nonEmpty(dispatch, "dispatch");
        this.volunteer = nonEmpty(volunteer, "volunteer");
        this.key = LocalTokens.readPrivateKey(keyPem);
        this.issuer = issuer;
    }

    /** {@code a;b;…} as the platform script passes a service's instances. */
    static List<String> urls(String list) {
        return Arrays.stream(list.split(";"))
                .map(String::strip)
                .filter(u -> !u.isEmpty())
                .toList();
    }

    private static List<String> nonEmpty(List<String> urls, String service) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no URL for " + service + "-service");
        }
        return List.copyOf(urls);
    }

    /** The instance this thread uses out of {@code urls}. */
    String instanceFor(List<String> urls) {
        return urls.get(slot.get() % urls.size());
    }

    String requests() {
        return instanceFor(requests);
    }

    String inventory() {
        return instanceFor(inventory);
    }

    String dispatch() {
        return instanceFor(dispatch);
    }

    String volunteer() {
        return instanceFor(volunteer);
    }

    /** How many instances of each service this client spreads over, e.g. {@code requests 2, inventory 2, …}. */
    String instances() {
        return "requests " + requests.size() + ", inventory " + inventory.size() + ", dispatch " + dispatch.size()
                + ", volunteer " + volunteer.size();
    }

    /** A token for {@code role} of {@code organisation} (null for ops), valid 12 hours, minted once per run. */
    String token(String organisation, String role) {
        return tokens.computeIfAbsent((organisation == null ? "" : organisation) + "/" + role, k -> {
            Instant now = Instant.now();
            String sub = (organisation == null ? "ops" : organisation) + "-" + role;
            return LocalTokens.mint(key, issuer, organisation, role, sub, now, now.plus(Duration.ofHours(12)));
        });
    }

    String ops() {
        return token(null, "ops");
    }

    Response get(String url, String token) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        return send(req);
    }

    Response post(String url, String token, Object body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b.build());
    }

    /** POST, retrying 429 and 503 after their Retry-After (counted in {@code retries}, may be null). */
    Response postRetrying(String url, String token, Object body, String key, Recorder retries)
            throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Response r = post(url, token, body, key);
            if ((r.status() != 429 && r.status() != 503) || attempt >= 30) {
                return r;
            }
            if (retries != null) {
                retries.retried(r.status());
            }
            waitRetryAfter(r);
        }
    }

    /** Waits as long as the answer's Retry-After asks (at least a second). */
    static void waitRetryAfter(Response r) throws InterruptedException {
        waitUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, r.retryAfterSeconds())));
    }

    /** Parks until {@code dueNanos} (System.nanoTime), however often the thread wakes early. */
    static void waitUntil(long dueNanos) throws InterruptedException {
        long wait;
        while ((wait = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Like {@link #postRetrying} but throws unless the answer is 2xx: for setup calls. */
    JsonNode postOk(String url, String token, Object body, String key) throws IOException, InterruptedException {
        Response r = postRetrying(url, token, body, key, null);
        if (!r.ok()) {
            throw new IllegalStateException("POST " + url + " answered " + r.status() + ": " + r.body());
        }
        return r.body();
    }

    JsonNode getOk(String url, String token) throws IOException, InterruptedException {
        Response r = get(url, token);
        if (!r.ok()) {
            throw new IllegalStateException("GET " + url + " answered " + r.status() + ": " + r.body());
        }
        return r.body();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Response send(HttpRequest req) throws IOException, InterruptedException {
        HttpResponse<String> res = clients.get().send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode body;
        try {
            body = res.body() == null || res.body().isEmpty() ? NullNode.getInstance() : JSON.readTree(res.body());
        } catch (IOException notJson) {
            body = JSON.getNodeFactory().textNode(res.body());
        }
        long retryAfter = res.headers()
                .firstValue("Retry-After")
                .filter(v -> v.matches("[0-9]{1,6}"))
                .map(Long::parseLong)
                .orElse(1L);
        return new Response(res.statusCode(), body, retryAfter);
    }
}
