package org.relief.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.relief.kernel.testing.TestTokens;

/**
 * Partner organisations submitting supplies requests as a careful client does: each submission has its own
 * Idempotency-Key and is retried with that key until it is accepted, through a dead process (connection refused or
 * reset), a 503 (Retry-After) and a 429. Every answer is counted; a 500 or an unexpected 4xx is a defect.
 */
final class SagaLoad implements AutoCloseable {
    static final int ORGANISATIONS = 40;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final ServiceProcess requests;
    private final String item;
    private final int quantity;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService clients = Executors.newFixedThreadPool(8);
    private final List<Future<?>> inFlight = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();

    /** Accepted requests: id → the organisation that owns it. */
    final Map<String, String> accepted = new ConcurrentHashMap<>();
    /** Every answer by status ("IO" for a connection that failed), retries included. */
    final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    /** Answers that are defects: a 500, a 4xx other than 429, a key never accepted. */
    final ConcurrentLinkedQueue<String> defects = new ConcurrentLinkedQueue<>();

    SagaLoad(ServiceProcess requests, String item, int quantity) {
        this.requests = requests;
        this.item = item;
        this.quantity = quantity;
    }

    static String organisation(int n) {
        return "fault-community-" + (n % ORGANISATIONS);
    }

    static String partnerToken(String organisation) {
        return TestTokens.token(organisation, "partner");
    }

    /** Starts {@code count} submissions at once on the client threads; they retry in the background. */
    void wave(int count) {
        for (int i = 0; i < count; i++) {
            int n = sequence.incrementAndGet();
            synchronized (inFlight) {
                inFlight.add(clients.submit(() -> submitUntilAccepted(n, Duration.ofMinutes(5))));
            }
        }
    }

    /**
     * One new submission every {@code every} (at most {@code max}) until the returned handle is closed: clients that keep arriving while a
     * fault lasts (they meet the dead process, the 503s), not only the sagas already in flight.
     */
    AutoCloseable trickle(Duration every, int max) {
        var timer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger left = new AtomicInteger(max);
        timer.scheduleAtFixedRate(
                () -> {
                    if (left.getAndDecrement() > 0) {
                        wave(1);
                    }
                },
                0,
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    /** One submission, retried until accepted; returns its id (null if it never was, recorded as a defect). */
    String submitUntilAccepted(int n, Duration patience) {
        String org = organisation(n);
        String key = UUID.randomUUID().toString();
        String body =
                """
                {"organisationId":"%s","kind":"SUPPLIES","priority":"HIGH","community":"故障演练小区-%d",
                 "district":"雁塔区","address":"雁塔区演练路%d号","lines":[{"item":"%s","quantity":%d,"unit":"bag"}],
                 "note":"封控小区生活物资告急"}"""
                        .formatted(org, n, n, item, quantity);
        AtomicReference<String> id = new AtomicReference<>();
        try {
            // a careful client: the same key again every half second until an answer settles it
            await().atMost(patience)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> attempt(n, org, key, body, id));
        } catch (ConditionTimeoutException e) {
            defects.add("submission " + n + " not accepted within " + patience);
        }
        return id.get();
    }

    /** One try; true once the submission is settled (accepted, or refused for good), false to try again. */
    private boolean attempt(int n, String org, String key, String body, AtomicReference<String> id) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(requests.baseUri() + "/help-requests"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + partnerToken(org))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            count("IO");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        int status = response.statusCode();
        count(String.valueOf(status));
        if (status == 201 || status == 200) {
            Matcher m = ID.matcher(response.body());
            if (!m.find()) {
                defects.add("submission " + n + ": " + status + " without an id: " + response.body());
                return true;
            }
            accepted.put(m.group(1), org);
            id.set(m.group(1));
            return true;
        }
        if (status == 503 || status == 429) {
            if (response.headers().firstValue("Retry-After").isEmpty()) {
                defects.add("submission " + n + ": " + status + " without Retry-After");
            }
            return false;
        }
        defects.add("submission " + n + ": " + status + " " + response.body());
        return status < 500; // a client error does not improve by sending it again
    }

    /** Waits until every submission started so far has been accepted (or given up). */
    void awaitSubmitted(Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        List<Future<?>> all;
        synchronized (inFlight) {
            all = List.copyOf(inFlight);
        }
        for (Future<?> f : all) {
            f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    int submitted() {
        return sequence.get();
    }

    int answered(String status) {
        AtomicInteger c = answers.get(status);
        return c == null ? 0 : c.get();
    }

    private void count(String status) {
        answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void close() {
        clients.shutdownNow();
    }
}
