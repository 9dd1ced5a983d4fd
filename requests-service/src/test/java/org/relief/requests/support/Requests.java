package org.relief.requests.support;

import static io.restassured.RestAssured.given;

import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.relief.contracts.Topics;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.security.Roles;
import org.relief.kernel.testing.TestTokens;
import org.relief.kernel.testing.TestTopics;
import org.relief.requests.messaging.InventoryEventsConsumer;

/** Test bodies and a stand-in for inventory-service: what it would publish about our requests. */
public final class Requests {
    private Requests() {}

    public static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A supplies request for 200 protective suits and 1000 N95 masks. */
    public static String supplies(String org, String community, String priority) {
        return """
                {"organisationId":"%s","kind":"SUPPLIES","priority":"%s","vulnerabilities":["ELDERLY_LIVING_ALONE"],
                 "community":"%s","district":"雁塔区","address":"锦业路1号","contactName":"王女士","contactPhone":"+86 29 1234 5678",
                 "lines":[{"item":"protective-suit","quantity":200,"unit":"piece"},{"item":"n95-mask","quantity":1000,"unit":"piece"}],
                 "note":"我们社区缺少防护服"}"""
                .formatted(org, priority, community);
    }

    public static String ride(String org, String community, Instant start, Instant end) {
        return """
                {"organisationId":"%s","kind":"RIDE","priority":"HIGH","community":"%s","district":"雁塔区",
                 "ride":{"passengerName":"李同学","passengerPhone":"13800000000","pickupAddress":"锦业路1号","pickupDistrict":"雁塔区",
                         "dropoffAddress":"西安交通大学考点","dropoffDistrict":"碑林区","windowStart":"%s","windowEnd":"%s",
                         "accessibility":["WHEELCHAIR","ESCORT"]},
                 "note":"考研考生，需一对一接送"}"""
                .formatted(org, community, start, end);
    }

    public static String care(String org, String community, Instant start, Instant end) {
        return """
                {"organisationId":"%s","kind":"CARE","priority":"NORMAL","vulnerabilities":["ELDERLY_LIVING_ALONE","CHRONIC_ILLNESS"],
                 "community":"%s","district":"雁塔区",
                 "care":{"need":"ELDERLY_CARE","skill":"elderly-care","personName":"张奶奶","windowStart":"%s","windowEnd":"%s"},
                 "note":"独居老人，需要上门探访"}"""
                .formatted(org, community, start, end);
    }

    /** A partner of {@code organisation}, with a valid bearer token. */
    public static RequestSpecification partner(String organisation) {
        return given().auth().oauth2(TestTokens.token(organisation, Roles.PARTNER));
    }

    /** The ops team: every organisation. */
    public static RequestSpecification ops() {
        return given().auth().oauth2(TestTokens.token(null, Roles.OPS));
    }

    /** A partner of the organisation the body names. */
    public static RequestSpecification partnerOf(String body) {
        return partner(JsonPath.from(body).getString("organisationId"));
    }

