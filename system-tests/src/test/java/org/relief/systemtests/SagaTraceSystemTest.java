package org.relief.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.TestInfrastructure;
import org.relief.kernel.testing.TestTokens;

/**
 * One help request's saga is one trace across the four services. The test is the trace collector: a small OTLP/HTTP
 * receiver (JDK HTTP server, protobuf decoded with the OpenTelemetry proto classes) to which the four packaged services
 * export their spans. A partner submits a supplies request with its own {@code traceparent}; inventory reserves the
 * stock, dispatch books a truck, volunteer-service opens the loading calls. Every span of that trace is then collected,
 * and the test checks that the four services' spans are there under the partner's trace id, that each service handled
 * a record in a CONSUMER span, and that the trace is connected: every span's parent is a span of the same trace (the
 * only parent from outside is the partner's own span). It fails if any hop drops the trace context: an event written
 * without the current span's traceparent, a relay that does not send the header, a consumer that does not continue it.
 */
class SagaTraceSystemTest {
    static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static final String RICE = "rice-10kg-trace-" + RUN;
    static final String OPS = TestTokens.token(null, "ops");
    static final String PARTNER = TestTokens.token("yanta-community", "partner");
    static final String DONOR = TestTokens.token("xian-chamber-of-commerce", "donor");
    static final String FREIGHT_DESK = TestTokens.token("xian-road-freight-association", "dispatcher");
    static final List<String> SERVICES =
            List.of("requests-service", "inventory-service", "dispatch-service", "volunteer-service");

    /** A span as received, with the service that exported it. */
    record Received(
            String service, String traceId, String spanId, String parentSpanId, String name, Span.SpanKind kind) {}

    static final List<Received> spans = new ArrayList<>();
    static final List<String> exportErrors = new ArrayList<>();
    static HttpServer collector;
    static ServiceProcess requests;
    static ServiceProcess inventory;
    static ServiceProcess dispatch;
    static ServiceProcess volunteer;

    static Map<String, String> config(String database) {
        Map<String, String> c = ServiceProcess.freshConfig(database);
        // tracing on, exported over OTLP/HTTP to this test; spans leave in batches every 200 ms
        c.put("quarkus.otel.sdk.disabled", "false");
        c.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
        c.put(
                "quarkus.otel.exporter.otlp.traces.endpoint",
                "http://127.0.0.1:" + collector.getAddress().getPort());
        c.put("quarkus.otel.bsp.schedule.delay", "200ms");
        c.put("quarkus.log.console.json.enabled", "false");
        return c;
    }

