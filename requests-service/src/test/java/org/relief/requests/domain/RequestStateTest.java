package org.relief.requests.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.requests.domain.HelpRequestEvent.AllocationOutcome;
import org.relief.requests.domain.HelpRequestEvent.ReservedQuantity;

/** The fold the projection caches: the same answer from the events alone, and it survives its JSON column. */
class RequestStateTest {
    private final Clock clock = Clock.fixed(Instant.parse("2021-12-24T08:00:00Z"), ZoneOffset.UTC);
    private static final Instant T = Instant.parse("2021-12-24T09:00:00Z");
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private HelpRequest walked() {
        HelpRequest r = Submissions.submit(
                new SubmitHelpRequest(
                        "org-1",
                        RequestKind.SUPPLIES,
                        Priority.HIGH,
                        List.of(),
                        "锦业路小区",
                        "雁塔区",
                        null,
                        null,
                        null,
                        List.of(new SupplyLine("n95-mask", new BigDecimal("1000"), "piece")),
                        null,
                        null,
                        null,
                        null),
                null,
                clock);
        r.reservationOpened("res-1", clock);
        r.stockAllocated(
                "res-1",
                AllocationOutcome.RESERVED,
                List.of(new ReservedQuantity("n95-mask", "piece", new BigDecimal("1000"))),
                List.of(),
                null,
                clock);
        var load = List.of(new HelpRequestEvent.LoadedQuantity("n95-mask", "piece", new BigDecimal("600")));
        r.transportScheduled(HelpRequestTest.scheduled("trip-1", "FREIGHT", "veh-1", null, load));
        r.transportQueued(HelpRequestTest.queued("trip-2", "FREIGHT"));
        r.loadPickedUp(new HelpRequestEvent.LoadPickedUp("trip-1", load, T));
        r.volunteerCallOpened(new HelpRequestEvent.VolunteerCallOpened(
                "call-1", "trip-1", "HAND_OUT", null, 2, "雁塔区", "锦业路小区", T, T.plusSeconds(3600), T));
        r.volunteerAssigned(new HelpRequestEvent.VolunteerAssigned(
                "call-1", "trip-1", "HAND_OUT", "as-1", "vol-1", "小王", T, T.plusSeconds(3600), 1, 2, T));
        return r;
    }

    @Test
    void foldingTheEventsAloneGivesTheAggregatesState() {
        HelpRequest r = walked();
        RequestState folded = RequestState.EMPTY;
        for (HelpRequestEvent e : r.pendingEvents()) {
            folded = folded.apply(e);
        }
        assertEquals(r.state(), folded);
        assertEquals(RequestStatus.IN_TRANSIT, folded.status());
        assertEquals(List.of("trip-1"), folded.openTrips(), "the queued trip is not booked yet");
        assertEquals(0, folded.line("n95-mask").inTransit().compareTo(new BigDecimal("600")));
        assertEquals(0, folded.line("n95-mask").awaitingTransport().compareTo(new BigDecimal("400")));
    }

    @Test
    void theStateSurvivesItsJsonColumnAndAnOlderShapeReadsWithoutTripsOrCalls() throws Exception {
        RequestState state = walked().state();
        assertEquals(state, json.readValue(json.writeValueAsString(state), RequestState.class));

        String older =
                """
                {"id":"r-1","organisationId":"org-1","kind":"SUPPLIES","priority":"HIGH",
                 "lines":[{"item":"n95-mask","unit":"piece","requested":1000,"reserved":1000,"inTransit":0,"delivered":0,"rejected":0}],
                 "reservationId":"res-1","allocated":true,"openTrips":[],"reportedTrips":[],"cancelled":false,"expired":false,
                 "escalatedFor":null,"status":"RESERVED"}""";
        RequestState read = json.readValue(older, RequestState.class);
        assertTrue(read.trips().isEmpty() && read.calls().isEmpty());
        assertEquals(RequestStatus.RESERVED, read.deriveStatus());
        RequestState next = read.apply(HelpRequestTest.queued("trip-1", "FREIGHT"));
        assertEquals(RequestStatus.WAITING_FOR_VEHICLE, next.status());
    }
}