    /** Submits as a partner of the organisation the body names. */
    public static String submit(String body) {
        return partnerOf(body)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/help-requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** GET /help-requests/{id} as ops (tests about the lifecycle, not about who may look). */
    public static io.restassured.response.Response details(String id) {
        return ops().get("/help-requests/" + id);
    }

    public static EventContext inventory(String requestId) {
        return new EventContext(requestId, null, "inventory-service", null, null);
    }

    public static UUID opened(String requestId) {
        String json = "{\"requestId\":\"%s\",\"reservationId\":\"res-%s\",\"lines\":[],\"openedAt\":\"%s\"}"
                .formatted(requestId, requestId, Instant.now());
        UUID id = UUID.randomUUID();
        TestTopics.send(
                Topics.INVENTORY,
                requestId,
                id,
                "StockReservationOpened",
                "/inventory-service",
                json,
                inventory(requestId));
        return id;
    }

    /** One allocation round as inventory publishes it: cumulative suits and masks reserved so far. */
    public static UUID allocation(String requestId, String type, int suits, int masks, String explanation) {
        String json =
                """
                {"requestId":"%s","reservationId":"res-%s",
                 "lines":[{"item":"protective-suit","unit":"piece","requested":200,"reserved":%d,
                           "allocations":[{"warehouseId":"wh-1","warehouseName":"曲江仓库","lotId":"lot-1","donationId":"don-1",
                                           "donorOrganisationId":"chamber-1","quantity":%d,"expiresOn":null}]},
                          {"item":"n95-mask","unit":"piece","requested":1000,"reserved":%d,"allocations":[]}],
                 "explanation":["%s"],"expiresAt":"%s","allocatedAt":"%s"}"""
                        .formatted(
                                requestId,
                                requestId,
                                suits,
                                suits,
                                masks,
                                explanation,
                                Instant.now().plusSeconds(86400),
                                Instant.now());
        UUID id = UUID.randomUUID();
        TestTopics.send(Topics.INVENTORY, requestId, id, type, "/inventory-service", json, inventory(requestId));
        return id;
    }

    public static UUID released(String requestId, String reason) {
        String json =
                "{\"requestId\":\"%s\",\"reservationId\":\"res-%s\",\"reason\":\"%s\",\"released\":[],\"releasedAt\":\"%s\"}"
                        .formatted(requestId, requestId, reason, Instant.now());
        UUID id = UUID.randomUUID();
        TestTopics.send(
                Topics.INVENTORY,
                requestId,
                id,
                "StockReservationReleased",
                "/inventory-service",
                json,
                inventory(requestId));
        return id;
    }

    /** What inventory publishes when it returns the suits a receipt rejected. */
    public static UUID rejectedSuitsReleased(String requestId, int suits) {
        String json =
                """
                {"requestId":"%s","reservationId":"res-%s","reason":"REJECTED",
                 "released":[{"item":"protective-suit","unit":"piece","requested":200,"reserved":%d,
                              "allocations":[{"warehouseId":"wh-1","warehouseName":"曲江仓库","lotId":"lot-1","donationId":"don-1",
                                              "donorOrganisationId":"chamber-1","quantity":%d,"expiresOn":null}]}],
                 "releasedAt":"%s"}"""
                        .formatted(requestId, requestId, suits, suits, Instant.now());
        UUID id = UUID.randomUUID();
        TestTopics.send(
                Topics.INVENTORY,
                requestId,
                id,
                "StockReservationReleased",
                "/inventory-service",
                json,
                inventory(requestId));
        return id;
    }

    /** The open parked events of one request (key) of our inventory consumer, as ops see them. */
    public static List<Map<String, Object>> parked(String requestId) {
        return parked(InventoryEventsConsumer.NAME, requestId);
    }

    /** The open parked events of one request (key) of one of our consumers, as ops see them. */
    public static List<Map<String, Object>> parked(String consumer, String requestId) {
        List<Map<String, Object>> all = ops().queryParam("consumer", consumer)
                .get("/ops/parked-events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream().filter(p -> requestId.equals(p.get("key"))).toList();
    }

    /** How many of these events our inventory consumer has handled (recorded in its inbox: applied, not parked). */
    public static int handled(List<UUID> eventIds) {
        DataSource ds = Arc.container().instance(DataSource.class).get();
        try (Connection c = ds.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("select count(*) from inbox where consumer = ? and event_id = any(?)")) {
            ps.setString(1, InventoryEventsConsumer.NAME);
            ps.setArray(2, c.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What requests-service published about one request, in order. */
    public static List<String> publishedTypes(String requestId, int atLeast) {
        return published(requestId, atLeast).stream()
                .map(r -> CloudEvents.last(r.headers(), CloudEvents.TYPE))
                .toList();
    }

    public static List<ConsumerRecord<String, String>> published(String requestId, int atLeast) {
        return TestTopics.recordsOfKey(Topics.REQUESTS, requestId, atLeast, Duration.ofSeconds(30));
    }
}
