package org.relief.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.relief.contracts.RequestedLine;
import org.relief.contracts.Topics;
import org.relief.contracts.inventory.ReservedLine;
import org.relief.contracts.inventory.StockAllocation;
import org.relief.contracts.inventory.StockReservationReleased;
import org.relief.contracts.requests.HelpRequestCancelled;
import org.relief.contracts.requests.HelpRequestPriorityCorrected;
import org.relief.contracts.requests.HelpRequestSubmitted;
import org.relief.kernel.envelope.CloudEvents;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.runtime.OutboxRelayService;
import org.relief.kernel.testing.TestInfrastructure;
import org.relief.kernel.testing.TestTopics;

/**
 * Contract events as requests-service and inventory-service publish them (CloudEvents binary headers, JSON value),
 * sent to the topics this run's consumers read; and what dispatch published on dispatch.events.v1.
 */
public final class Events {
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    private Events() {}

    public record Published(String type, JsonNode payload) {}

    public record Warehouse(String id, String name, String district, String address) {}

    public static Warehouse warehouse(String district) {
        return new Warehouse(UUID.randomUUID().toString(), district + "物资仓库", district, district + "仓库路1号");
    }

    public static HelpRequestSubmitted supplies(
            String requestId, String organisation, String priority, String district) {
        return new HelpRequestSubmitted(
                requestId,
                organisation,
                "SUPPLIES",
                priority,
                List.of(),
                "锦业路小区",
                district,
                district + "锦业路1号",
                List.of(new RequestedLine("n95-mask", BigDecimal.TEN, "piece")),
                null,
                null,
                null,
                Instant.now(),
                null);
    }

    public static HelpRequestSubmitted ride(
            String requestId,
            String organisation,
            String pickupDistrict,
            Instant start,
            Instant end,
            List<String> accessibility) {
        return new HelpRequestSubmitted(
                requestId,
                organisation,
                "RIDE",
                "HIGH",
                List.of(),
                "229 封控区",
                pickupDistrict,
                null,
                List.of(),
                new HelpRequestSubmitted.RideDetails(
                        "考生" + requestId.substring(0, 4),
                        "13800000000",
                        pickupDistrict + "小区门口",
                        pickupDistrict,
                        "西安中学考点",
                        "雁塔区",
                        start,
                        end,
                        accessibility),
                null,
                null,
                Instant.now(),
                null);
    }

    /** One line of an allocation: {@code reserved} units of an item, all held in one warehouse. */
    public static ReservedLine line(
            String item, String reserved, String unitWeightKg, String unitVolumeM3, Warehouse w) {
        BigDecimal q = new BigDecimal(reserved);
        return new ReservedLine(
                item,
                "piece",
                q,
                q,
                List.of(new ReservedLine.Allocation(
                        w.id(),
                        w.name(),
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(),
                        "donor-org",
                        q,
                        null,
                        w.district(),
                        w.address())),
                unitWeightKg == null ? null : new BigDecimal(unitWeightKg),
                unitVolumeM3 == null ? null : new BigDecimal(unitVolumeM3));
    }

    public static StockAllocation allocation(String requestId, Instant expiresAt, ReservedLine... lines) {
        return new StockAllocation(
                requestId,
                UUID.randomUUID().toString(),
                List.of(lines),
                List.of("test allocation"),
                expiresAt,
                Instant.now());
    }

    public static void submitted(HelpRequestSubmitted s) {
        send(
                requestsTopic(),
                s.requestId(),
                HelpRequestSubmitted.TYPE,
                HelpRequestSubmitted.VERSION,
                s,
                "/requests-service",
                s.organisationId());
    }

    public static void cancelled(String requestId, String organisation) {
        send(
                requestsTopic(),
                requestId,
                HelpRequestCancelled.TYPE,
                1,
                new HelpRequestCancelled(requestId, organisation, "不再需要", organisation + "/partner", Instant.now()),
                "/requests-service",
                organisation);
    }

    /** Ops corrected the request's priority in requests-service (issue 11). */
    public static void priorityCorrected(
            String requestId, String organisation, String before, String after, String reason) {
        send(
                requestsTopic(),
                requestId,
                HelpRequestPriorityCorrected.TYPE,
                HelpRequestPriorityCorrected.VERSION,
                new HelpRequestPriorityCorrected(
                        requestId,
                        organisation,
                        before,
                        after,
                        List.of(),
                        List.of(),
                        reason,
                        "ops:wang",
                        Instant.now()),
                "/requests-service",
                organisation);
    }

    public static void reserved(StockAllocation a) {
        send(inventoryTopic(), a.requestId(), StockAllocation.RESERVED, 1, a, "/inventory-service", null);
    }

