package org.relief.requests.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.personaldata.PersonalDataKeyIssued;
import org.relief.kernel.testing.RealInfrastructure;
import org.relief.kernel.testing.TestTopics;
import org.relief.requests.service.PersonalDataRetentionJob;
import org.relief.requests.support.Requests;

/**
 * Issue 11, erasure: a request's people are stored and published only sealed under the request's key, shown opened to
 * whoever may see the request, and gone everywhere once the key is erased (by the partner, or by retention).
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class PersonalDataErasureTest {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    PersonalDataRetentionJob retention;

    private final Instant start = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private String rideOf(String org, String passenger, String phone) {
        return Requests.ride(org, Requests.fresh("小区"), start, start.plusSeconds(1800))
                .replace("李同学", passenger)
                .replace("13800000000", phone)
                .replace(
                        "\"note\":\"考研考生，需一对一接送\"",
                        "\"note\":\"" + passenger + " 坐轮椅\",\"contactPhone\":\"" + phone + "\"");
    }

    /** Every text column of every row the service keeps about the request, and of its key. */
    private List<String> storedAbout(String id) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (String sql : List.of(
                    "select payload::text from event_store where stream_id = ?",
                    "select help_request_view::text from help_request_view where id = ?",
                    "select payload from outbox where message_key = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        assertFalse(rows.isEmpty());
        return rows;
    }

    private boolean keyErased(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select wrapped_key is null and erased_at is not null from personal_data_key where subject_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the request has a key row");
                return rs.getBoolean(1);
            }
        }
    }

    @Test
    void thePassengerIsStoredAndPublishedSealedShownToThePartnerAndGoneAfterErasure() throws Exception {
        String org = Requests.fresh("org");
        String passenger = "测试乘客" + Requests.fresh("").substring(0, 6);
        String phone = "139" + (10_000_000 + (System.nanoTime() % 89_999_999));
        String id = Requests.partner(org)
                .contentType(ContentType.JSON)
                .body(rideOf(org, passenger, phone))
                .post("/help-requests")
                .then()
                .statusCode(201)
                .body("ride.passengerName", equalTo(passenger))
                .body("ride.passengerPhone", equalTo(phone))
                .extract()
                .path("id");
        Requests.partner(org)
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("request.ride.passengerName", equalTo(passenger))
                .body("request.note", equalTo(passenger + " 坐轮椅"))
                .body("timeline[0].details.ride.passengerPhone", equalTo(phone));

        for (String row : storedAbout(id)) {
            assertFalse(row.contains(passenger) || row.contains(phone), "stored in plain text: " + row);
            assertFalse(row.contains("西安交通大学考点"), "the drop-off address is sealed too: " + row);
        }
        ConsumerRecord<String, String> submitted = Requests.published(id, 1).get(0);
        assertFalse(submitted.value().contains(passenger) || submitted.value().contains(phone), submitted.value());
        assertTrue(
                submitted.value().contains("{pd1:" + id + ":"),
                "the published passenger is a sealed token: " + submitted.value());
        ConsumerRecord<String, String> key = TestTopics.recordsOfKey(
                        PersonalDataKeyIssued.TOPIC, id, 1, Duration.ofSeconds(30))
                .get(0);
        assertEquals(PersonalDataKeyIssued.TYPE, CloudEvents.last(key.headers(), CloudEvents.TYPE));

        // not while the ride is still to be served; not by another organisation
        Requests.partner(org)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"本人要求删除\"}")
                .post("/help-requests/" + id + "/personal-data-erasure")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        Requests.partner(org)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"不需要了\"}")
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(200);
        Requests.partner(Requests.fresh("other"))
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"x\"}")
                .post("/help-requests/" + id + "/personal-data-erasure")
                .then()
                .statusCode(404);
        Requests.partner(org)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/help-requests/" + id + "/personal-data-erasure")
                .then()
                .statusCode(400);

        Requests.partner(org)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"本人要求删除\"}")
                .post("/help-requests/" + id + "/personal-data-erasure")
                .then()
                .statusCode(200)
                .body("ride.passengerName", equalTo("[erased]"))
                .body("ride.passengerPhone", equalTo("[erased]"))
                .body("ride.pickupDistrict", equalTo("雁塔区"))
                .body("status", equalTo("CANCELLED"));
        assertTrue(keyErased(id));
        String details = Requests.partner(org)
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("request.note", equalTo("[erased]"))
                .body("timeline.event", hasItem("PersonalDataErased"))
                .body("timeline.find { it.event == 'PersonalDataErased' }.explanationZh", containsString("个人信息"))
                .extract()
                .asString();
        assertFalse(details.contains(passenger) || details.contains(phone), details);
        List<ConsumerRecord<String, String>> keys =
                TestTopics.recordsOfKey(PersonalDataKeyIssued.TOPIC, id, 2, Duration.ofSeconds(30));
        assertEquals(
                "PersonalDataErased",
                CloudEvents.last(keys.get(keys.size() - 1).headers(), CloudEvents.TYPE),
                "the erasure follows the key on its topic, under the same record key");

        // a repeat changes nothing
        int events = Requests.partner(org)
                .get("/help-requests/" + id)
                .then()
                .extract()
                .path("timeline.size()");
        Requests.ops()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"again\"}")
                .post("/help-requests/" + id + "/personal-data-erasure")
                .then()
                .statusCode(200);
        assertEquals(events, (int) Requests.partner(org)
                .get("/help-requests/" + id)
                .then()
                .extract()
                .path("timeline.size()"));
    }

    @Test
    void retentionErasesWhatEndedLongerAgoThanItKeepsPersonalData() throws Exception {
        String org = Requests.fresh("org");
        String id = Requests.submit(Requests.care(org, Requests.fresh("小区"), start, start.plusSeconds(3600)));
        Requests.partner(org).get("/help-requests/" + id).then().body("request.care.personName", equalTo("张奶奶"));
        assertFalse(retention.eraseNextExpired(Duration.ofDays(3650)), "nothing ended ten years ago");
        Requests.partner(org)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"不需要了\"}")
                .post("/help-requests/" + id + "/cancellation")
                .then()
                .statusCode(200);
        // everything that has ended counts as due with a retention of zero: erase until this one is
        for (int i = 0; i < 10_000 && !keyErased(id); i++) {
            assertTrue(retention.eraseNextExpired(Duration.ZERO), "a due request was left");
        }
        Requests.partner(org)
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .body("request.care.personName", equalTo("[erased]"))
                .body("request.personalDataErasedAt", startsWith("20"))
                .body("timeline.find { it.event == 'PersonalDataErased' }.details.reason", startsWith("retention"));
    }
}
