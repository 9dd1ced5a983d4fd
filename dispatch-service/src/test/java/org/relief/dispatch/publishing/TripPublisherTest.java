package org.relief.dispatch.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relief.contracts.dispatch.TripDelivered;
import org.relief.contracts.dispatch.TripScheduled;
import org.relief.dispatch.domain.DeliveredLine;
import org.relief.dispatch.domain.Place;
import org.relief.dispatch.domain.Priority;
import org.relief.dispatch.domain.Trip;
import org.relief.dispatch.domain.TripEvent;
import org.relief.dispatch.domain.TripKind;
import org.relief.dispatch.domain.TripLine;
import org.relief.dispatch.domain.VehicleBooking;
import org.relief.dispatch.domain.VehicleKind;

/** Dispatch's own values become the published contract's field for field. */
class TripPublisherTest {
    static final Instant NOW = Instant.parse("2021-12-24T08:00:00Z");
    static final Place FROM = new Place("w1", "雁塔仓库", "雁塔区", "科技路 1 号");
    static final Place TO = new Place(null, "锦业路小区", "雁塔区", "锦业路1号");
    static final TripLine MASKS = new TripLine("n95-mask", "piece", new BigDecimal("100"), new BigDecimal("5"), null);

    @Test
    void scheduledAndDeliveredCarryPlacesAndLines() {
        Trip t = Trip.plan(
                "t1",
                TripKind.FREIGHT,
                "r1",
                "org",
                Priority.HIGH,
                FROM,
                TO,
                "w1",
                List.of(MASKS),
                null,
                null,
                List.of(),
                NOW);
        assertNull(TripPublisher.integrationEvent(t, t.pendingEvents().get(0)), "Planned is not published");
        t.schedule(
                new VehicleBooking(
                        "v1", "陕A12345", VehicleKind.TRUCK, "c1", "org2", "王师傅", "138", NOW, NOW.plusSeconds(3600)),
                null,
                List.of("why"),
                NOW);
        TripEvent scheduled = t.pendingEvents().get(t.pendingEvents().size() - 1);
        TripScheduled s = assertInstanceOf(TripScheduled.class, TripPublisher.integrationEvent(t, scheduled));
        assertEquals(new org.relief.contracts.dispatch.Place("w1", "雁塔仓库", "雁塔区", "科技路 1 号"), s.from());
        assertEquals(new org.relief.contracts.dispatch.Place(null, "锦业路小区", "雁塔区", "锦业路1号"), s.to());
        assertEquals(
                List.of(new org.relief.contracts.dispatch.TripLine(
                        "n95-mask", "piece", new BigDecimal("100"), new BigDecimal("5"), null)),
                s.lines());

        TripEvent.Delivered d = new TripEvent.Delivered(
                "李",
                List.of(new DeliveredLine("n95-mask", "piece", new BigDecimal("98"), new BigDecimal("2"), "破损")),
                "ok",
                NOW);
        TripDelivered delivered = assertInstanceOf(TripDelivered.class, TripPublisher.integrationEvent(t, d));
        assertEquals(
                List.of(new org.relief.contracts.dispatch.DeliveredLine(
                        "n95-mask", "piece", new BigDecimal("98"), new BigDecimal("2"), "破损")),
                delivered.lines());
    }
}