    public static void released(String requestId, String reason) {
        send(
                inventoryTopic(),
                requestId,
                StockReservationReleased.TYPE,
                1,
                new StockReservationReleased(requestId, UUID.randomUUID().toString(), reason, List.of(), Instant.now()),
                "/inventory-service",
                null);
    }

    public static String requestsTopic() {
        return ConfigProvider.getConfig().getValue(DispatchInfrastructure.REQUESTS_TOPIC, String.class);
    }

    public static String inventoryTopic() {
        return ConfigProvider.getConfig().getValue(DispatchInfrastructure.INVENTORY_TOPIC, String.class);
    }

    public static void send(
            String topic, String key, String type, int version, Object payload, String source, String org) {
        try {
            sendAsync(topic, key, type, version, payload, source, org).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send " + type, e);
        }
    }

    public static synchronized Future<?> sendAsync(
            String topic, String key, String type, int version, Object payload, String source, String org) {
        if (producer == null) {
            producer = new KafkaProducer<>(OutboxRelayService.producerProperties(
                    TestInfrastructure.kafkaBootstrapServers(), "dispatch-test-sender"));
        }
        try {
            var record = new ProducerRecord<String, String>(topic, key, JSON.writeValueAsString(payload));
            CloudEvents.headers(
                            UUID.randomUUID(),
                            type,
                            version,
                            source,
                            key,
                            Instant.now(),
                            EventContext.command(key, source.substring(1), org))
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            return producer.send(record);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What dispatch published for a request, in order, waiting until at least {@code atLeast} are there. */
    public static List<Published> published(String requestId, int atLeast) {
        List<ConsumerRecord<String, String>> records =
                TestTopics.recordsOfKey(Topics.DISPATCH, requestId, atLeast, Duration.ofSeconds(45));
        List<Published> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                out.add(new Published(CloudEvents.last(r.headers(), CloudEvents.TYPE), JSON.readTree(r.value())));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    public static List<Published> ofType(List<Published> all, String type) {
        return all.stream().filter(p -> p.type().equals(type)).toList();
    }

    /** A vehicle for tests, with explicit capacity. */
    public static String vehicle(
            String org, String carrier, String kind, String payloadKg, String volumeM3, String district) {
        Map<String, Object> body = Fixtures.vehicle(carrier, kind, Fixtures.plate(), district);
        body.put("payloadKg", new BigDecimal(payloadKg));
        body.put("volumeM3", new BigDecimal(volumeM3));
        return Fixtures.registerVehicle(org, body);
    }

    public static void takeOff(String org, String vehicleId) {
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("available", false, "reason", "test over"))
                .post("/vehicles/" + vehicleId + "/availability");
    }

    /** A window on a day of its own, so that no other test's taxi windows or rides meet it. */
    public static Instant day() {
        return Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .plus(Duration.ofDays(
                        30 + java.util.concurrent.ThreadLocalRandom.current().nextInt(3000)));
    }

    /** A taxi that may be dispatched only within [from, to). */
    public static String taxi(
            String org, String carrier, String district, boolean wheelchair, Instant from, Instant to) {
        Map<String, Object> body = Fixtures.vehicle(carrier, "TAXI", Fixtures.plate(), district);
        body.put("wheelchairAccessible", wheelchair);
        String id = Fixtures.registerVehicle(org, body);
        Fixtures.as(org, "dispatcher")
                .contentType(ContentType.JSON)
                .body(Map.of("windows", List.of(Map.of("from", from.toString(), "to", to.toString()))))
                .put("/vehicles/" + id + "/windows")
                .then()
                .statusCode(200);
        return id;
    }

    /** Taxis of other tests without windows could take any ride: a ride scenario's fleet is its own. */
    public static void otherTaxisWithoutWindowsOff() {
        List<Map<String, Object>> taxis = Fixtures.ops()
                .queryParam("kind", "TAXI")
                .queryParam("available", "true")
                .get("/vehicles")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        for (Map<String, Object> t : taxis) {
            if (((List<?>) t.get("windows")).isEmpty()) {
                // as the owner's dispatcher: the write rate limit is per organisation
                Fixtures.as((String) t.get("organisationId"), "dispatcher")
                        .contentType(ContentType.JSON)
                        .body(Map.of("available", false, "reason", "scenario fleet"))
                        .post("/vehicles/" + t.get("id") + "/availability")
                        .then()
                        .statusCode(200);
            }
        }
    }

    /** Pairs of bookings of one vehicle whose periods overlap: the invariant says none. */
    public static long overlappingBookings(org.relief.kernel.tx.Transactions transactions) {
        return transactions.inNewTransaction(c -> {
            try (var ps = c.prepareStatement("select count(*) from vehicle_booking a join vehicle_booking b "
                            + "on a.vehicle_id = b.vehicle_id and a.trip_id < b.trip_id and a.period && b.period");
                    var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
