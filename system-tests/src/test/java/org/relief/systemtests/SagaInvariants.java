package org.relief.systemtests;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.relief.contracts.Topics;
import org.relief.kernel.testing.TestInfrastructure;
import org.relief.kernel.testing.TestTokens;

/**
 * What must hold after any number of faults, read from the four services' APIs and databases. Each check returns
 * the violations it found (empty: it holds) and counts what it looked at in {@link #figures}.
 */
final class SagaInvariants {
    static final String OPS = TestTokens.token(null, "ops");

    /** Which consumer (inbox name) reads which producer's topic: every event of the topic must reach each of them. */
    static final Map<String, List<String>> CONSUMERS_OF = Map.of(
            Topics.REQUESTS,
                    List.of(
                            "inventory-service.requests-events",
                            "dispatch-service.requests-events",
                            "volunteer-service.requests-events"),
            Topics.INVENTORY, List.of("requests-service.inventory-events", "dispatch-service.inventory-events"),
            Topics.DISPATCH,
                    List.of(
                            "requests-service.dispatch-events",
                            "inventory-service.dispatch-events",
                            "volunteer-service.dispatch-events"),
            Topics.VOLUNTEER, List.of("requests-service.volunteer-events"));

    static final Map<String, String> PRODUCER_DB = Map.of(
            Topics.REQUESTS,
            "requests_system",
            Topics.INVENTORY,
            "inventory_system",
            Topics.DISPATCH,
            "dispatch_system",
            Topics.VOLUNTEER,
            "volunteer_system");

    final Map<String, Long> figures = new HashMap<>();
    private final ServiceProcess requests;
    private final ServiceProcess inventory;
    private final ServiceProcess dispatch;
    private final ServiceProcess volunteer;

    SagaInvariants(
            ServiceProcess requests, ServiceProcess inventory, ServiceProcess dispatch, ServiceProcess volunteer) {
        this.requests = requests;
        this.inventory = inventory;
        this.dispatch = dispatch;
        this.volunteer = volunteer;
    }

