package org.relief.requests.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.relief.contracts.Topics;
import org.relief.contracts.dispatch.DeliveredLine;
import org.relief.contracts.dispatch.Place;
import org.relief.contracts.dispatch.TripCancelled;
import org.relief.contracts.dispatch.TripDelivered;
import org.relief.contracts.dispatch.TripFailed;
import org.relief.contracts.dispatch.TripLine;
import org.relief.contracts.dispatch.TripPickedUp;
import org.relief.contracts.dispatch.TripQueued;
import org.relief.contracts.dispatch.TripScheduled;
import org.relief.contracts.dispatch.TripWaitOverdue;
import org.relief.contracts.volunteer.VolunteerAssigned;
import org.relief.contracts.volunteer.VolunteerAssignmentAnswered;
import org.relief.contracts.volunteer.VolunteerCallCompleted;
import org.relief.contracts.volunteer.VolunteerCallOpened;
import org.relief.contracts.volunteer.VolunteerCallShort;
import org.relief.kernel.envelope.EventContext;
import org.relief.kernel.testing.TestTopics;

/**
 * Stand-ins for dispatch-service and volunteer-service: their contract events about our requests, sent onto the real
 * topics as their outbox relays would.
 */
public final class Saga {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    public static final Place WAREHOUSE = new Place("wh-1", "曲江仓库", "雁塔区", "曲江路 1 号");
    public static final Place COMPOUND = new Place(null, "锦业路小区", "雁塔区", "锦业路1号");

    private Saga() {}

    public static UUID dispatch(String requestId, String type, Object payload) {
        return send(Topics.DISPATCH, "/dispatch-service", "dispatch-service", requestId, type, payload);
    }

    public static UUID volunteer(String key, String type, Object payload) {
        return send(Topics.VOLUNTEER, "/volunteer-service", "volunteer-service", key, type, payload);
    }