    @BeforeAll
    static void start() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = read(
                        exchange.getRequestBody(), exchange.getRequestHeaders().getFirst("Content-Encoding"));
                if (exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                    collect(ExportTraceServiceRequest.parseFrom(body));
                }
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    exchange.getResponseBody().write(answer);
                }
            } catch (RuntimeException | IOException e) {
                synchronized (exportErrors) {
                    exportErrors.add(e.toString());
                }
                exchange.sendResponseHeaders(400, -1);
            }
        });
        collector.start();

        TestInfrastructure.ensureDatabases();
        ConsumerGroups.startAtTheEnd();
        requests = new ServiceProcess("requests-service", config("requests_system")).start();
        inventory = new ServiceProcess("inventory-service", config("inventory_system")).start();
        dispatch = new ServiceProcess("dispatch-service", config("dispatch_system")).start();
        volunteer = new ServiceProcess("volunteer-service", config("volunteer_system")).start();
        for (ServiceProcess p : new ServiceProcess[] {requests, inventory, dispatch, volunteer}) {
            p.awaitReady(Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        ServiceProcess.closeAll(requests, inventory, dispatch, volunteer);
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void oneHelpRequestsSagaAcrossTheFourServicesIsOneConnectedTrace() {
        // stock, a truck of the request's district: the request will be reserved, planned and staffed
        String warehouse = post(
                        inventory,
                        OPS,
                        "/warehouses",
                        """
                {"name":"雁塔区物资仓库","district":"雁塔区","address":"雁塔区丈八东路1号"}""")
                .path("id");
        post(
                inventory,
                OPS,
                "/items",
                """
                {"code":"%s","nameZh":"大米 10kg","nameEn":"rice, 10 kg bag","category":"FOOD","unit":"bag",
                 "unitWeightKg":10,"unitVolumeM3":0.015,"perishable":false}"""
                        .formatted(RICE));
        post(
                inventory,
                DONOR,
                "/donations",
                """
                {"warehouseId":"%s","lines":[{"item":"%s","quantity":500}]}"""
                        .formatted(warehouse, RICE));
        String carrier = post(
                        dispatch,
                        FREIGHT_DESK,
                        "/carriers",
                        """
                {"name":"西安顺达货运有限公司","kind":"TRUCKING_COMPANY","association":"西安市道路货物运输协会","contactPhone":"029-88880000"}""")
                .path("id");
        post(
                dispatch,
                FREIGHT_DESK,
                "/vehicles",
                """
                {"carrierId":"%s","kind":"TRUCK","plate":"陕A·T%04d","payloadKg":5000,"volumeM3":30,"seats":2,
                 "wheelchairAccessible":false,"homeDistrict":"雁塔区","driverName":"王师傅","driverPhone":"13700000000"}"""
                        .formatted(carrier, ThreadLocalRandom.current().nextInt(10_000)));

        // the partner's own trace: its traceparent (sampled) on the submission
        HexFormat hex = HexFormat.of();
        byte[] t = new byte[16];
        byte[] s = new byte[8];
        ThreadLocalRandom.current().nextBytes(t);
        ThreadLocalRandom.current().nextBytes(s);
        String traceId = hex.formatHex(t);
        String partnerSpan = hex.formatHex(s);
        String id = given().baseUri(requests.baseUri())
                .auth()
                .oauth2(PARTNER)
                .contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-" + partnerSpan + "-01")
                .body(
                        """
                        {"kind":"SUPPLIES","priority":"HIGH","community":"锦业路小区","district":"雁塔区",
                         "address":"雁塔区锦业路1号","lines":[{"item":"%s","quantity":100,"unit":"bag"}]}"""
                                .formatted(RICE))
                .post("/help-requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertEquals(
                        "TRANSPORT_SCHEDULED",
                        given().baseUri(requests.baseUri())
                                .auth()
                                .oauth2(PARTNER)
                                .get("/help-requests/" + id)
                                .jsonPath()
                                .getString("request.status")));

        // the spans of every service arrive, and the trace is whole: each parent is a span of the trace
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Received> trace = trace(traceId);
            Set<String> services = trace.stream().map(Received::service).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(SERVICES), services, "services in the trace: " + describe(trace));
            for (String consumerService :
                    List.of("inventory-service", "dispatch-service", "volunteer-service", "requests-service")) {
                assertTrue(
                        trace.stream()
                                .anyMatch(r -> r.service().equals(consumerService)
                                        && r.kind() == Span.SpanKind.SPAN_KIND_CONSUMER),
                        consumerService + " handled a record of the saga in a consumer span: " + describe(trace));
            }
            // spans leave each service in batches: wait for the last hop too (dispatch's trip event at
            // volunteer-service)
            assertTrue(
                    trace.stream()
                            .anyMatch(r -> r.service().equals("volunteer-service")
                                    && r.kind() == Span.SpanKind.SPAN_KIND_CONSUMER
                                    && r.name().startsWith("dispatch.events")),
                    "volunteer-service consumed dispatch's trip event in the trace: " + describe(trace));
            Set<String> ids = trace.stream().map(Received::spanId).collect(Collectors.toSet());
            List<Received> orphans = trace.stream()
                    .filter(r -> !r.parentSpanId().isEmpty()
                            && !ids.contains(r.parentSpanId())
                            && !r.parentSpanId().equals(partnerSpan))
                    .toList();
            assertTrue(orphans.isEmpty(), "spans whose parent is not in the trace: " + orphans);
        });

        List<Received> trace = trace(traceId);
        Received submission = trace.stream()
                .filter(r -> r.service().equals("requests-service") && r.kind() == Span.SpanKind.SPAN_KIND_SERVER)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no server span of the submission: " + describe(trace)));
        assertEquals(partnerSpan, submission.parentSpanId(), "the submission continues the partner's span");
        // the records inventory handled hang under the submission (requests.events.v1 carried its context)
        assertTrue(
                trace.stream()
                        .anyMatch(r -> r.service().equals("inventory-service")
                                && r.kind() == Span.SpanKind.SPAN_KIND_CONSUMER
                                && r.name().startsWith("requests.events")
                                && r.parentSpanId().equals(submission.spanId())),
                "inventory's consumer span is a child of the submission: " + describe(trace));
        // volunteer-service's calls come from dispatch's trip events, two hops from the submission
        assertTrue(
                trace.stream()
                        .anyMatch(r -> r.service().equals("volunteer-service")
                                && r.kind() == Span.SpanKind.SPAN_KIND_CONSUMER
                                && r.name().startsWith("dispatch.events")),
                "volunteer-service consumed dispatch's trip event in the trace: " + describe(trace));
        synchronized (exportErrors) {
            assertTrue(exportErrors.isEmpty(), "undecodable exports: " + exportErrors);
        }
        assertFalse(trace.isEmpty());
        System.out.println("trace " + traceId + ": " + trace.size() + " spans " + describe(trace));
    }

    // ------------------------------------------------------------------ the collector

    static void collect(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String service = rs.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name"))
                    .map(KeyValue::getValue)
                    .map(v -> v.getStringValue())
                    .findFirst()
                    .orElse("?");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    synchronized (spans) {
                        spans.add(new Received(
                                service,
                                hex.formatHex(span.getTraceId().toByteArray()),
                                hex.formatHex(span.getSpanId().toByteArray()),
                                hex.formatHex(span.getParentSpanId().toByteArray()),
                                span.getName(),
                                span.getKind()));
                    }
                }
            }
        }
    }

    static List<Received> trace(String traceId) {
        synchronized (spans) {
            return spans.stream().filter(r -> r.traceId().equals(traceId)).toList();
        }
    }

    static String describe(List<Received> trace) {
        return trace.stream()
                .map(r -> r.service() + ":" + r.kind().name().replace("SPAN_KIND_", "") + ":" + r.name())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    static byte[] read(InputStream in, String encoding) throws IOException {
        byte[] raw = in.readAllBytes();
        if ("gzip".equalsIgnoreCase(encoding)) {
            try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                return gz.readAllBytes();
            }
        }
        return raw;
    }

    static io.restassured.response.Response post(ServiceProcess service, String token, String path, String json) {
        io.restassured.response.Response r = given().baseUri(service.baseUri())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(json)
                .post(path);
        r.then().statusCode(201);
        return r;
    }
}