    static String status(ServiceProcess requests, String id, String organisation) {
        return given().baseUri(requests.baseUri())
                .auth()
                .oauth2(SagaLoad.partnerToken(organisation))
                .get("/help-requests/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("request.status");
    }

    /** The volunteer calls of a request, as ops read them. */
    static List<Map<String, Object>> calls(ServiceProcess volunteer, String requestId) {
        return given().baseUri(volunteer.baseUri())
                .auth()
                .oauth2(OPS)
                .queryParam("requestId", requestId)
                .get("/calls")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    /** Every accepted request exists and is where it must be: cancelled ones CANCELLED, the others scheduled. */
    List<String> everySagaEnded(Map<String, String> accepted, Set<String> cancelled, String scheduled) {
        List<String> v = new ArrayList<>();
        accepted.forEach((id, org) -> {
            String status = status(requests, id, org);
            String expected = cancelled.contains(id) ? "CANCELLED" : scheduled;
            if (!expected.equals(status)) {
                v.add("request " + id + " is " + status + ", expected " + expected);
            }
        });
        figures.put("sagas checked", (long) accepted.size());
        return v;
    }

    /** Stock adds up and exactly {@code reservedPerSaga} is held per live saga: no reservation twice, none lost. */
    List<String> stockHeldOncePerSaga(String item, int liveSagas, int reservedPerSaga) {
        List<Map<String, Object>> rows = given().baseUri(inventory.baseUri())
                .auth()
                .oauth2(OPS)
                .queryParam("item", item)
                .get("/stock")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        long onHand = 0, reserved = 0, available = 0;
        for (Map<String, Object> row : rows) {
            onHand += ((Number) row.get("onHand")).longValue();
            reserved += ((Number) row.get("reserved")).longValue();
            available += ((Number) row.get("available")).longValue();
        }
        List<String> v = new ArrayList<>();
        if (onHand != reserved + available || reserved < 0 || available < 0) {
            v.add("stock of " + item + " does not add up: onHand " + onHand + ", reserved " + reserved + ", available "
                    + available);
        }
        if (reserved != (long) liveSagas * reservedPerSaga) {
            v.add("stock of " + item + ": " + reserved + " reserved for " + liveSagas + " live sagas of "
                    + reservedPerSaga + " each");
        }
        return v;
    }

    /** One live trip per scheduled request, none for a cancelled one; each trip's volunteer calls opened once. */
    List<String> oneTripAndOneSetOfCallsPerSaga(Map<String, String> accepted, Set<String> cancelled) {
        List<String> v = new ArrayList<>();
        long trips = 0, calls = 0;
        for (String id : accepted.keySet()) {
            List<Map<String, Object>> items = given().baseUri(dispatch.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .queryParam("requestId", id)
                    .queryParam("size", 50)
                    .get("/trips")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("items");
            List<Map<String, Object>> live = items.stream()
                    .filter(t -> !"CANCELLED".equals(t.get("status")))
                    .toList();
            trips += items.size();
            if (cancelled.contains(id) ? !live.isEmpty() : live.size() != 1) {
                v.add("request " + id + " has " + live.size() + " live trips: " + items);
            }
            List<Map<String, Object>> callsOfRequest = calls(volunteer, id);
            Set<String> seen = new HashSet<>();
            for (Map<String, Object> call : callsOfRequest) {
                calls++;
                if (!"CANCELLED".equals(call.get("status"))
                        && !seen.add(call.get("tripId") + "/" + call.get("purpose"))) {
                    v.add("request " + id + ": call for " + call.get("tripId") + "/" + call.get("purpose")
                            + " opened twice");
                }
                if (((Number) call.get("assigned")).intValue() > ((Number) call.get("needed")).intValue()) {
                    v.add("call " + call.get("id") + " has more volunteers than it needs: " + call);
                }
            }
        }
        figures.put("trips checked", trips);
        figures.put("volunteer calls checked", calls);
        return v;
    }

    /** No vehicle and no volunteer on two overlapping bookings. */
    List<String> nobodyDoubleBooked(List<String> vehicleIds, List<String> volunteerIds) {
        List<String> v = new ArrayList<>();
        for (String id : vehicleIds) {
            v.addAll(overlaps(
                    "vehicle " + id,
                    given().baseUri(dispatch.baseUri())
                            .auth()
                            .oauth2(OPS)
                            .get("/vehicles/" + id + "/bookings")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("$")));
        }
        for (String id : volunteerIds) {
            v.addAll(overlaps(
                    "volunteer " + id,
                    given().baseUri(volunteer.baseUri())
                            .auth()
                            .oauth2(OPS)
                            .get("/volunteers/" + id + "/bookings")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("$")));
        }
        figures.put("vehicles and volunteers checked", (long) (vehicleIds.size() + volunteerIds.size()));
        return v;
    }

    /** SagaSystemTest's overlap rule (an open booking lasts until its trip ends), as a violation instead of a throw. */
    private static List<String> overlaps(String what, List<Map<String, Object>> bookings) {
        try {
            SagaSystemTest.assertNoOverlap(what, bookings);
            return List.of();
        } catch (AssertionError e) {
            return List.of(String.valueOf(e.getMessage()));
        }
    }

    /**
     * Every integration event a service committed was published (nothing left in its outbox) and taken in by each of
     * its consumers (its id is in their inbox): nothing lost between the services, whatever was killed.
     */
    List<String> everyEventReachedEveryConsumer() throws Exception {
        List<String> v = new ArrayList<>();
        long events = 0, deliveries = 0;
        for (var entry : CONSUMERS_OF.entrySet()) {
            String topic = entry.getKey();
            Set<String> published = new HashSet<>();
            try (Connection c = TestInfrastructure.connect(PRODUCER_DB.get(topic));
                    PreparedStatement ps = c.prepareStatement(
                            "select event_id, published_at is not null from outbox where topic = ?")) {
                ps.setString(1, topic);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        published.add(rs.getString(1));
                        if (!rs.getBoolean(2)) {
                            v.add(topic + ": event " + rs.getString(1) + " is still unpublished in the outbox");
                        }
                    }
                }
            }
            events += published.size();
            for (String consumer : entry.getValue()) {
                String database = consumer.substring(0, consumer.indexOf("-service")) + "_system";
                Set<String> received = new HashSet<>();
                try (Connection c = TestInfrastructure.connect(database);
                        PreparedStatement ps = c.prepareStatement("select event_id from inbox where consumer = ?")) {
                    ps.setString(1, consumer);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            received.add(rs.getString(1));
                        }
                    }
                }
                Set<String> missing = new HashSet<>(published);
                missing.removeAll(received);
                deliveries += published.size() - missing.size();
                if (!missing.isEmpty()) {
                    v.add(consumer + " never took in " + missing.size() + " of the " + published.size() + " events of "
                            + topic + ", e.g. " + missing.iterator().next());
                }
            }
        }
        figures.put("integration events checked", events);
        figures.put("event deliveries checked", deliveries);
        return v;
    }

    /** Nothing waits in a parking lot. */
    List<String> nothingParked() {
        List<String> v = new ArrayList<>();
        for (ServiceProcess s : all()) {
            List<Object> parked = given().baseUri(s.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .get("/ops/parked-events")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("$");
            if (!parked.isEmpty()) {
                v.add(s.name + " has parked events: " + parked);
            }
        }
        return v;
    }

    /** Every projection rebuilt from its service's event store equals the live one. */
    List<String> projectionsEqualTheirEventStores() {
        List<String> v = new ArrayList<>();
        long checked = 0;
        for (ServiceProcess s : all()) {
            List<String> names = given().baseUri(s.baseUri())
                    .auth()
                    .oauth2(OPS)
                    .get("/ops/projections")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("name");
            for (String name : names) {
                JsonPath report = given().baseUri(s.baseUri())
                        .auth()
                        .oauth2(OPS)
                        .post("/ops/projections/" + name + "/verify")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                checked++;
                if (!Objects.equals(Boolean.TRUE, report.get("equal"))) {
                    v.add(s.name + " projection " + name + " differs from its rebuild: " + report.prettify());
                }
            }
        }
        figures.put("projections verified", checked);
        return v;
    }

    private List<ServiceProcess> all() {
        return List.of(requests, inventory, dispatch, volunteer);
    }
}