    private static UUID send(String topic, String source, String actor, String key, String type, Object payload) {
        UUID id = UUID.randomUUID();
        try {
            TestTopics.send(
                    topic,
                    key,
                    id,
                    type,
                    source,
                    JSON.writeValueAsString(payload),
                    new EventContext(key, null, actor, null, null));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** suits and masks on a trip (0 leaves the item off) */
    public static List<TripLine> load(int suits, int masks) {
        List<TripLine> lines = new java.util.ArrayList<>();
        if (suits > 0) {
            lines.add(new TripLine(
                    "protective-suit",
                    "piece",
                    BigDecimal.valueOf(suits),
                    BigDecimal.valueOf(suits).multiply(new BigDecimal("0.5")),
                    null));
        }
        if (masks > 0) {
            lines.add(new TripLine(
                    "n95-mask",
                    "piece",
                    BigDecimal.valueOf(masks),
                    BigDecimal.valueOf(masks).multiply(new BigDecimal("0.01")),
                    null));
        }
        return lines;
    }

    public static UUID queued(String requestId, String org, String trip, String kind, String reason) {
        return dispatch(
                requestId,
                TripQueued.TYPE,
                new TripQueued(trip, requestId, org, kind, WAREHOUSE, COMPOUND, List.of(), reason, Instant.now()));
    }

    public static UUID scheduled(
            String requestId,
            String org,
            String trip,
            String kind,
            String plate,
            String replanOf,
            List<TripLine> lines) {
        Instant now = Instant.now();
        return dispatch(
                requestId,
                TripScheduled.TYPE,
                new TripScheduled(
                        trip,
                        requestId,
                        org,
                        kind,
                        "veh-" + plate,
                        plate,
                        "RIDE".equals(kind) ? "TAXI" : "VAN",
                        "carrier-1",
                        "刘师傅",
                        "13900000000",
                        WAREHOUSE,
                        COMPOUND,
                        lines,
                        new BigDecimal("110"),
                        new BigDecimal("2.5"),
                        now.plusSeconds(600),
                        now.plusSeconds(4200),
                        replanOf,
                        List.of("最近的空闲车辆，距仓库 3.2 公里"),
                        now));
    }

    public static UUID pickedUp(String requestId, String org, String trip, String kind, List<TripLine> lines) {
        return dispatch(
                requestId,
                TripPickedUp.TYPE,
                new TripPickedUp(trip, requestId, org, kind, "veh", lines, Instant.now()));
    }

    public static UUID delivered(
            String requestId, String org, String trip, String kind, String receivedBy, List<DeliveredLine> lines) {
        return dispatch(
                requestId,
                TripDelivered.TYPE,
                new TripDelivered(trip, requestId, org, kind, "veh", receivedBy, lines, "门口交接", Instant.now()));
    }

    public static UUID failed(
            String requestId, String org, String trip, String reason, boolean wasPickedUp, String replacement) {
        return dispatch(
                requestId,
                TripFailed.TYPE,
                new TripFailed(
                        trip,
                        requestId,
                        org,
                        "FREIGHT",
                        "veh",
                        reason,
                        wasPickedUp,
                        replacement == null ? TripFailed.RETURNED : TripFailed.REPLANNED,
                        replacement,
                        Instant.now()));
    }

    public static UUID cancelled(String requestId, String org, String trip, String reason, boolean wasPickedUp) {
        return dispatch(
                requestId,
                TripCancelled.TYPE,
                new TripCancelled(trip, requestId, org, "FREIGHT", "veh", reason, wasPickedUp, Instant.now()));
    }

    public static UUID waitOverdue(String requestId, String org, String trip) {
        Instant now = Instant.now();
        return dispatch(
                requestId,
                TripWaitOverdue.TYPE,
                new TripWaitOverdue(
                        trip, requestId, org, "FREIGHT", now.minusSeconds(7200), now.minusSeconds(60), now));
    }

    public static UUID callOpened(String requestId, String call, String trip, String purpose, int needed) {
        Instant now = Instant.now();
        return volunteer(
                requestId == null ? call : requestId,
                VolunteerCallOpened.TYPE,
                new VolunteerCallOpened(
                        call,
                        requestId,
                        trip,
                        "org",
                        purpose,
                        null,
                        needed,
                        "雁塔区",
                        "锦业路小区",
                        now,
                        now.plusSeconds(7200),
                        now));
    }

    public static UUID callShort(String requestId, String call, String purpose, int needed, int assigned) {
        return volunteer(
                requestId,
                VolunteerCallShort.TYPE,
                new VolunteerCallShort(call, requestId, null, purpose, needed, assigned, "附近没有空闲的志愿者", Instant.now()));
    }

    public static UUID assigned(
            String requestId,
            String call,
            String trip,
            String purpose,
            String assignment,
            String name,
            int assigned,
            int needed) {
        Instant now = Instant.now();
        return volunteer(
                requestId,
                VolunteerAssigned.TYPE,
                new VolunteerAssigned(
                        call,
                        requestId,
                        trip,
                        purpose,
                        assignment,
                        "vol-" + assignment,
                        name,
                        now,
                        now.plusSeconds(7200),
                        assigned,
                        needed,
                        now));
    }

    public static UUID answered(String requestId, String call, String purpose, String assignment, boolean accepted) {
        return volunteer(
                requestId,
                accepted ? VolunteerAssignmentAnswered.ACCEPTED : VolunteerAssignmentAnswered.DECLINED,
                new VolunteerAssignmentAnswered(
                        call,
                        requestId,
                        null,
                        purpose,
                        assignment,
                        "vol-" + assignment,
                        accepted ? null : "临时有事",
                        Instant.now()));
    }

    public static UUID completed(String requestId, String call, String purpose, int people, String hours) {
        return volunteer(
                requestId,
                VolunteerCallCompleted.TYPE,
                new VolunteerCallCompleted(
                        call, requestId, null, purpose, people, new BigDecimal(hours), Instant.now()));
    }
}
